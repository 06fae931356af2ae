using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Platform.SinchEmulator.Tests.Support;

/// <summary>The real emulator in process, on the appsettings.json seed, with retries shrunk to milliseconds.</summary>
public sealed class EmulatorFactory(IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string ProjectId = "5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b";
    public const string AppId = "01JAPP7Q9M2K4W6X8Y0Z1B3C5D";
    public const string KeyId = "emulator-key-id";
    public const string KeySecret = "emulator-key-secret";
    public const string CallbackUrlSecret = "emulator-callback-url-secret";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Emulator:Callbacks:InitialBackoffMilliseconds"] = "10",
            ["Emulator:Callbacks:MaxBackoffMilliseconds"] = "40",
            ["Emulator:Callbacks:TimeoutSeconds"] = "2",
            ["Emulator:Delivery:MediaFetchTimeoutSeconds"] = "2",
        }.Concat(settings ?? new Dictionary<string, string?>())));
    }
}

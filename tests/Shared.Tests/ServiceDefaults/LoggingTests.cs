using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Shared.Tests.ServiceDefaults;

public sealed class LoggingTests
{
    [Fact]
    public void Console_logs_are_json_by_default()
    {
        Assert.Equal(ConsoleFormatterNames.Json, FormatterWith(null));
    }

    [Fact]
    public void A_configured_console_formatter_wins_over_json()
    {
        Assert.Equal(ConsoleFormatterNames.Simple, FormatterWith("simple"));
    }

    private static string? FormatterWith(string? formatter)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:Console:FormatterName"] = formatter });
        builder.AddJsonLogging();
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName;
    }
}

extern alias emulator;

using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;
using EmulatorProgram = emulator::Program;

namespace Platform.Media.Tests.Support;

/// <summary>The Sinch emulator on a real loopback port, standing in for the channel CDN and for Sinch itself.</summary>
internal sealed class EmulatorHost : IAsyncDisposable
{
    private readonly ServiceFactory<EmulatorProgram> _factory;

    private EmulatorHost(ServiceFactory<EmulatorProgram> factory, Uri address)
    {
        _factory = factory;
        Client = new HttpClient { BaseAddress = address };
    }

    public HttpClient Client { get; }

    public static EmulatorHost Start(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var factory = new ServiceFactory<EmulatorProgram>(settings ?? new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
        });
        return new EmulatorHost(factory, factory.StartOnLoopback());
    }

    /// <summary>Hosts a file at a public URL of the emulator (as a channel CDN would); returns the URL.</summary>
    public async Task<string> HostMediaAsync(byte[] content, string contentType, string fileName)
    {
        using var response = await Client.PostAsJsonAsync(
            new Uri("/emulator/media", UriKind.Relative),
            new Dictionary<string, object> { ["content_base64"] = Convert.ToBase64String(content), ["content_type"] = contentType, ["file_name"] = fileName });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("url").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}

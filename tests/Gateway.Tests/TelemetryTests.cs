using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults.Telemetry;
using Platform.Testing;

namespace Platform.Gateway.Tests;

/// <summary>The gateway spends nothing on traces that no exporter would send, and always serves its metrics.</summary>
public sealed class TelemetryTests
{
    private static ServiceFactory<Program> Gateway(Dictionary<string, string?> extra) =>
        new(new Dictionary<string, string?>(extra)
        {
            ["Gateway:Authentication:ApiKeySha256:0"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("metrics-key"))),
        });

    [Fact]
    public async Task Without_an_otlp_endpoint_no_traces_are_collected()
    {
        await using var gateway = Gateway([]);
        using var client = gateway.CreateClient();

        Assert.Null(gateway.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task With_an_otlp_endpoint_traces_are_collected()
    {
        await using var gateway = Gateway(new() { [TelemetryExtensions.OtlpEndpointSetting] = "http://127.0.0.1:4317" });
        using var client = gateway.CreateClient();

        Assert.Equal("TracerProviderSdk", gateway.Services.GetRequiredService<TracerProvider>().GetType().Name);
    }

    [Fact]
    public async Task Metrics_need_the_api_key_on_the_public_port()
    {
        await using var gateway = Gateway([]);
        using var client = gateway.CreateClient();

        using var anonymous = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        request.Headers.Authorization = new("Bearer", "metrics-key");
        using var authenticated = await client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, authenticated.StatusCode);
    }
}

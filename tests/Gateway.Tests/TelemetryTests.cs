using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Platform.Gateway.Telemetry;
using Platform.Testing;

namespace Platform.Gateway.Tests;

/// <summary>The gateway spends nothing on traces and metrics that no exporter would send.</summary>
public sealed class TelemetryTests
{
    private static async Task<(string? Disabled, string TracerProvider)> TelemetryWith(Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>(extra)
        {
            ["Gateway:Authentication:ApiKeySha256:0"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("unused-key"))),
        };
        await using var gateway = new ServiceFactory<Program>(settings);
        using var client = gateway.CreateClient();
        return (gateway.Services.GetRequiredService<IConfiguration>()[TelemetrySetup.DisabledSetting],
            gateway.Services.GetRequiredService<TracerProvider>().GetType().Name);
    }

    [Fact]
    public async Task Without_an_otlp_endpoint_the_telemetry_sdk_is_off()
    {
        var (disabled, tracerProvider) = await TelemetryWith([]);

        Assert.Equal("true", disabled);
        Assert.DoesNotContain("Sdk", tracerProvider, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_otlp_endpoint_the_telemetry_sdk_stays_on()
    {
        var (disabled, tracerProvider) = await TelemetryWith(new() { [TelemetrySetup.EndpointSetting] = "http://127.0.0.1:4317" });

        Assert.Null(disabled);
        Assert.Equal("TracerProviderSdk", tracerProvider);
    }

    [Fact]
    public async Task An_explicit_setting_wins()
    {
        var (disabled, tracerProvider) = await TelemetryWith(new() { [TelemetrySetup.DisabledSetting] = "false" });

        Assert.Equal("false", disabled);
        Assert.Equal("TracerProviderSdk", tracerProvider);
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Gateway.Telemetry;
using Platform.Testing;

namespace Platform.Gateway.Tests;

/// <summary>The gateway spends nothing on traces and metrics that no exporter would send.</summary>
public sealed class TelemetryTests
{
    private static async Task<string?> DisabledSettingWith(Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>(extra)
        {
            ["Gateway:Authentication:ApiKeySha256:0"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("unused-key"))),
        };
        await using var gateway = new ServiceFactory<Program>(settings);
        using var client = gateway.CreateClient();
        return gateway.Services.GetRequiredService<IConfiguration>()[TelemetrySetup.DisabledSetting];
    }

    [Fact]
    public async Task Without_an_otlp_endpoint_the_telemetry_sdk_is_off()
    {
        Assert.Equal("true", await DisabledSettingWith([]));
    }

    [Fact]
    public async Task With_an_otlp_endpoint_the_telemetry_sdk_stays_on()
    {
        Assert.Null(await DisabledSettingWith(new() { [TelemetrySetup.EndpointSetting] = "http://127.0.0.1:4317" }));
    }

    [Fact]
    public async Task An_explicit_setting_wins()
    {
        Assert.Equal("false", await DisabledSettingWith(new() { [TelemetrySetup.DisabledSetting] = "false" }));
    }
}

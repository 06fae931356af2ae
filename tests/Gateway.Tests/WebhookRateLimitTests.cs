using System.Security.Cryptography;
using System.Text;
using Platform.Gateway.RateLimiting;
using Platform.Testing;

namespace Platform.Gateway.Tests;

/// <summary>The webhook limit is per Sinch app, and its default lets a busy app's callbacks through (docs/architecture.md).</summary>
public sealed class WebhookRateLimitTests : IAsyncLifetime
{
    private FakeService ingress = null!;
    private ServiceFactory<Program> gateway = null!;

    public async Task InitializeAsync()
    {
        ingress = await FakeService.StartAsync("ingress");
        gateway = new ServiceFactory<Program>(new Dictionary<string, string?>
        {
            ["Gateway:Authentication:ApiKeySha256:0"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("unused-key"))),
            ["Gateway:RateLimits:WebhookPermitsPerWindow"] = "2",
            ["Gateway:RateLimits:WindowSeconds"] = "3600",
            ["ReverseProxy:Clusters:ingress:Destinations:primary:Address"] = ingress.Address.ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await ingress.DisposeAsync();
    }

    [Fact]
    public async Task An_app_over_its_webhook_limit_gets_429_while_another_app_is_forwarded()
    {
        using var client = gateway.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await client.PostAsync(new Uri("/webhooks/sinch/01JW4BUSYAPP00000000000000", UriKind.Relative), new StringContent("{}"));
            Assert.Equal(200, (int)allowed.StatusCode);
        }

        using var limited = await client.PostAsync(new Uri("/webhooks/sinch/01JW4BUSYAPP00000000000000", UriKind.Relative), new StringContent("{}"));
        using var other = await client.PostAsync(new Uri("/webhooks/sinch/01JW4QUIETAPP0000000000000", UriKind.Relative), new StringContent("{}"));

        Assert.Equal(429, (int)limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(200, (int)other.StatusCode);
        Assert.Equal("ingress POST /webhooks/sinch/01JW4QUIETAPP0000000000000", await other.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Default_webhook_limit_covers_an_app_sending_at_Sinch_project_rate_with_headroom()
    {
        const int sinchSendsPerSecond = 800;
        const int statusCallbacksPerSend = 3;
        const int inboundPerSecond = sinchSendsPerSecond;
        var options = new RateLimitOptions();

        var permitsPerSecond = (double)options.WebhookPermitsPerWindow / options.WindowSeconds;

        Assert.Equal(60, options.WindowSeconds);
        Assert.True(permitsPerSecond >= 1.5 * ((sinchSendsPerSecond * statusCallbacksPerSend) + inboundPerSecond), $"{permitsPerSecond}/s");
    }
}

using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Platform.Testing;

namespace Platform.Gateway.Tests;

public sealed class RateLimitTests : IAsyncLifetime
{
    private static readonly string[] Keys = ["first-client-key", "second-client-key"];
    private FakeService contact = null!;
    private ServiceFactory<Program> gateway = null!;

    public async Task InitializeAsync()
    {
        contact = await FakeService.StartAsync("contact");
        gateway = new ServiceFactory<Program>(new Dictionary<string, string?>
        {
            ["Gateway:Authentication:ApiKeySha256:0"] = Hash(Keys[0]),
            ["Gateway:Authentication:ApiKeySha256:1"] = Hash(Keys[1]),
            ["Gateway:RateLimits:ApiPermitsPerWindow"] = "2",
            ["Gateway:RateLimits:WindowSeconds"] = "3600",
            ["ReverseProxy:Clusters:contact:Destinations:primary:Address"] = contact.Address.ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await contact.DisposeAsync();
    }

    [Fact]
    public async Task A_client_over_its_limit_gets_429_problem_details_while_another_client_is_unaffected()
    {
        using var first = ClientWith(Keys[0]);
        using var second = ClientWith(Keys[1]);

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await first.GetAsync(new Uri("/api/contact/contacts", UriKind.Relative));
            Assert.Equal(200, (int)allowed.StatusCode);
        }

        using var limited = await first.GetAsync(new Uri("/api/contact/contacts", UriKind.Relative));
        using var other = await second.GetAsync(new Uri("/api/contact/contacts", UriKind.Relative));

        Assert.Equal(429, (int)limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(200, (int)other.StatusCode);
    }

    private HttpClient ClientWith(string key)
    {
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEnd.Tests.Loop;

namespace Platform.EndToEnd.Tests.Console;

/// <summary>
/// Sets up an agent of its own for one test: a queue with a skill nobody else has, a rule sending messages that contain
/// the test's token to that queue (routing's API, as an admin of the platform configures routing), and the agent's
/// console user, created the way the console's admin page creates it. Other tests' agents never get these conversations.
/// </summary>
public static class ConsoleAgents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record TestAgent(string UserName, string Password, string Token, Guid QueueId, Guid AgentId);

    /// <summary>A new agent with a queue and rule of its own, or (<paramref name="colleagueOf"/>) serving that agent's queue.</summary>
    public static async Task<TestAgent> CreateAsync(WholePlatform platform, string name, TestAgent? colleagueOf = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var token = colleagueOf?.Token ?? $"c{Guid.NewGuid():N}"[..12];
        var queueId = colleagueOf?.QueueId ?? Guid.Empty;
        if (colleagueOf is null)
        {
            var queue = await PostAsync(platform.Gateway, "/api/routing/queues", new { name = $"Console {token}", skill = token });
            queueId = queue.GetProperty("id").GetGuid();
            await PostAsync(platform.Gateway, "/api/routing/rules", new
            {
                name = $"Console test {token}",
                position = 1,
                textContains = token,
                targetKind = "queue",
                targetId = queueId,
            });
        }

        using var admin = await SignedInAsync(platform.ConsoleUrl, WholePlatform.ConsoleAdminUserName, WholePlatform.ConsoleAdminPassword);
        var password = $"pw-{Guid.NewGuid():N}";
        var user = await admin.Client.SendWithTokenAsync(admin.Token, HttpMethod.Post, "api/users", new
        {
            userName = $"{name.ToLowerInvariant()}-{token}",
            displayName = name,
            password,
            skills = new[] { token },
            capacity = 3,
        });
        return new TestAgent($"{name.ToLowerInvariant()}-{token}", password, token, queueId, user.GetProperty("agentId").GetGuid());
    }

    /// <summary>An HTTP client signed in to the console like a browser (cookie and anti-forgery token).</summary>
    public static async Task<ConsoleClient> SignedInAsync(Uri consoleUrl, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(consoleUrl);
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = consoleUrl };
        var token = await TokenAsync(client);
        await client.SendWithTokenAsync(token, HttpMethod.Post, "api/session", new { userName, password });
        return new ConsoleClient(client, await TokenAsync(client));
    }

    private static async Task<string> TokenAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>(new Uri("api/session", UriKind.Relative), Json)).GetProperty("antiforgeryToken").GetString()!;

    private static async Task<JsonElement> SendWithTokenAsync(this HttpClient client, string token, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    private static async Task<JsonElement> PostAsync(HttpClient gateway, string path, object body)
    {
        using var response = await gateway.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }

    public sealed record ConsoleClient(HttpClient Client, string Token) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }
}

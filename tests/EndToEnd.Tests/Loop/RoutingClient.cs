using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Loop;

/// <summary>Routing's API through the gateway, as a supervisor or a console uses it, for the loop tests.</summary>
public sealed class RoutingClient(WholePlatform platform)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A queue; its skill keeps the agents of other tests (who have none) from taking its conversations.</summary>
    public async Task<Guid> CreateQueueAsync(string name, string? skill = null, int? inactivitySeconds = null) =>
        (await PostAsync("/api/routing/queues", new { name, skill, inactivitySeconds })).GetProperty("id").GetGuid();

    public async Task<Guid> CreateBotAsync(string name, Uri url) =>
        (await PostAsync("/api/routing/bots", new { name, url = url.ToString(), secret = "end-to-end-bot-secret-" + name, timeoutSeconds = 2 }))
            .GetProperty("id").GetGuid();

    /// <summary>A rule sending conversations that open with <paramref name="textContains"/> to a bot or a queue.</summary>
    public async Task CreateRuleAsync(string textContains, string targetKind, Guid targetId) =>
        await PostAsync("/api/routing/rules", new { name = "e2e " + textContains, position = 1, textContains, targetKind, targetId });

    /// <summary>
    /// A new available agent. The collection's tests share one platform: a test sets its agents offline when done
    /// (<see cref="SetAgentStatusAsync"/>), or they would take other tests' conversations of queues without a skill.
    /// </summary>
    public async Task<Guid> AvailableAgentAsync(string name, params string[] skills)
    {
        var id = (await PostAsync("/api/routing/agents", new { name, skills, capacity = 5 })).GetProperty("id").GetGuid();
        await SetAgentStatusAsync(id, "available");
        return id;
    }

    public async Task SetAgentStatusAsync(Guid agentId, string status)
    {
        using var response = await platform.Gateway.PutAsJsonAsync(new Uri($"/api/routing/agents/{agentId}/status", UriKind.Relative), new { status });
        response.EnsureSuccessStatusCode();
    }

    public async Task<Guid> DefaultQueueAsync()
    {
        var queues = await platform.Gateway.GetFromJsonAsync<List<JsonElement>>(new Uri("/api/routing/queues", UriKind.Relative), Json);
        return queues!.Single(q => q.GetProperty("isDefault").GetBoolean()).GetProperty("id").GetGuid();
    }

    /// <summary>The conversation, or an undefined element while routing does not know it (or does not answer).</summary>
    public async Task<JsonElement> ConversationAsync(Guid conversationId)
    {
        using var response = await platform.Gateway.GetAsync(new Uri($"/api/routing/conversations/{conversationId}", UriKind.Relative));
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(Json) : default;
    }

    public Task<JsonElement> ConversationInStateAsync(Guid conversationId, string state, string what, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(
            () => ConversationAsync(conversationId),
            c => c.ValueKind == JsonValueKind.Object && c.GetProperty("state").GetString() == state,
            what,
            timeout ?? TimeSpan.FromSeconds(90));

    public async Task<List<JsonElement>> TranscriptAsync(Guid conversationId)
    {
        using var response = await platform.Gateway.GetAsync(new Uri($"/api/routing/conversations/{conversationId}/transcript?pageSize=200", UriKind.Relative));
        return response.IsSuccessStatusCode
            ? [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("items").EnumerateArray()]
            : [];
    }

    /// <summary>Conversations that started at or after <paramref name="from"/>, newest first.</summary>
    public async Task<List<JsonElement>> ConversationsSinceAsync(DateTimeOffset from)
    {
        var query = Uri.EscapeDataString(from.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        using var response = await platform.Gateway.GetAsync(new Uri($"/api/routing/conversations?from={query}&pageSize=200", UriKind.Relative));
        return response.IsSuccessStatusCode
            ? [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("items").EnumerateArray()]
            : [];
    }

    public async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await platform.Gateway.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>Reads transcript entries of the API's JSON.</summary>
public static class TranscriptEntries
{
    public static string? Author(this JsonElement entry) => entry.GetProperty("author").GetString();

    public static string? Status(this JsonElement entry) => entry.GetProperty("status").GetString();

    public static string? SinchMessageId(this JsonElement entry) => entry.GetProperty("sinchMessageId").GetString();
}

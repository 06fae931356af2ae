using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Testing;

namespace Platform.Egress.Tests.Support;

/// <summary>Sends through egress's API and follows a message's status there.</summary>
public static class Messages
{
    public static async Task<Guid> SendAsync(this EgressPlatform platform, object content, string channel, string identity,
        string? conversationChannel = null, Guid? id = null, string appId = EgressPlatform.AppId)
    {
        using var response = await platform.Egress.PostAsJsonAsync(new Uri("/api/egress/messages", UriKind.Relative), new
        {
            outboundMessageId = id,
            conversationId = Guid.NewGuid(),
            sinchAppId = appId,
            recipients = new[] { new { channel, identity } },
            content,
            conversationChannel,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["outboundMessageId"]!.GetValue<Guid>();
    }

    public static async Task<JsonNode> MessageAsync(this EgressPlatform platform, Guid id)
    {
        using var response = await platform.Egress.GetAsync(new Uri($"/api/egress/messages/{id}", UriKind.Relative));
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())! : new JsonObject();
    }

    public static async Task<JsonNode> StatusAsync(this EgressPlatform platform, Guid id, string status, TimeSpan? timeout = null)
    {
        JsonNode last = new JsonObject();
        try
        {
            return await Eventually.ReturnsAsync(
                async () => last = await platform.MessageAsync(id),
                m => m["status"]?.GetValue<string>() == status,
                $"message {id} reaches {status}",
                timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Last seen: {last.ToJsonString()}", e);
        }
    }

    /// <summary>Waits until every status in <paramref name="statuses"/> is in the history (late ones included).</summary>
    public static Task<JsonNode> HistoryAsync(this EgressPlatform platform, Guid id, params string[] statuses) =>
        Eventually.ReturnsAsync(
            () => platform.MessageAsync(id),
            m => m["history"] is JsonArray && statuses.All(History(m).Contains),
            $"message {id} has {string.Join(", ", statuses)} in its history");

    public static IReadOnlyList<string> History(JsonNode message) =>
        [.. message["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>())];
}

using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Loop;

[Trait("Category", TestCategories.EndToEnd)]
[Collection(WholePlatform.Collection)]
public sealed class AgentLoopTests(WholePlatform platform)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_customer_asking_for_an_agent_is_queued_assigned_answered_and_the_end_stops_the_sinch_conversation()
    {
        var agentId = await AvailableAgentAsync("Alan");

        var text = await platform.CustomerAsync("text", new { identity = "46700003001", display_name = "Barbara", text = "agent" });
        var conversationId = CorrelationIds.ForSinchConversation(text.ConversationId);
        await Eventually.ReturnsAsync(
            () => ConversationAsync(conversationId),
            c => c.ValueKind == JsonValueKind.Object && c.GetProperty("state").GetString() == "Assigned"
                && c.GetProperty("agentId").GetString() == agentId.ToString(),
            "the demo bot handed off and the available agent was offered the conversation",
            TimeSpan.FromSeconds(90));

        await PostAsync($"/api/routing/conversations/{conversationId}/accept", new { agentId });
        await PostAsync($"/api/routing/conversations/{conversationId}/messages", new { agentId, text = "Hi Barbara, Alan here." });
        await Eventually.ReturnsAsync(
            () => TranscriptAsync(conversationId),
            t => t.Any(e => e.GetProperty("author").GetString() == "agent" && e.GetProperty("status").GetString() == OutboundMessageStatuses.Read),
            "the agent's reply was sent through egress and read on the emulator",
            TimeSpan.FromSeconds(90));

        await PostAsync($"/api/routing/conversations/{conversationId}/end", new { requestedBy = "agent" });
        await Eventually.ReturnsAsync(
            async () => await platform.Emulator.GetFromJsonAsync<List<JsonElement>>(new Uri("/emulator/callbacks?trigger=CONVERSATION_STOP", UriKind.Relative)) ?? [],
            stops => stops.Any(s => s.GetProperty("body").GetString()!.Contains(text.ConversationId, StringComparison.Ordinal)),
            "egress stopped the conversation at Sinch, which reported CONVERSATION_STOP",
            TimeSpan.FromSeconds(60));
        var ended = await Eventually.ReturnsAsync(
            () => ConversationAsync(conversationId), c => c.GetProperty("state").GetString() == "Ended", "the conversation ended");
        Assert.Equal("agent", ended.GetProperty("endedBy").GetString());
    }

    private async Task<Guid> AvailableAgentAsync(string name)
    {
        using var created = await platform.Gateway.PostAsJsonAsync(new Uri("/api/routing/agents", UriKind.Relative), new { name, skills = Array.Empty<string>(), capacity = 2 });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetGuid();
        using var available = await platform.Gateway.PutAsJsonAsync(new Uri($"/api/routing/agents/{id}/status", UriKind.Relative), new { status = "available" });
        available.EnsureSuccessStatusCode();
        return id;
    }

    private async Task PostAsync(string path, object body)
    {
        using var response = await platform.Gateway.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<JsonElement> ConversationAsync(Guid conversationId)
    {
        using var response = await platform.Gateway.GetAsync(new Uri($"/api/routing/conversations/{conversationId}", UriKind.Relative));
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(Json) : default;
    }

    private async Task<List<JsonElement>> TranscriptAsync(Guid conversationId)
    {
        using var response = await platform.Gateway.GetAsync(new Uri($"/api/routing/conversations/{conversationId}/transcript", UriKind.Relative));
        return response.IsSuccessStatusCode
            ? [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("items").EnumerateArray()]
            : [];
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Routing;

[Trait("Category", TestCategories.EndToEnd)]
public sealed class CustomerToBotTests(RoutingPath platform) : IClassFixture<RoutingPath>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_customer_text_through_the_gateway_is_answered_by_the_demo_bot_and_kept_in_the_transcript_with_its_status()
    {
        var text = await platform.CustomerAsync("text", new { identity = "46700001001", text = "hello" });
        var conversationId = CorrelationIds.ForSinchConversation(text.ConversationId);

        var reply = await Eventually.ReturnsAsync(
            () => Task.FromResult(platform.Sends.FirstOrDefault(s => s.ConversationId == conversationId)), s => s is not null, "the demo bot's reply reached egress's queue");
        Assert.Equal(RoutingPath.AppId, reply!.SinchAppId);
        Assert.StartsWith("Hello", reply.Content.Text, StringComparison.Ordinal);

        var transcript = await Eventually.ReturnsAsync(
            () => TranscriptAsync(conversationId),
            t => t.Count >= 2 && t.Any(e => e.GetProperty("author").GetString() == "bot" && e.GetProperty("status").GetString() == OutboundMessageStatuses.Delivered),
            "the transcript has the message and the delivered reply");
        Assert.Equal(text.Id, transcript[0].GetProperty("sinchMessageId").GetString());
    }

    [Fact]
    public async Task A_webhook_sinch_sends_twice_leaves_one_transcript_entry()
    {
        using (var mode = await platform.Emulator.PutAsJsonAsync(new Uri("/emulator/callback-mode", UriKind.Relative), new { duplicates = 1 }))
        {
            mode.EnsureSuccessStatusCode();
        }

        try
        {
            var text = await platform.CustomerAsync("text", new { identity = "46700001002", text = "once only" });
            var conversationId = CorrelationIds.ForSinchConversation(text.ConversationId);
            await Eventually.ReturnsAsync(() => TranscriptAsync(conversationId), t => t.Any(e => e.GetProperty("author").GetString() == "bot"), "the bot answered");
            var transcript = await TranscriptAsync(conversationId);
            Assert.Single(transcript, e => e.GetProperty("sinchMessageId").GetString() == text.Id);
        }
        finally
        {
            using var reset = await platform.Emulator.PutAsJsonAsync(new Uri("/emulator/callback-mode", UriKind.Relative), new { duplicates = 0 });
        }
    }

    private async Task<List<JsonElement>> TranscriptAsync(Guid conversationId)
    {
        using var response = await platform.Gateway.GetAsync(new Uri($"/api/routing/conversations/{conversationId}/transcript", UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        var page = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return [.. page.GetProperty("items").EnumerateArray()];
    }
}

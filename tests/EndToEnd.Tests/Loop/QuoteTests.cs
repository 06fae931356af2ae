using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Loop;

[Trait("Category", TestCategories.EndToEnd)]
[Collection(WholePlatform.Collection)]
public sealed class QuoteTests(WholePlatform platform)
{
    private readonly RoutingClient routing = new(platform);
    private readonly SinchCallbacks sinch = new(platform);

    [Fact]
    public async Task A_reply_quoting_the_agent_shows_the_start_of_the_quote_and_a_reply_four_days_later_shows_none()
    {
        var token = $"quote-{Guid.NewGuid():N}";
        var queue = await routing.CreateQueueAsync(token, skill: token);
        await routing.CreateRuleAsync(token, "queue", queue);
        var agentId = await routing.AvailableAgentAsync("Margaret", token);

        try
        {
            var opening = await platform.CustomerAsync("text", new { identity = "46700006001", display_name = "Donald", text = $"{token} my order" });
            var conversationId = CorrelationIds.ForSinchConversation(opening.ConversationId);
            await routing.ConversationInStateAsync(conversationId, "Assigned", "the test's agent was offered the conversation");
            await routing.PostAsync($"/api/routing/conversations/{conversationId}/accept", new { agentId });
            var answer = "Your order left our warehouse this morning and will reach you in two or three working days, tracked all the way to your door.";
            await routing.PostAsync($"/api/routing/conversations/{conversationId}/messages", new { agentId, text = answer });
            var agentMessage = (await Eventually.ReturnsAsync(
                () => routing.TranscriptAsync(conversationId),
                t => t.Any(e => e.Author() == "agent" && e.SinchMessageId() is not null),
                "Sinch accepted the agent's reply and routing knows its message id",
                TimeSpan.FromSeconds(90))).First(e => e.Author() == "agent").SinchMessageId()!;

            // Quoting the agent's message at once (WhatsApp, the emulator app's first channel): the quote shows.
            var reply = await platform.CustomerAsync("text", new { identity = "46700006001", text = "Thanks!", reply_to_message_id = agentMessage });
            var quoted = await EntryAsync(conversationId, reply.Id);
            Assert.Equal(answer[..100] + "…", quoted.GetProperty("quote").GetProperty("text").GetString());

            // The same quote on a message Sinch accepted four days later (the emulator cannot wait that long, so the test
            // posts Sinch's callback itself, the emulator's own callback of the reply with a new id and accept time).
            var (body, target, webhookId) = await sinch.InboundCallbackAsync(reply.Id);
            var message = body["message"]!.AsObject();
            var lateId = SinchCallbacks.NewMessageId();
            message["id"] = lateId;
            message["accept_time"] = (DateTimeOffset.UtcNow + TimeSpan.FromDays(4)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            message["contact_message"] = new JsonObject
            {
                ["text_message"] = new JsonObject { ["text"] = "About that old message" },
                ["reply_to"] = new JsonObject { ["message_id"] = agentMessage },
            };
            await sinch.PostAsync(body, target, webhookId);

            var late = await EntryAsync(conversationId, lateId);
            Assert.Equal(JsonValueKind.Null, late.GetProperty("quote").ValueKind);
            Assert.Equal("About that old message", late.GetProperty("text").GetString());
        }
        finally
        {
            await routing.SetAgentStatusAsync(agentId, "offline");
        }
    }

    private async Task<JsonElement> EntryAsync(Guid conversationId, string sinchMessageId) =>
        (await Eventually.ReturnsAsync(
            () => routing.TranscriptAsync(conversationId),
            t => t.Any(e => e.SinchMessageId() == sinchMessageId),
            $"the transcript has message {sinchMessageId}",
            TimeSpan.FromSeconds(60))).Single(e => e.SinchMessageId() == sinchMessageId);
}

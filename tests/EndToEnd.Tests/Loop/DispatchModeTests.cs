using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Loop;

[Trait("Category", TestCategories.EndToEnd)]
[Collection(WholePlatform.Collection)]
public sealed class DispatchModeTests(WholePlatform platform)
{
    private readonly RoutingClient routing = new(platform);
    private readonly SinchCallbacks sinch = new(platform);

    [Fact]
    public async Task Messages_of_a_dispatch_mode_app_form_one_conversation_per_customer_and_are_answered_by_the_bot()
    {
        // The emulator plays CONVERSATION mode only; a DISPATCH-mode app's callbacks are its callbacks without a
        // conversation id and with processing_mode DISPATCH, which the test posts as Sinch would (signed, to the app's
        // webhook). The emulator knows the customer, so the bot's answers are delivered to them.
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var template = await platform.CustomerAsync("text", new { identity = "46700008001", display_name = "Frances", text = "hi" });
        var (body, target, webhookId) = await sinch.InboundCallbackAsync(template.Id);

        var first = await PostDispatchAsync(body, target, webhookId, "first dispatch message");
        var conversation = await Eventually.ReturnsAsync(
            async () => (await routing.ConversationsSinceAsync(since)).FirstOrDefault(c => c.GetProperty("processingMode").GetString() == "DISPATCH"),
            c => c.ValueKind == System.Text.Json.JsonValueKind.Object,
            "routing opened a DISPATCH-mode conversation",
            TimeSpan.FromSeconds(60));
        var conversationId = conversation.GetProperty("id").GetGuid();
        Assert.NotEqual(CorrelationIds.ForSinchConversation(template.ConversationId), conversationId);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, conversation.GetProperty("sinchConversationId").ValueKind);

        var second = await PostDispatchAsync(body, target, webhookId, "second dispatch message");
        var transcript = await Eventually.ReturnsAsync(
            () => routing.TranscriptAsync(conversationId),
            t => t.Any(e => e.SinchMessageId() == second)
                && t.Count(e => e.Author() == "bot" && e.Status() == OutboundMessageStatuses.Read) >= 3,
            "both messages joined one conversation and the bot's answers were delivered and read",
            TimeSpan.FromSeconds(120));

        Assert.Equal([first, second], transcript.Where(e => e.Author() == "customer").Select(e => e.SinchMessageId()));
        Assert.Contains(transcript, e => e.Author() == "bot" && e.GetProperty("text").GetString() == "You said: second dispatch message");
        Assert.Single(await routing.ConversationsSinceAsync(since), c => c.GetProperty("processingMode").GetString() == "DISPATCH");
    }

    private async Task<string> PostDispatchAsync(JsonObject template, string target, string webhookId, string text)
    {
        var body = template.DeepClone().AsObject();
        var message = body["message"]!.AsObject();
        var id = SinchCallbacks.NewMessageId();
        message["id"] = id;
        message.Remove("conversation_id");
        message["processing_mode"] = "DISPATCH";
        message["accept_time"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        message["contact_message"] = new JsonObject { ["text_message"] = new JsonObject { ["text"] = text } };
        body["message_metadata"] = "";
        await sinch.PostAsync(body, target, webhookId);
        return id;
    }
}

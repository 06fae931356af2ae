using Platform.Contracts;
using Platform.Routing.Tests.Support;
using Platform.Testing;

namespace Platform.Routing.Tests.Conversations;

[Trait("Category", TestCategories.Integration)]
public sealed class BotConversationTests(RoutingFixture fixture) : IClassFixture<RoutingFixture>
{
    private RoutingService Routing => fixture.Routing;

    private Peers Peers => fixture.Peers;

    [Fact]
    public async Task Customer_text_is_answered_by_the_default_bot_and_the_reply_status_is_kept_current()
    {
        Peers.StatusScript = [OutboundMessageStatuses.Submitted, OutboundMessageStatuses.Delivered, OutboundMessageStatuses.Read];
        var sinchConversation = Customers.NewConversation();
        var id = CorrelationIds.ForSinchConversation(sinchConversation);

        await Peers.Publish(Customers.Text("hello there", sinchConversation));

        var started = await Peers.WaitFor<ConversationStarted>(s => s.ConversationId == id, "the conversation started");
        Assert.Equal("CONVERSATION", started.ProcessingMode);
        var send = await Peers.WaitFor<SendOutboundMessage>(s => s.ConversationId == id, "the bot's reply was sent");
        Assert.Equal("bot", send.RequestedBy);
        Assert.Equal("WHATSAPP", send.ConversationChannel);
        Assert.Equal("app-1", send.SinchAppId);
        // The demo bot greets by name and echoes: two replies, both read in the end.
        var transcript = await Routing.WaitForTranscriptAsync(
            id, t => t.Count(e => e.Author == "bot") == 2 && t.All(e => e.Author != "bot" || e.Status == OutboundMessageStatuses.Read), "both replies are read");
        Assert.Equal(["customer", "bot", "bot"], transcript.Select(e => e.Author));
        Assert.Equal("hello there", transcript[0].Text);
        Assert.Equal("You said: hello there", transcript[2].Text);
        var sends = Peers.Of<SendOutboundMessage>().Where(s => s.ConversationId == id).Select(s => s.OutboundMessageId).Order();
        Assert.Equal(sends, transcript.Where(e => e.Author == "bot").Select(e => e.OutboundMessageId!.Value).Order());
        Assert.Equal("BotHandling", (await Routing.ConversationAsync(id)).State);
    }

    [Fact]
    public async Task Redelivered_and_reordered_inbound_messages_leave_one_transcript_entry_each()
    {
        Peers.StatusScript = [];
        var sinchConversation = Customers.NewConversation();
        var id = CorrelationIds.ForSinchConversation(sinchConversation);
        var now = DateTimeOffset.UtcNow;
        var first = Customers.Text("one", sinchConversation, at: now);
        var second = Customers.Text("two", sinchConversation, at: now.AddSeconds(1));

        // Sinch retried the second webhook, and ingress published both copies before the first message.
        await Peers.Publish(second);
        await Peers.Publish(second);
        await Peers.Publish(first);
        await Peers.Publish(first);

        var transcript = await Routing.WaitForTranscriptAsync(id, t => t.Count(e => e.Author == "customer") >= 2, "both messages are in the transcript");
        await Eventually.TrueAsync(async () => (await Routing.TranscriptAsync(id)).Count(e => e.Author == "bot") >= 2, "the bot answered both");
        transcript = await Routing.TranscriptAsync(id);
        Assert.Single(transcript, e => e.SinchMessageId == first.SinchMessageId);
        Assert.Single(transcript, e => e.SinchMessageId == second.SinchMessageId);
        Assert.Single(Peers.Of<ConversationStarted>(), s => s.ConversationId == id);
    }

    [Fact]
    public async Task Bye_lets_the_bot_end_the_conversation_and_a_later_message_opens_a_new_one()
    {
        var sinchConversation = Customers.NewConversation();
        var id = CorrelationIds.ForSinchConversation(sinchConversation);

        await Peers.Publish(Customers.Text("bye", sinchConversation));

        var ended = await Peers.WaitFor<ConversationEnded>(e => e.ConversationId == id, "the bot ended the conversation");
        Assert.Equal("bot", ended.EndedBy);
        Assert.Equal(sinchConversation, ended.SinchConversationId);
        Assert.Equal("Ended", (await Routing.ConversationAsync(id)).State);

        // Past the re-open window (10 minutes by default), judged on the message's own time.
        var later = Customers.Text("hi again", sinchConversation, at: ended.EndedAt.AddMinutes(30));
        await Peers.Publish(later);
        var next = await Peers.WaitFor<ConversationStarted>(s => s.SinchConversationId == sinchConversation && s.ConversationId != id, "a new conversation started");
        await Routing.WaitForStateAsync(next.ConversationId, "BotHandling");
        Assert.Equal("Ended", (await Routing.ConversationAsync(id)).State);
    }

    [Fact]
    public async Task A_message_within_the_reopen_window_reopens_the_ended_conversation()
    {
        var sinchConversation = Customers.NewConversation();
        var id = CorrelationIds.ForSinchConversation(sinchConversation);
        await Peers.Publish(Customers.Text("bye", sinchConversation));
        var ended = await Peers.WaitFor<ConversationEnded>(e => e.ConversationId == id, "the bot ended the conversation");

        await Peers.Publish(Customers.Text("one more thing", sinchConversation, at: ended.EndedAt.AddMinutes(1)));

        var reopened = await Routing.WaitForStateAsync(id, "BotHandling");
        Assert.Equal(1, reopened.ReopenCount);
        Assert.Null(reopened.EndedAt);
    }

    [Fact]
    public async Task Conversation_stop_ends_the_conversation_and_a_message_older_than_the_stop_stays_in_it()
    {
        var sinchConversation = Customers.NewConversation();
        var id = CorrelationIds.ForSinchConversation(sinchConversation);
        var start = DateTimeOffset.UtcNow;
        await Peers.Publish(Customers.Text("hello", sinchConversation, at: start));
        await Routing.WaitForStateAsync(id, "BotHandling");

        await Peers.Publish(new SinchConversationStopped
        {
            SinchAppId = "app-1",
            Conversation = new SinchConversation { Id = sinchConversation },
            OccurredAt = start.AddSeconds(10),
        });
        var ended = await Peers.WaitFor<ConversationEnded>(e => e.ConversationId == id, "the stop ended the conversation");
        Assert.Equal("customer", ended.EndedBy);

        // Sinch delivered the customer's last message after the stop.
        var late = Customers.Text("last words", sinchConversation, at: start.AddSeconds(5));
        await Peers.Publish(late);
        await Routing.WaitForTranscriptAsync(id, t => t.Any(e => e.SinchMessageId == late.SinchMessageId), "the late message joined the transcript");
        Assert.Equal("Ended", (await Routing.ConversationAsync(id)).State);
        Assert.Single(Peers.Of<ConversationEnded>(), e => e.ConversationId == id);
    }

    [Fact]
    public async Task Dispatch_mode_messages_share_a_conversation_per_identity_and_the_next_one_after_the_end_is_new()
    {
        var identity = Customers.NewIdentity();
        await Peers.Publish(Customers.Text("hello", null, identity: identity));
        var started = await Peers.WaitFor<ConversationStarted>(s => s.Customer.Identity == identity, "a DISPATCH conversation started");
        Assert.Equal("DISPATCH", started.ProcessingMode);
        Assert.Equal("", started.SinchConversationId);

        await Peers.Publish(Customers.Text("bye", null, identity: identity));
        var ended = await Peers.WaitFor<ConversationEnded>(e => e.ConversationId == started.ConversationId, "the bot ended it");
        var transcript = await Routing.TranscriptAsync(started.ConversationId);
        Assert.Equal(2, transcript.Count(e => e.Author == "customer"));

        await Peers.Publish(Customers.Text("hello again", null, identity: identity, at: ended.EndedAt.AddHours(1)));
        var next = await Peers.WaitFor<ConversationStarted>(s => s.Customer.Identity == identity && s.ConversationId != started.ConversationId, "a new DISPATCH conversation started");
        Assert.Equal("DISPATCH", next.ProcessingMode);
    }
}

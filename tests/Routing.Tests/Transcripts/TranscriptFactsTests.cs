using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.DurableMessaging.Scheduling;
using Platform.Routing.Tests.Support;
using Platform.Routing.Transcripts;
using Platform.Testing;

namespace Platform.Routing.Tests.Transcripts;

[Trait("Category", TestCategories.Integration)]
public sealed class TranscriptFactsTests(RoutingFixture fixture) : IClassFixture<RoutingFixture>
{
    private RoutingService Routing => fixture.Routing;

    private Peers Peers => fixture.Peers;

    [Fact]
    public async Task A_quoted_reply_to_a_recent_agent_message_shows_its_quote_and_a_four_day_old_or_bot_quote_does_not()
    {
        var sinchConversation = Customers.NewConversation();
        var id = CorrelationIds.ForSinchConversation(sinchConversation);
        await Peers.Publish(Customers.Text("hello", sinchConversation));
        await Routing.WaitForStateAsync(id, "BotHandling");
        var now = DateTimeOffset.UtcNow;
        var longText = new string('a', 150);
        await using (var db = Routing.OpenDb())
        {
            db.Transcript.Add(AgentEntry(id, "agent-recent-" + sinchConversation, longText, now.AddDays(-1)));
            db.Transcript.Add(AgentEntry(id, "agent-old-" + sinchConversation, "old news", now.AddDays(-4)));
            var bot = AgentEntry(id, "bot-" + sinchConversation, "I am a bot", now.AddMinutes(-1));
            bot.Author = Authors.Bot;
            db.Transcript.Add(bot);
            await db.SaveChangesAsync();
        }

        var toRecent = Customers.Text("re: recent", sinchConversation, quoting: "agent-recent-" + sinchConversation);
        var toOld = Customers.Text("re: old", sinchConversation, quoting: "agent-old-" + sinchConversation);
        var toBot = Customers.Text("re: bot", sinchConversation, quoting: "bot-" + sinchConversation);
        await Peers.Publish(toRecent);
        await Peers.Publish(toOld);
        await Peers.Publish(toBot);

        var transcript = await Routing.WaitForTranscriptAsync(id, t => t.Count(e => e.Text?.StartsWith("re: ", StringComparison.Ordinal) == true) == 3, "the replies are in");
        var recent = transcript.Single(e => e.SinchMessageId == toRecent.SinchMessageId);
        Assert.NotNull(recent.Quote);
        Assert.Equal(new string('a', 100) + "…", recent.Quote.Text);
        Assert.Null(transcript.Single(e => e.SinchMessageId == toOld.SinchMessageId).Quote);
        Assert.Null(transcript.Single(e => e.SinchMessageId == toBot.SinchMessageId).Quote);
    }

    [Fact]
    public async Task The_contact_name_lands_on_the_transcript_whether_contact_resolves_before_or_after_routing_stores_the_message()
    {
        var early = Customers.Text("first", Customers.NewConversation(), identity: Customers.NewIdentity());
        var late = Customers.Text("second", Customers.NewConversation(), identity: Customers.NewIdentity());

        await Peers.Publish(Resolved(early, "Early Bird"));
        await Peers.Publish(early);
        await Peers.Publish(late);
        var lateId = CorrelationIds.ForSinchConversation(late.SinchConversationId!);
        await Routing.WaitForTranscriptAsync(lateId, t => t.Count > 0, "the late message is stored");
        await Peers.Publish(Resolved(late, "Late Comer"));

        var earlyId = CorrelationIds.ForSinchConversation(early.SinchConversationId!);
        var earlyTranscript = await Routing.WaitForTranscriptAsync(earlyId, t => t.Count > 0, "the early message is stored");
        Assert.Equal("Early Bird", earlyTranscript[0].AuthorName);
        await Routing.WaitForTranscriptAsync(lateId, t => t[0].AuthorName == "Late Comer", "the late name arrived");
        var conversation = await Eventually.ReturnsAsync(() => Routing.ConversationAsync(lateId), c => c.DisplayName == "Late Comer", "the conversation has the name");
        Assert.NotNull(conversation.ContactId);
        // The demo bot greeted the early customer by the name contact had already given.
        var greeting = await Routing.WaitForTranscriptAsync(earlyId, t => t.Any(e => e.Author == "bot"), "the bot answered");
        Assert.Contains("Early Bird", greeting.First(e => e.Author == "bot").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contact_resolved_while_the_conversation_is_still_opening_names_it_without_waiting_for_a_redelivery()
    {
        var message = Customers.Text("hello", Customers.NewConversation(), identity: Customers.NewIdentity());
        var id = CorrelationIds.ForSinchConversation(message.SinchConversationId!);
        await using var holder = Routing.OpenDb();
        await using var transaction = await holder.Database.BeginTransactionAsync();
        // While this is held no conversation can be inserted: the saga opening this one stops at its save, with the
        // message stored and everything before the save done. Reads and row locks still run.
        await holder.Database.ExecuteSqlRawAsync("LOCK TABLE routing.conversations IN SHARE MODE");
        await Peers.Publish(message);
        // From the table: the transcript's API shows conversations that exist.
        await Eventually.TrueAsync(async () => await Stored(message.SinchMessageId), "the message is stored");

        await Peers.Publish(Resolved(message, "Mid Way"));
        // Right: the fact waits on the message's lock behind the opening saga, or was kept for it. Wrong: its event found
        // no conversation, failed its retries and was handed to the scheduler for a redelivery 30 s later.
        await Eventually.TrueAsync(
            async () => await AdvisoryLockWaits() > 0 || await ContactFactsKept(message.SinchMessageId) > 0 || await ContactChangeRedeliveries() > 0,
            "the contact was handled as far as it can go while the conversation is opening");
        var redeliveries = await ContactChangeRedeliveries();
        await transaction.CommitAsync();

        Assert.Equal(0, redeliveries);
        var conversation = await Eventually.ReturnsAsync(() => Routing.ConversationAsync(id), c => c.DisplayName == "Mid Way", "the conversation has the name");
        Assert.NotNull(conversation.ContactId);
        Assert.Equal(0, await ContactFactsKept(message.SinchMessageId));
    }

    [Fact]
    public async Task Stored_media_replaces_the_channel_url_before_or_after_the_message_is_stored()
    {
        var sinchConversation = Customers.NewConversation();
        var id = CorrelationIds.ForSinchConversation(sinchConversation);
        var first = Customers.Media("https://cdn.example/1.jpg", sinchConversation);
        var second = Customers.Media("https://cdn.example/2.jpg", sinchConversation);
        var firstMedia = Guid.NewGuid();
        var secondMedia = Guid.NewGuid();

        await Peers.Publish(Stored(first, firstMedia));
        await Peers.Publish(first);
        await Routing.WaitForTranscriptAsync(id, t => t.Any(e => e.SinchMessageId == first.SinchMessageId), "the first is stored");
        await Peers.Publish(second);
        await Routing.WaitForTranscriptAsync(id, t => t.Any(e => e.SinchMessageId == second.SinchMessageId), "the second is stored");
        await Peers.Publish(Stored(second, secondMedia));

        var transcript = await Routing.WaitForTranscriptAsync(id, t => t.Single(e => e.SinchMessageId == second.SinchMessageId).MediaId == secondMedia, "the second got its media id");
        var firstEntry = transcript.Single(e => e.SinchMessageId == first.SinchMessageId);
        Assert.Equal(firstMedia, firstEntry.MediaId);
        Assert.Null(firstEntry.MediaUrl);
        Assert.Equal("photo.jpg", firstEntry.MediaFileName);
    }

    [Fact]
    public async Task Statuses_out_of_order_never_move_a_reply_back_and_a_failure_keeps_its_reason()
    {
        Peers.StatusScript = [OutboundMessageStatuses.Read, OutboundMessageStatuses.Delivered, OutboundMessageStatuses.Failed];
        try
        {
            var sinchConversation = Customers.NewConversation();
            var id = CorrelationIds.ForSinchConversation(sinchConversation);
            await Peers.Publish(Customers.Text("hi", sinchConversation));
            var transcript = await Routing.WaitForTranscriptAsync(id, t => t.Any(e => e.Author == "bot" && e.Status == OutboundMessageStatuses.Read), "a reply is read");
            await Eventually.TrueAsync(async () => Peers.Of<SendOutboundMessage>().Any(s => s.ConversationId == id), "sent");
            transcript = await Routing.TranscriptAsync(id);
            Assert.All(transcript.Where(e => e.Author == "bot"), e => Assert.Equal(OutboundMessageStatuses.Read, e.Status));
        }
        finally
        {
            Peers.StatusScript = [];
        }
    }

    [Fact]
    public async Task An_erased_contact_leaves_no_identity_name_or_message_content_in_routing()
    {
        var identity = Customers.NewIdentity();
        var message = Customers.Text("my card number is secret", Customers.NewConversation(), identity: identity);
        var id = CorrelationIds.ForSinchConversation(message.SinchConversationId!);
        var resolved = Resolved(message, "Erin Erased");
        await Peers.Publish(resolved);
        await Peers.Publish(message);
        await Routing.WaitForTranscriptAsync(id, t => t.Any(e => e.Author == "bot"), "the bot answered");

        await Peers.Publish(new ContactErased
        {
            ContactId = resolved.ContactId,
            Identities = [message.Identity],
            ErasedAt = DateTimeOffset.UtcNow,
        });

        var transcript = await Routing.WaitForTranscriptAsync(id, t => t[0].Erased, "the customer's message was erased");
        Assert.Null(transcript[0].Text);
        Assert.Null(transcript[0].AuthorName);
        var conversation = await Routing.ConversationAsync(id);
        Assert.Null(conversation.DisplayName);
        await using var db = Routing.OpenDb();
        Assert.Equal("", (await db.Conversations.FindAsync(id))!.Identity);
    }

    private async Task<int> AdvisoryLockWaits()
    {
        await using var db = Routing.OpenDb();
        return await db.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM pg_locks WHERE locktype = 'advisory' AND NOT granted " +
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())").SingleAsync();
    }

    private async Task<bool> Stored(string sinchMessageId)
    {
        await using var db = Routing.OpenDb();
        return await db.Transcript.AnyAsync(e => e.SinchMessageId == sinchMessageId);
    }

    private async Task<int> ContactFactsKept(string sinchMessageId)
    {
        await using var db = Routing.OpenDb();
        return await db.PendingFacts.CountAsync(f => f.SinchMessageId == sinchMessageId && f.Kind == "contact");
    }

    private async Task<int> ContactChangeRedeliveries()
    {
        await using var db = Routing.OpenDb();
        return await db.Set<ScheduledMessageEntry>().CountAsync(m => m.Envelope.MessageType.Contains("ConversationContactChanged"));
    }

    private static TranscriptEntry AgentEntry(Guid conversationId, string sinchMessageId, string text, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(),
        ConversationId = conversationId,
        Direction = "outbound",
        Author = Authors.Agent,
        Kind = "TEXT",
        Text = text,
        SinchMessageId = sinchMessageId,
        OutboundMessageId = Guid.NewGuid(),
        Status = OutboundMessageStatuses.Delivered,
        At = at,
    };

    private static ContactResolved Resolved(InboundMessageReceived message, string name) => new()
    {
        ContactId = Guid.NewGuid(),
        Identity = message.Identity,
        DisplayName = name,
        SinchMessageId = message.SinchMessageId,
        SinchAppId = message.SinchAppId,
        SinchConversationId = message.SinchConversationId,
        AttachedData = new Dictionary<string, string> { ["tier"] = "gold" },
    };

    private static MediaStored Stored(InboundMessageReceived message, Guid mediaId) => new()
    {
        MediaId = mediaId,
        ConversationId = Guid.Empty,
        ContentType = "image/jpeg",
        Length = 1234,
        StoredAt = DateTimeOffset.UtcNow,
        SinchMessageId = message.SinchMessageId,
        SinchAppId = message.SinchAppId,
        SourceUrl = message.Media!.Url,
    };
}

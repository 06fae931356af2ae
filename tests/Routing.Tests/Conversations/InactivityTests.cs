using System.Net.Http.Json;
using Platform.Contracts;
using Platform.Routing.Tests.Support;
using Platform.Testing;

namespace Platform.Routing.Tests.Conversations;

/// <summary>Bot conversations end after a few seconds without messages.</summary>
public sealed class ShortInactivityFixture : RoutingFixture
{
    protected override Dictionary<string, string?> Settings(DemoBotHost bot)
    {
        var settings = bot.RoutingSettings();
        settings["Routing:InactivitySeconds"] = "4";
        return settings;
    }
}

[Trait("Category", TestCategories.Integration)]
public sealed class InactivityTests(ShortInactivityFixture fixture) : IClassFixture<ShortInactivityFixture>
{
    [Fact]
    public async Task Inactivity_timeout_fires_after_a_restart()
    {
        var sinchConversation = Customers.NewConversation();
        var id = CorrelationIds.ForSinchConversation(sinchConversation);
        await fixture.Peers.Publish(Customers.Text("hello", sinchConversation));
        var open = await fixture.Routing.WaitForStateAsync(id, "BotHandling");
        Assert.NotNull(open.InactivityDueAt);

        await fixture.RestartRoutingAsync();

        var ended = await fixture.Peers.WaitFor<ConversationEnded>(e => e.ConversationId == id, "inactivity ended the conversation");
        Assert.Equal("inactivity", ended.EndedBy);
        Assert.True(ended.EndedAt >= open.InactivityDueAt, $"ended at {ended.EndedAt:O}, due {open.InactivityDueAt:O}");
        Assert.Equal("Ended", (await fixture.Routing.ConversationAsync(id)).State);
    }

    [Fact]
    public async Task Each_customer_message_restarts_the_inactivity_timer()
    {
        var sinchConversation = Customers.NewConversation();
        var id = CorrelationIds.ForSinchConversation(sinchConversation);
        await fixture.Peers.Publish(Customers.Text("hello", sinchConversation));
        var first = await fixture.Routing.WaitForStateAsync(id, "BotHandling");

        await fixture.Peers.Publish(Customers.Text("still here", sinchConversation));

        var later = await Eventually.ReturnsAsync(() => fixture.Routing.ConversationAsync(id), c => c.InactivityDueAt > first.InactivityDueAt, "the timer moved");
        var ended = await fixture.Peers.WaitFor<ConversationEnded>(e => e.ConversationId == id, "inactivity ended the conversation");
        Assert.True(ended.EndedAt >= later.InactivityDueAt);
        Assert.Single(fixture.Peers.Of<ConversationEnded>(), e => e.ConversationId == id);
    }

    [Fact]
    public async Task A_queue_with_a_warning_warns_the_customer_before_the_inactivity_end()
    {
        var queue = await fixture.Routing.CreateQueueAsync("warned", skill: "nobody-has-this", responseSeconds: 0, inactivitySeconds: 4);
        await fixture.Routing.Client.PutAsJsonAsync($"/api/routing/queues/{queue.Id}",
            new Platform.Routing.Queues.QueueRequest("warned", "nobody-has-this", 4, 2, "Are you still there?", 0));
        await fixture.Routing.CreateRuleAsync("warn", "warnme", queue.Id);
        var sinchConversation = Customers.NewConversation();
        var id = CorrelationIds.ForSinchConversation(sinchConversation);

        await fixture.Peers.Publish(Customers.Text("warnme please", sinchConversation));

        var warning = await fixture.Peers.WaitFor<SendOutboundMessage>(s => s.ConversationId == id, "the warning was sent");
        Assert.Equal("system", warning.RequestedBy);
        Assert.Equal("Are you still there?", warning.Content.Text);
        var ended = await fixture.Peers.WaitFor<ConversationEnded>(e => e.ConversationId == id, "inactivity ended the conversation");
        Assert.Equal("inactivity", ended.EndedBy);
        Assert.True(warning.RequestedAt < ended.EndedAt);
    }
}

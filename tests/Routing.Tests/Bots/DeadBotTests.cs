using Platform.Contracts;
using Platform.Routing.Tests.Support;
using Platform.Testing;

namespace Platform.Routing.Tests.Bots;

/// <summary>A default bot nobody answers at: its address is a closed loopback port.</summary>
public sealed class DeadBotFixture : RoutingFixture
{
    protected override Dictionary<string, string?> Settings(DemoBotHost bot) => new()
    {
        ["Routing:DefaultBot:Url"] = "http://127.0.0.1:9/bot",
        ["Routing:DefaultBot:Secret"] = DemoBotHost.Secret,
        ["Routing:Bots:Attempts"] = "2",
        ["Routing:Bots:BreakerFailures"] = "2",
    };
}

[Trait("Category", TestCategories.Integration)]
public sealed class DeadBotTests(DeadBotFixture fixture) : IClassFixture<DeadBotFixture>
{
    [Fact]
    public async Task A_dead_bot_hands_every_conversation_to_the_default_queue_also_once_its_circuit_is_open()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var sinchConversation = Customers.NewConversation();
            ids.Add(CorrelationIds.ForSinchConversation(sinchConversation));
            await fixture.Peers.Publish(Customers.Text("hello?", sinchConversation));
        }

        foreach (var id in ids)
        {
            var queued = await fixture.Routing.WaitForStateAsync(id, "Queued");
            Assert.Equal(Persistence.RoutingIds.DefaultQueue, queued.QueueId);
            var change = await fixture.Peers.WaitFor<ConversationAssignmentChanged>(a => a.ConversationId == id && a.Change == "queued", "the handoff");
            Assert.Equal("bot-unavailable", change.Reason);
        }
    }
}

using Platform.Contracts;
using Platform.Routing.Agents;
using Platform.Routing.Tests.Support;
using Platform.Testing;

namespace Platform.Routing.Tests.Agents;

[Trait("Category", TestCategories.Integration)]
public sealed class AssignmentPolicyTests(RoutingFixture fixture) : IClassFixture<RoutingFixture>
{
    private RoutingService Routing => fixture.Routing;

    private Peers Peers => fixture.Peers;

    [Fact]
    public async Task Queued_conversations_go_to_the_longest_idle_available_agent_with_the_skill_and_room()
    {
        var queue = await Routing.CreateQueueAsync("billing", skill: "billing", responseSeconds: 0);
        await Routing.CreateRuleAsync("invoices", "invoice", queue.Id);
        var unskilled = await Routing.CreateAgentAsync("Nobody", 5);
        var longestIdle = await Routing.CreateAgentAsync("First", 1, "billing");
        var next = await Routing.CreateAgentAsync("Second", 1, "billing");
        var away = await Routing.CreateAgentAsync("Away", 5, "billing");
        await Routing.SetStatusAsync(unskilled.Id, AgentStatuses.Available);
        await Routing.SetStatusAsync(longestIdle.Id, AgentStatuses.Available);
        await Routing.SetStatusAsync(next.Id, AgentStatuses.Available);
        await Routing.SetStatusAsync(away.Id, AgentStatuses.Away);

        var ids = new List<Guid>();
        foreach (var text in new[] { "invoice one", "invoice two", "invoice three" })
        {
            var sinchConversation = Customers.NewConversation();
            ids.Add(CorrelationIds.ForSinchConversation(sinchConversation));
            await Peers.Publish(Customers.Text(text, sinchConversation));
            await Eventually.TrueAsync(async () => (await Routing.ConversationAsync(ids[^1])).State is "Assigned" or "Queued", "the conversation was routed");
        }

        Assert.Equal(longestIdle.Id, (await Routing.ConversationAsync(ids[0])).AgentId);
        Assert.Equal(next.Id, (await Routing.ConversationAsync(ids[1])).AgentId);
        var third = await Routing.ConversationAsync(ids[2]);
        Assert.Equal("Queued", third.State);
        Assert.Equal(queue.Id, third.QueueId);

        // The first agent's conversation ends: the waiting one is offered to them.
        await Routing.PostAsync($"/api/routing/conversations/{ids[0]}/end", new { requestedBy = "agent" });
        var assigned = await Routing.WaitForStateAsync(ids[2], "Assigned");
        Assert.Equal(longestIdle.Id, assigned.AgentId);
    }

    [Fact]
    public async Task An_assignee_who_does_not_reply_in_time_loses_the_conversation_to_the_next_available_agent()
    {
        var queue = await Routing.CreateQueueAsync("support", skill: "support", responseSeconds: 2);
        await Routing.CreateRuleAsync("support", "broken", queue.Id);
        var slow = await Routing.CreateAgentAsync("Slow", 1, "support");
        await Routing.SetStatusAsync(slow.Id, AgentStatuses.Available);
        var sinchConversation = Customers.NewConversation();
        var id = CorrelationIds.ForSinchConversation(sinchConversation);

        await Peers.Publish(Customers.Text("my thing is broken", sinchConversation));
        Assert.Equal(slow.Id, (await Routing.WaitForStateAsync(id, "Assigned")).AgentId);
        var fast = await Routing.CreateAgentAsync("Fast", 1, "support");
        await Routing.SetStatusAsync(fast.Id, AgentStatuses.Available);

        var moved = await Peers.WaitFor<ConversationAssignmentChanged>(
            a => a.ConversationId == id && a.Change == "response-timeout", "the response timer moved the conversation");
        Assert.Equal(slow.Id, moved.PreviousAgentId);
        Assert.Equal(fast.Id, moved.AgentId);
        Assert.Equal(fast.Id, (await Routing.ConversationAsync(id)).AgentId);
        await Eventually.TrueAsync(async () => (await Routing.GetAsync<AgentResponse>($"/api/routing/agents/{slow.Id}")).ActiveConversations == 0, "the slow agent's load is released");
    }

    [Fact]
    public async Task A_reopened_conversation_never_goes_back_to_its_agent_once_offline()
    {
        var queue = await Routing.CreateQueueAsync("reopen", skill: "reopen", responseSeconds: 0);
        await Routing.CreateRuleAsync("reopen", "refund", queue.Id);
        var first = await Routing.CreateAgentAsync("Gone", 1, "reopen");
        await Routing.SetStatusAsync(first.Id, AgentStatuses.Available);
        var sinchConversation = Customers.NewConversation();
        var id = CorrelationIds.ForSinchConversation(sinchConversation);
        await Peers.Publish(Customers.Text("refund please", sinchConversation));
        Assert.Equal(first.Id, (await Routing.WaitForStateAsync(id, "Assigned")).AgentId);
        await Routing.PostAsync($"/api/routing/conversations/{id}/end", new { requestedBy = "agent" });
        var ended = await Peers.WaitFor<ConversationEnded>(e => e.ConversationId == id, "the conversation ended");
        await Routing.SetStatusAsync(first.Id, AgentStatuses.Offline);
        var second = await Routing.CreateAgentAsync("Here", 1, "reopen");
        await Routing.SetStatusAsync(second.Id, AgentStatuses.Available);

        await Peers.Publish(Customers.Text("one more question", sinchConversation, at: ended.EndedAt.AddMinutes(2)));

        var reopened = await Eventually.ReturnsAsync(() => Routing.ConversationAsync(id), c => c.ReopenCount == 1 && c.State == "Assigned", "the conversation re-opened");
        Assert.Equal(second.Id, reopened.AgentId);
    }

    [Fact]
    public async Task A_transfer_moves_the_conversation_to_the_named_agent_and_then_to_another_queue()
    {
        var first = await Routing.CreateQueueAsync("transfer-from", skill: "transfer-from", responseSeconds: 0);
        var second = await Routing.CreateQueueAsync("transfer-to", skill: "transfer-to", responseSeconds: 0);
        await Routing.CreateRuleAsync("transfer", "transferme", first.Id);
        var from = await Routing.CreateAgentAsync("From", 1, "transfer-from");
        var to = await Routing.CreateAgentAsync("To", 1);
        await Routing.SetStatusAsync(from.Id, AgentStatuses.Available);
        await Routing.SetStatusAsync(to.Id, AgentStatuses.Available);
        var sinchConversation = Customers.NewConversation();
        var id = CorrelationIds.ForSinchConversation(sinchConversation);
        await Peers.Publish(Customers.Text("transferme", sinchConversation));
        Assert.Equal(from.Id, (await Routing.WaitForStateAsync(id, "Assigned")).AgentId);

        (await Routing.PostAsync($"/api/routing/conversations/{id}/transfer", new { agentId = to.Id, note = "specialist" })).EnsureSuccessStatusCode();

        var toAgent = await Peers.WaitFor<ConversationAssignmentChanged>(a => a.ConversationId == id && a.Change == "transferred", "the transfer to the agent");
        Assert.Equal(to.Id, toAgent.AgentId);
        Assert.Equal(from.Id, toAgent.PreviousAgentId);
        Assert.Equal("specialist", toAgent.Reason);

        (await Routing.PostAsync($"/api/routing/conversations/{id}/transfer", new { queueId = second.Id })).EnsureSuccessStatusCode();

        var queued = await Eventually.ReturnsAsync(() => Routing.ConversationAsync(id), c => c.State == "Queued" && c.QueueId == second.Id, "the conversation waits in the other queue");
        Assert.Null(queued.AgentId);
        await Eventually.TrueAsync(async () => (await Routing.GetAsync<AgentResponse>($"/api/routing/agents/{to.Id}")).ActiveConversations == 0
            && (await Routing.GetAsync<AgentResponse>($"/api/routing/agents/{from.Id}")).ActiveConversations == 0, "both agents' load is released");
        var bad = await Routing.PostAsync($"/api/routing/conversations/{id}/transfer", new { queueId = second.Id, agentId = to.Id });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }
}

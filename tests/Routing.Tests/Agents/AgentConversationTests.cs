using System.Net;
using System.Net.Http.Json;
using Platform.Contracts;
using Platform.Routing.Agents;
using Platform.Routing.Conversations;
using Platform.Routing.Queues;
using Platform.Routing.Tests.Support;
using Platform.Testing;

namespace Platform.Routing.Tests.Agents;

[Trait("Category", TestCategories.Integration)]
public sealed class AgentConversationTests(RoutingFixture fixture) : IClassFixture<RoutingFixture>
{
    private RoutingService Routing => fixture.Routing;

    private Peers Peers => fixture.Peers;

    [Fact]
    public async Task Agent_keyword_queues_the_conversation_until_an_agent_is_available_who_accepts_replies_and_ends_it()
    {
        var sinchConversation = Customers.NewConversation();
        var id = CorrelationIds.ForSinchConversation(sinchConversation);
        var agent = await Routing.CreateAgentAsync("Alice");

        await Peers.Publish(Customers.Text("agent", sinchConversation));

        var queued = await Routing.WaitForStateAsync(id, "Queued");
        Assert.Equal(1, queued.QueuePosition);
        Assert.NotNull(queued.WaitingSeconds);
        var waiting = await Routing.GetAsync<List<WaitingConversation>>($"/api/routing/queues/{queued.QueueId}/waiting");
        Assert.Equal(id, Assert.Single(waiting).ConversationId);
        await Peers.WaitFor<ConversationAssignmentChanged>(a => a.ConversationId == id && a.Change == "queued", "the handoff was announced");

        await Routing.SetStatusAsync(agent.Id, AgentStatuses.Available);
        var assigned = await Routing.WaitForStateAsync(id, "Assigned");
        Assert.Equal(agent.Id, assigned.AgentId);
        Assert.True(assigned.AwaitingAgentReply);

        (await Routing.PostAsync($"/api/routing/conversations/{id}/accept", new AcceptRequest(agent.Id))).EnsureSuccessStatusCode();
        await Peers.WaitFor<ConversationAssignmentChanged>(a => a.ConversationId == id && a.Change == "accepted", "the accept was announced");

        var reply = await Routing.PostAsync($"/api/routing/conversations/{id}/messages", new ReplyRequest(agent.Id, "Hi, Alice here", null, null, null));
        Assert.Equal(HttpStatusCode.Accepted, reply.StatusCode);
        var outboundId = (await reply.Content.ReadFromJsonAsync<ReplyResponse>(RoutingService.Json))!.OutboundMessageId;
        var send = await Peers.WaitFor<SendOutboundMessage>(s => s.OutboundMessageId == outboundId, "the agent's reply was sent");
        Assert.Equal("agent", send.RequestedBy);
        Assert.Equal("Hi, Alice here", send.Content.Text);
        var transcript = await Routing.TranscriptAsync(id);
        var entry = Assert.Single(transcript, e => e.OutboundMessageId == outboundId);
        Assert.Equal("Alice", entry.AuthorName);
        Assert.False((await Routing.ConversationAsync(id)).AwaitingAgentReply);

        (await Routing.PostAsync($"/api/routing/conversations/{id}/end", new EndRequest("agent"))).EnsureSuccessStatusCode();
        var ended = await Peers.WaitFor<ConversationEnded>(e => e.ConversationId == id, "the agent ended the conversation");
        Assert.Equal("agent", ended.EndedBy);
        Assert.Equal(sinchConversation, ended.SinchConversationId);
        await Eventually.TrueAsync(async () => (await Routing.GetAsync<AgentResponse>($"/api/routing/agents/{agent.Id}")).ActiveConversations == 0, "the agent's capacity is back");
        var afterEnd = await Routing.PostAsync($"/api/routing/conversations/{id}/messages", new ReplyRequest(agent.Id, "still there?", null, null, null));
        Assert.Equal(HttpStatusCode.Conflict, afterEnd.StatusCode);
    }

    [Fact]
    public async Task Reply_with_bad_content_or_paging_out_of_range_is_a_problem_not_a_server_error()
    {
        var unknown = Guid.NewGuid();
        var notFound = await Routing.PostAsync($"/api/routing/conversations/{unknown}/messages", new ReplyRequest(Guid.NewGuid(), "x", null, null, null));
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        var paging = await Routing.Client.GetAsync(new Uri("/api/routing/conversations?pageSize=100000", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, paging.StatusCode);
        Assert.Equal("application/problem+json", paging.Content.Headers.ContentType?.MediaType);
        var badStatus = await Routing.Client.PutAsJsonAsync($"/api/routing/agents/{Guid.NewGuid()}/status", new { status = "sleeping" });
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
    }
}

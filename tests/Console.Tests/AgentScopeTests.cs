using System.Text.Json;
using Platform.Console.Conversations;

namespace Platform.Console.Tests;

public sealed class AgentScopeTests
{
    private static readonly Guid Me = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid Billing = Guid.Parse("22222222-2222-2222-2222-222222222222");
    private static readonly Guid General = Guid.Parse("33333333-3333-3333-3333-333333333333");
    private static readonly Guid Legal = Guid.Parse("44444444-4444-4444-4444-444444444444");

    private static readonly AgentScope Scope = AgentScope.From(
        Me,
        Json("""{"skills":["Billing"]}"""),
        Json($$"""[{"id":"{{Billing}}","name":"Billing","skill":"billing"},{"id":"{{General}}","name":"General","skill":null},{"id":"{{Legal}}","name":"Legal","skill":"legal"}]"""));

    [Fact]
    public void An_agent_serves_queues_without_a_skill_and_queues_whose_skill_they_have_in_any_case()
    {
        Assert.Equal(["Billing", "General"], Scope.Queues.Select(q => q.Name));
    }

    [Fact]
    public void An_agent_sees_conversations_assigned_to_them_in_any_queue()
    {
        Assert.True(Scope.CanSee(Json($$"""{"state":"Assigned","agentId":"{{Me}}","queueId":"{{Legal}}"}""")));
    }

    [Fact]
    public void An_agent_sees_conversations_waiting_in_their_queues_only()
    {
        Assert.True(Scope.CanSee(Json($$"""{"state":"Queued","agentId":null,"queueId":"{{General}}"}""")));
        Assert.False(Scope.CanSee(Json($$"""{"state":"Queued","agentId":null,"queueId":"{{Legal}}"}""")));
    }

    [Fact]
    public void An_agent_never_sees_another_agents_conversation_even_in_their_own_queue()
    {
        Assert.False(Scope.CanSee(Json($$"""{"state":"Assigned","agentId":"{{Guid.NewGuid()}}","queueId":"{{Billing}}"}""")));
        Assert.False(Scope.CanSee(Json($$"""{"state":"BotHandling","agentId":null,"queueId":null}""")));
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;
}

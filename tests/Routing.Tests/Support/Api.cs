using System.Net.Http.Json;
using Platform.Routing.Agents;
using Platform.Routing.Queues;
using Platform.Routing.Rules;

namespace Platform.Routing.Tests.Support;

/// <summary>Arrange steps through routing's own API, one line each in a test.</summary>
public static class Api
{
    public static async Task<AgentResponse> CreateAgentAsync(this RoutingService routing, string name, int capacity = 1, params string[] skills)
    {
        var response = await routing.Client.PostAsJsonAsync("/api/routing/agents", new AgentRequest(name, [.. skills], capacity));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AgentResponse>(RoutingService.Json))!;
    }

    public static async Task SetStatusAsync(this RoutingService routing, Guid agentId, string status) =>
        (await routing.Client.PutAsJsonAsync($"/api/routing/agents/{agentId}/status", new AgentStatusRequest(status))).EnsureSuccessStatusCode();

    public static async Task<QueueResponse> CreateQueueAsync(this RoutingService routing, string name, string? skill = null, int? responseSeconds = null, int? inactivitySeconds = null)
    {
        var response = await routing.Client.PostAsJsonAsync("/api/routing/queues", new QueueRequest(name, skill, inactivitySeconds, null, null, responseSeconds));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<QueueResponse>(RoutingService.Json))!;
    }

    public static async Task<RuleResponse> CreateRuleAsync(this RoutingService routing, string name, string textContains, Guid queueId, int position = 10)
    {
        var response = await routing.Client.PostAsJsonAsync("/api/routing/rules",
            new RuleRequest(name, position, null, null, null, null, textContains, RuleTargets.Queue, queueId));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RuleResponse>(RoutingService.Json))!;
    }

    public static async Task<HttpResponseMessage> PostAsync(this RoutingService routing, string path, object body) =>
        await routing.Client.PostAsJsonAsync(path, body);
}

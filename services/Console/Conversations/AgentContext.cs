using System.Security.Claims;
using System.Text.Json;
using Platform.Console.Platform;
using Platform.Console.Sessions;

namespace Platform.Console.Conversations;

/// <summary>Loads what the console needs to decide for the signed-in agent: their scope and the conversations they may see.</summary>
public sealed class AgentContext(PlatformApi platform)
{
    public async Task<AgentScope?> ScopeAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var agentId = ConsoleClaims.AgentIdOf(user);
        var agent = await platform.GetJsonAsync($"api/routing/agents/{agentId}", cancellationToken);
        if (agent is null)
        {
            return null;
        }

        var queues = await platform.GetJsonAsync("api/routing/queues", cancellationToken) ?? default;
        return AgentScope.From(agentId, agent.Value, queues);
    }

    /// <summary>The conversation when the agent may see it, else <c>null</c> (unknown and not visible look the same).</summary>
    public async Task<(AgentScope Scope, JsonElement Conversation)?> VisibleAsync(ClaimsPrincipal user, Guid conversationId, CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(user, cancellationToken);
        if (scope is null)
        {
            return null;
        }

        var conversation = await platform.GetJsonAsync($"api/routing/conversations/{conversationId}", cancellationToken);
        return conversation is { } c && scope.CanSee(c) ? (scope, c) : null;
    }
}

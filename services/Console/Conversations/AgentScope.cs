using System.Text.Json;

namespace Platform.Console.Conversations;

/// <summary>
/// What a signed-in agent may see: conversations assigned to them, and conversations waiting in a queue they serve (a
/// queue without a skill, or one whose skill the agent has, as routing's assignment policy offers them; docs/routing.md).
/// </summary>
public sealed record AgentScope(Guid AgentId, IReadOnlyList<string> Skills, IReadOnlyList<ServedQueue> Queues)
{
    public static bool Serves(string? queueSkill, IEnumerable<string> agentSkills) =>
        string.IsNullOrWhiteSpace(queueSkill) || agentSkills.Any(s => string.Equals(s, queueSkill, StringComparison.OrdinalIgnoreCase));

    /// <summary>The agent's scope from routing's agent and queue lists.</summary>
    public static AgentScope From(Guid agentId, JsonElement agent, JsonElement queues)
    {
        var skills = agent.TryGetProperty("skills", out var s) && s.ValueKind == JsonValueKind.Array
            ? s.EnumerateArray().Select(x => x.GetString() ?? "").Where(x => x.Length > 0).ToList()
            : [];
        var served = queues.EnumerateArray()
            .Where(q => Serves(q.TryGetProperty("skill", out var skill) ? skill.GetString() : null, skills))
            .Select(q => new ServedQueue(q.GetProperty("id").GetGuid(), q.GetProperty("name").GetString() ?? ""))
            .ToList();
        return new AgentScope(agentId, skills, served);
    }

    /// <summary>True when the agent may see this conversation (routing's conversation JSON).</summary>
    public bool CanSee(JsonElement conversation)
    {
        if (Guid.TryParse(Text(conversation, "agentId"), out var assignee) && assignee == AgentId)
        {
            return true;
        }

        return Text(conversation, "state") == "Queued"
            && Guid.TryParse(Text(conversation, "queueId"), out var queueId)
            && Queues.Any(q => q.Id == queueId);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

public sealed record ServedQueue(Guid Id, string Name);

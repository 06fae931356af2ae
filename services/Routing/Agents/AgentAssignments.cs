using Microsoft.EntityFrameworkCore;
using Platform.Routing.Persistence;

namespace Platform.Routing.Agents;

/// <summary>
/// The assignment policy (docs/routing.md, "Assignment"): the available agent with free capacity and the queue's skill
/// who has been idle longest (earliest <see cref="Agent.IdleSince"/>), ties by id. The agent row is locked (skipping
/// rows another assignment holds) and its load changed in the conversation's own transaction, so capacity holds
/// across concurrent assignments and replicas. Offline or away agents never get a conversation.
/// </summary>
public static class AgentAssignments
{
    public static async Task<Agent?> TakeAsync(
        RoutingDbContext db, string? skill, Guid? preferred, Guid? excluded, DateTimeOffset now, CancellationToken cancellationToken,
        bool preferredOnly = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        Agent? agent = null;
        if (preferred is { } preferredId && preferredId != excluded)
        {
            agent = await Candidates(db, preferredOnly ? null : skill, preferredId, null).SingleOrDefaultAsync(cancellationToken);
        }

        if (!preferredOnly)
        {
            agent ??= await Candidates(db, skill, null, excluded).SingleOrDefaultAsync(cancellationToken);
        }
        if (agent is not null)
        {
            agent.ActiveConversations++;
            agent.IdleSince = now;
        }

        return agent;
    }

    public static async Task<bool> ReleaseAsync(RoutingDbContext db, Guid agentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var changed = await db.Database.ExecuteSqlAsync(
            $"UPDATE routing.agents SET \"ActiveConversations\" = GREATEST(\"ActiveConversations\" - 1, 0) WHERE \"Id\" = {agentId}",
            cancellationToken);
        return changed > 0;
    }

    // At most one row (LIMIT 1 in the SQL): read with Single, since EF cannot see the SQL's ORDER BY and warns (10103)
    // about a First over it.
    private static IQueryable<Agent> Candidates(RoutingDbContext db, string? skill, Guid? only, Guid? excluded) =>
        db.Agents.FromSql($"""
            SELECT * FROM routing.agents
            WHERE "Status" = 'available' AND "ActiveConversations" < "Capacity"
              AND ({skill}::text IS NULL OR {skill}::text = ANY("Skills"))
              AND ({only}::uuid IS NULL OR "Id" = {only}::uuid)
              AND ({excluded}::uuid IS NULL OR "Id" <> {excluded}::uuid)
            ORDER BY "IdleSince", "Id"
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """).AsTracking();
}

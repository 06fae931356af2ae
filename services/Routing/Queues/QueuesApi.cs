using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Routing.Conversations;
using Platform.Routing.Persistence;
using Platform.Routing.Rules;

namespace Platform.Routing.Queues;

/// <summary>Queues under <c>/api/routing/queues</c>, with their waiting conversations in order (position, waiting time).</summary>
public static class QueuesApi
{
    public static IEndpointRouteBuilder MapQueuesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/routing/queues").WithTags("Queues");
        group.MapGet("/", ListAsync).WithName("ListQueues").WithSummary("All queues with how many conversations wait in each.");
        group.MapPost("/", CreateAsync).WithName("CreateQueue").WithSummary("Adds a queue.");
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateQueue").WithSummary("Replaces a queue's settings.");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteQueue").WithSummary("Deletes an unused queue other than the default one.");
        group.MapGet("/{id:guid}/waiting", WaitingAsync).WithName("ListWaitingConversations").WithSummary("The queue's waiting conversations, first in line first, with waiting times.");
        return app;
    }

    private static async Task<Ok<List<QueueResponse>>> ListAsync(RoutingDbContext db, CancellationToken cancellationToken)
    {
        var waiting = await db.Conversations.AsNoTracking().Where(c => c.CurrentState == nameof(ConversationStateMachine.Queued) && c.QueueId != null)
            .GroupBy(c => c.QueueId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var queues = await db.Queues.AsNoTracking().OrderBy(q => q.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(queues.Select(q => QueueResponse.From(q, waiting.GetValueOrDefault(q.Id))).ToList());
    }

    private static async Task<Results<Created<QueueResponse>, ProblemHttpResult>> CreateAsync(QueueRequest request, RoutingDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Queues.AnyAsync(q => q.Name == request.Name, cancellationToken))
        {
            return Duplicate();
        }

        var queue = new AgentQueue { Id = Guid.NewGuid() };
        request.ApplyTo(queue);
        db.Queues.Add(queue);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/routing/queues/{queue.Id}", QueueResponse.From(queue, 0));
    }

    private static async Task<Results<Ok<QueueResponse>, NotFound, ProblemHttpResult>> UpdateAsync(
        Guid id, QueueRequest request, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var queue = await db.Queues.FirstOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (queue is null)
        {
            return TypedResults.NotFound();
        }

        if (await db.Queues.AnyAsync(q => q.Name == request.Name && q.Id != id, cancellationToken))
        {
            return Duplicate();
        }

        request.ApplyTo(queue);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(QueueResponse.From(queue, 0));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(Guid id, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var queue = await db.Queues.FirstOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (queue is null)
        {
            return TypedResults.NotFound();
        }

        if (queue.IsDefault)
        {
            return TypedResults.Problem(type: Problems.DefaultQueueFixed, title: "The default queue always exists.", statusCode: StatusCodes.Status409Conflict);
        }

        if (await db.Rules.AnyAsync(r => r.TargetKind == RuleTargets.Queue && r.TargetId == id, cancellationToken)
            || await db.Conversations.AnyAsync(c => c.QueueId == id && c.EndedAt == null, cancellationToken))
        {
            return TypedResults.Problem(type: Problems.InUse, title: "A rule or an open conversation uses this queue.", statusCode: StatusCodes.Status409Conflict);
        }

        db.Queues.Remove(queue);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<WaitingConversation>>, NotFound>> WaitingAsync(Guid id, RoutingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Queues.AnyAsync(q => q.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        var waiting = await db.Conversations.AsNoTracking()
            .Where(c => c.CurrentState == nameof(ConversationStateMachine.Queued) && c.QueueId == id)
            .OrderBy(c => c.QueuedAt).ThenBy(c => c.CorrelationId)
            .Select(c => new { c.CorrelationId, c.QueuedAt, c.DisplayName, c.Channel })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(waiting.Select((c, i) => new WaitingConversation(
            c.CorrelationId, i + 1, c.QueuedAt!.Value, Math.Max(0, (now - c.QueuedAt.Value).TotalSeconds), c.DisplayName, c.Channel)).ToList());
    }

    private static ProblemHttpResult Duplicate() =>
        TypedResults.Problem(type: Problems.DuplicateName, title: "A queue with this name exists.", statusCode: StatusCodes.Status409Conflict);
}

public sealed record QueueRequest(
    [property: Required, MaxLength(200)] string Name,
    [property: MaxLength(100)] string? Skill,
    [property: Range(1, 30 * 86_400)] int? InactivitySeconds,
    [property: Range(1, 30 * 86_400)] int? InactivityWarningSeconds,
    [property: MaxLength(1000)] string? InactivityWarningText,
    [property: Range(0, 86_400)] int? ResponseSeconds)
{
    public void ApplyTo(AgentQueue queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        queue.Name = Name;
        queue.Skill = Skill;
        queue.InactivitySeconds = InactivitySeconds;
        queue.InactivityWarningSeconds = InactivityWarningSeconds;
        queue.InactivityWarningText = InactivityWarningText;
        queue.ResponseSeconds = ResponseSeconds;
    }
}

public sealed record QueueResponse(
    Guid Id, string Name, bool IsDefault, string? Skill, int? InactivitySeconds, int? InactivityWarningSeconds, string? InactivityWarningText,
    int? ResponseSeconds, int Waiting)
{
    public static QueueResponse From(AgentQueue q, int waiting)
    {
        ArgumentNullException.ThrowIfNull(q);
        return new(q.Id, q.Name, q.IsDefault, q.Skill, q.InactivitySeconds, q.InactivityWarningSeconds, q.InactivityWarningText, q.ResponseSeconds, waiting);
    }
}

public sealed record WaitingConversation(Guid ConversationId, int Position, DateTimeOffset QueuedAt, double WaitingSeconds, string? DisplayName, string Channel);

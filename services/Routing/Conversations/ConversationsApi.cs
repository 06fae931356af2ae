using System.ComponentModel.DataAnnotations;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Routing.Persistence;
using Platform.Routing.Transcripts;

namespace Platform.Routing.Conversations;

/// <summary>
/// Conversations under <c>/api/routing/conversations</c>: lists with filters and paging, one conversation with its queue
/// position, its transcript, and the agent's actions (accept, transfer, reply, end), which the saga carries out.
/// </summary>
public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/routing/conversations").WithTags("Conversations");
        group.MapGet("/", ListAsync).WithName("ListConversations").WithSummary("Lists conversations, newest first, by state, queue, agent, channel and start time.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetConversation").WithSummary("One conversation, with queue position and waiting time while queued.");
        group.MapGet("/{id:guid}/transcript", TranscriptAsync).WithName("GetTranscript").WithSummary("The conversation's messages in order, with statuses and quotes.");
        group.MapPost("/{id:guid}/accept", AcceptAsync).WithName("AcceptConversation").WithSummary("The agent accepts the conversation offered to them, or takes a queued one.");
        group.MapPost("/{id:guid}/transfer", TransferAsync).WithName("TransferConversation").WithSummary("Moves the conversation to another queue or agent.");
        group.MapPost("/{id:guid}/messages", ReplyAsync).WithName("ReplyToConversation").WithSummary("The assigned agent replies: text, media by media id, or any Sinch message kind.");
        group.MapPost("/{id:guid}/end", EndAsync).WithName("EndConversation").WithSummary("Ends the conversation.");
        return app;
    }

    private static async Task<Results<Ok<Page<ConversationResponse>>, ValidationProblem>> ListAsync(
        RoutingDbContext db, string? state, Guid? queueId, Guid? agentId, string? channel, DateTimeOffset? from, DateTimeOffset? to,
        int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size, problem) = Paging.Read(page, pageSize);
        if (problem is not null)
        {
            return problem;
        }

        var query = db.Conversations.AsNoTracking();
        query = state is null ? query : query.Where(c => c.CurrentState == state);
        query = queueId is null ? query : query.Where(c => c.QueueId == queueId);
        query = agentId is null ? query : query.Where(c => c.AgentId == agentId);
        query = channel is null ? query : query.Where(c => c.Channel == channel);
        query = from is null ? query : query.Where(c => c.StartedAt >= from);
        query = to is null ? query : query.Where(c => c.StartedAt < to);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(c => c.StartedAt).ThenBy(c => c.CorrelationId).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<ConversationResponse>([.. rows.Select(r => ConversationResponse.From(r, null, null))], total, number, size));
    }

    private static async Task<Results<Ok<ConversationResponse>, NotFound>> GetAsync(Guid id, RoutingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.CorrelationId == id, cancellationToken);
        if (conversation is null)
        {
            return TypedResults.NotFound();
        }

        int? position = null;
        double? waitingSeconds = null;
        if (conversation is { CurrentState: nameof(ConversationStateMachine.Queued), QueueId: { } queueId, QueuedAt: { } queuedAt })
        {
            position = 1 + await db.Conversations.CountAsync(
                c => c.CurrentState == nameof(ConversationStateMachine.Queued) && c.QueueId == queueId
                    && (c.QueuedAt < queuedAt || (c.QueuedAt == queuedAt && c.CorrelationId.CompareTo(id) < 0)), cancellationToken);
            waitingSeconds = Math.Max(0, (clock.GetUtcNow() - queuedAt).TotalSeconds);
        }

        return TypedResults.Ok(ConversationResponse.From(conversation, position, waitingSeconds));
    }

    private static async Task<Results<Ok<Page<TranscriptEntryResponse>>, NotFound, ValidationProblem>> TranscriptAsync(
        Guid id, RoutingDbContext db, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size, problem) = Paging.Read(page, pageSize, maxSize: 500);
        if (problem is not null)
        {
            return problem;
        }

        if (!await db.Conversations.AnyAsync(c => c.CorrelationId == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var query = db.Transcript.AsNoTracking().Where(e => e.ConversationId == id);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(e => e.At).ThenBy(e => e.Sequence).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<TranscriptEntryResponse>([.. rows.Select(TranscriptEntryResponse.From)], total, number, size));
    }

    private static async Task<Results<Accepted, NotFound, ProblemHttpResult>> AcceptAsync(
        Guid id, AcceptRequest request, RoutingDbContext db, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.CorrelationId == id, cancellationToken);
        if (conversation is null || !await db.Agents.AnyAsync(a => a.Id == request.AgentId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        if (conversation.EndedAt is not null)
        {
            return Ended();
        }

        if (conversation.AgentId is { } assignee && assignee != request.AgentId)
        {
            return TypedResults.Problem(type: Problems.NotAssignee, title: "The conversation is assigned to another agent.", statusCode: StatusCodes.Status409Conflict);
        }

        await publish.Publish(new AcceptConversation { ConversationId = id, AgentId = request.AgentId }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/routing/conversations/{id}");
    }

    private static async Task<Results<Accepted, NotFound, ProblemHttpResult>> TransferAsync(
        Guid id, TransferRequest request, RoutingDbContext db, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.CorrelationId == id, cancellationToken);
        if (conversation is null)
        {
            return TypedResults.NotFound();
        }

        if (conversation.EndedAt is not null)
        {
            return Ended();
        }

        if ((request.QueueId is null) == (request.AgentId is null)
            || (request.QueueId is { } queueId && !await db.Queues.AnyAsync(q => q.Id == queueId, cancellationToken))
            || (request.AgentId is { } agentId && !await db.Agents.AnyAsync(a => a.Id == agentId, cancellationToken)))
        {
            return TypedResults.Problem(type: Problems.InvalidTarget, title: "Give exactly one existing queue or agent to transfer to.", statusCode: StatusCodes.Status400BadRequest);
        }

        await publish.Publish(new TransferConversation { ConversationId = id, QueueId = request.QueueId, AgentId = request.AgentId, Note = request.Note }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/routing/conversations/{id}");
    }

    private static async Task<Results<Accepted<ReplyResponse>, NotFound, ProblemHttpResult>> ReplyAsync(
        Guid id, ReplyRequest request, RoutingDbContext db, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.CorrelationId == id, cancellationToken);
        if (conversation is null)
        {
            return TypedResults.NotFound();
        }

        if (conversation.EndedAt is not null)
        {
            return Ended();
        }

        if (conversation.AgentId != request.AgentId)
        {
            return TypedResults.Problem(type: Problems.NotAssignee, title: "Only the assigned agent can reply.", statusCode: StatusCodes.Status409Conflict);
        }

        var content = await ContentOf(request, db, cancellationToken);
        if (content.Problem is { } problem)
        {
            return problem;
        }

        var outboundMessageId = NewId.NextGuid();
        await publish.Publish(new AgentReply { ConversationId = id, AgentId = request.AgentId, OutboundMessageId = outboundMessageId, Content = content.Content! }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/routing/conversations/{id}/transcript", new ReplyResponse(outboundMessageId));
    }

    private static async Task<(OutboundContent? Content, ProblemHttpResult? Problem)> ContentOf(ReplyRequest request, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var kinds = (request.Text is { Length: > 0 } ? 1 : 0) + (request.MediaId is not null ? 1 : 0) + (request.Kind is { Length: > 0 } ? 1 : 0);
        if (kinds != 1 && !(kinds == 2 && request.MediaId is not null && request.Text is not null))
        {
            return (null, TypedResults.Problem(type: Problems.InvalidContent, title: "Give text, a media id (with an optional caption), or a Sinch kind with its JSON.", statusCode: StatusCodes.Status400BadRequest));
        }

        if (request.MediaId is { } mediaId)
        {
            var media = await db.PublishedMedia.AsNoTracking().FirstOrDefaultAsync(m => m.MediaId == mediaId, cancellationToken);
            if (media is null)
            {
                return (null, TypedResults.Problem(type: Problems.MediaNotPublished, title: "Media has not published this media id (yet).", statusCode: StatusCodes.Status409Conflict));
            }

            return (new OutboundContent { MediaId = mediaId, MediaUrl = media.PublicUrl, MediaFileName = media.FileName, Text = request.Text }, null);
        }

        if (request.Kind is { Length: > 0 } kind)
        {
            if (request.Json is not { ValueKind: System.Text.Json.JsonValueKind.Object } json)
            {
                return (null, TypedResults.Problem(type: Problems.InvalidContent, title: "A Sinch kind needs its JSON object.", statusCode: StatusCodes.Status400BadRequest));
            }

            return (new OutboundContent { SinchKind = kind, SinchJson = json.GetRawText() }, null);
        }

        return (new OutboundContent { Text = request.Text }, null);
    }

    private static async Task<Results<Accepted, NotFound>> EndAsync(
        Guid id, EndRequest? request, RoutingDbContext db, IPublishEndpoint publish, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Conversations.AnyAsync(c => c.CorrelationId == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        // Idempotent: ending an ended conversation is accepted and changes nothing.
        await publish.Publish(new EndConversation { ConversationId = id, RequestedBy = request?.RequestedBy ?? "agent", RequestedAt = clock.GetUtcNow() }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/routing/conversations/{id}");
    }

    private static ProblemHttpResult Ended() =>
        TypedResults.Problem(type: Problems.ConversationEnded, title: "The conversation has ended.", statusCode: StatusCodes.Status409Conflict);
}

public sealed record AcceptRequest([property: Required] Guid AgentId);

public sealed record TransferRequest(Guid? QueueId, Guid? AgentId, [property: MaxLength(500)] string? Note);

public sealed record ReplyRequest(
    [property: Required] Guid AgentId,
    [property: MaxLength(4096)] string? Text,
    Guid? MediaId,
    [property: MaxLength(64)] string? Kind,
    System.Text.Json.JsonElement? Json);

public sealed record ReplyResponse(Guid OutboundMessageId);

public sealed record EndRequest([property: AllowedValues("agent", "api")] string? RequestedBy);

public sealed record ConversationResponse(
    Guid Id, string State, string SinchAppId, string? SinchConversationId, string ProcessingMode, string Channel, Guid? ContactId,
    string? DisplayName, DateTimeOffset StartedAt, DateTimeOffset LastActivityAt, DateTimeOffset? EndedAt, string? EndedBy, Guid? BotId,
    Guid? QueueId, Guid? AgentId, DateTimeOffset? QueuedAt, DateTimeOffset? AssignedAt, DateTimeOffset? AcceptedAt, bool AwaitingAgentReply,
    DateTimeOffset? ResponseDueAt, DateTimeOffset? InactivityDueAt, int ReopenCount, int? QueuePosition, double? WaitingSeconds)
{
    public static ConversationResponse From(ConversationState c, int? position, double? waitingSeconds)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.CorrelationId, c.CurrentState, c.SinchAppId, c.SinchConversationId, c.ProcessingMode, c.Channel, c.ContactId, c.DisplayName,
            c.StartedAt, c.LastActivityAt, c.EndedAt, c.EndedBy, c.BotId, c.QueueId, c.AgentId, c.QueuedAt, c.AssignedAt, c.AcceptedAt,
            c.AwaitingAgentReply, c.ResponseDueAt, c.InactivityDueAt, c.ReopenCount, position, waitingSeconds);
    }
}

public sealed record TranscriptEntryResponse(
    Guid Id, long Sequence, string Direction, string Author, string? AuthorName, Guid? AgentId, string Kind, string? Text, string? ContentJson,
    string? MediaUrl, Guid? MediaId, string? MediaFileName, string? MediaFailure, string? SinchMessageId, Guid? OutboundMessageId,
    TranscriptQuote? Quote, string? Status, string? FailureCode, string? FailureReason, DateTimeOffset? StatusAt, DateTimeOffset At, bool Erased)
{
    public static TranscriptEntryResponse From(TranscriptEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var quote = e.QuotedEntryId is { } quoted ? new TranscriptQuote(quoted, e.QuoteText) : null;
        return new(e.Id, e.Sequence, e.Direction, e.Author, e.AuthorName, e.AgentId, e.Kind, e.Text, e.ContentJson, e.MediaUrl, e.MediaId,
            e.MediaFileName, e.MediaFailure, e.SinchMessageId, e.OutboundMessageId, quote, e.Status, e.FailureCode, e.FailureReason, e.StatusAt,
            e.At, e.Erased);
    }
}

/// <summary>A quote shown above a reply: the quoted entry and its preview.</summary>
public sealed record TranscriptQuote(Guid EntryId, string? Text);

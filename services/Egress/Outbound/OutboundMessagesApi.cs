using System.Globalization;
using System.Text;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Egress.Apps;
using Platform.Egress.Persistence;

namespace Platform.Egress.Outbound;

/// <summary>Outbound messages: <c>/api/egress/messages</c> (docs/egress.md, "API").</summary>
public static class OutboundMessagesApi
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapOutboundMessagesApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var messages = app.MapGroup("/api/egress/messages").WithTags("Outbound messages");
        messages.MapPost("/", SendAsync).WithName("SendOutboundMessage")
            .WithSummary("Queues a message for sending; answers 202 with its id. Follow its status with GET.");
        messages.MapGet("/{outboundMessageId:guid}", GetAsync).WithName("GetOutboundMessage")
            .WithSummary("One outbound message with its status history.");
        messages.MapGet("/", ListAsync).WithName("ListOutboundMessages")
            .WithSummary("Messages of a conversation or a contact, newest first, paged with nextPageToken.");
        return app;
    }

    private static async Task<Results<Accepted<SendMessageAccepted>, ProblemHttpResult>> SendAsync(
        SendMessageRequest request, EgressDbContext db, IPublishEndpoint publish, TimeProvider time, CancellationToken cancellationToken)
    {
        var content = request.Content.ToContract();
        if (SinchSendRequest.KindOf(content) is var kind && (kind == "invalid" || !SinchSendRequest.Kinds.Contains(kind)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: Problems.InvalidMessage, title: "Invalid message",
                detail: "Set exactly one of text, mediaUrl or sinchKind (a Sinch message kind) with sinchJson.");
        }

        if (string.IsNullOrEmpty(request.SinchContactId) && request.Recipients.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: Problems.InvalidMessage, title: "Invalid message",
                detail: "Give a sinchContactId or at least one recipient identity.");
        }

        if (!await db.Set<SinchAppConnection>().AnyAsync(a => a.AppId == request.SinchAppId && a.DisconnectedAt == null, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, type: Problems.AppNotConnected,
                title: "App not connected", detail: $"No connected Sinch app {request.SinchAppId}.");
        }

        var id = request.OutboundMessageId ?? NewId.NextGuid();
        await publish.Publish(new SendOutboundMessage
        {
            OutboundMessageId = id,
            ConversationId = request.ConversationId,
            SinchAppId = request.SinchAppId,
            SinchContactId = request.SinchContactId,
            Recipients = [.. request.Recipients.Select(r => new ChannelIdentity { Channel = r.Channel, Identity = r.Identity })],
            Content = content,
            ChannelPriority = request.ChannelPriority,
            Metadata = request.Metadata,
            ContactId = request.ContactId,
            ConversationChannel = request.ConversationChannel,
            RequestedBy = "api",
            CorrelationId = request.CorrelationId,
            RequestedAt = time.GetUtcNow(),
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/egress/messages/{id}", new SendMessageAccepted(id, OutboundMessageStatuses.Requested));
    }

    private static async Task<Results<Ok<OutboundMessageResponse>, ProblemHttpResult>> GetAsync(
        Guid outboundMessageId, EgressDbContext db, CancellationToken cancellationToken)
    {
        var message = await db.Set<OutboundMessageState>().AsNoTracking().SingleOrDefaultAsync(m => m.CorrelationId == outboundMessageId, cancellationToken);
        return message is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: Problems.MessageNotFound, title: "Message not found",
                detail: $"No outbound message {outboundMessageId} (a message just sent may take a moment to appear).")
            : TypedResults.Ok(OutboundMessageResponse.From(message));
    }

    private static async Task<Results<Ok<OutboundMessagePage>, ProblemHttpResult>> ListAsync(
        EgressDbContext db, Guid? conversationId, Guid? contactId, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (conversationId is null == contactId is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: Problems.InvalidMessage, title: "Invalid query",
                detail: "Give exactly one of conversationId or contactId.");
        }

        var size = Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize);
        var query = db.Set<OutboundMessageState>().AsNoTracking()
            .Where(m => conversationId != null ? m.ConversationId == conversationId : m.ContactId == contactId);
        if (pageToken is not null)
        {
            if (!TryReadToken(pageToken, out var at, out var after))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: Problems.InvalidMessage, title: "Invalid page token",
                    detail: "The page token is not one this API handed out.");
            }

            query = query.Where(m => m.RequestedAt < at || (m.RequestedAt == at && m.CorrelationId.CompareTo(after) < 0));
        }

        var rows = await query.OrderByDescending(m => m.RequestedAt).ThenByDescending(m => m.CorrelationId).Take(size + 1).ToListAsync(cancellationToken);
        var next = rows.Count > size ? Token(rows[size - 1]) : null;
        return TypedResults.Ok(new OutboundMessagePage([.. rows.Take(size).Select(OutboundMessageResponse.From)], next));
    }

    private static string Token(OutboundMessageState last) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{last.RequestedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{last.CorrelationId:N}"));

    private static bool TryReadToken(string token, out DateTimeOffset at, out Guid after)
    {
        at = default;
        after = default;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks) && Guid.TryParseExact(parts[1], "N", out after))
            {
                at = new DateTimeOffset(ticks, TimeSpan.Zero);
                return true;
            }
        }
        catch (FormatException)
        {
            // Not base64: reported as an invalid token below.
        }

        return false;
    }
}

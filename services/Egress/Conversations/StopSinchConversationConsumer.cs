using System.Net;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Egress.Apps;
using Platform.Egress.Persistence;
using Platform.Egress.Sinch;
using Platform.Messaging;

namespace Platform.Egress.Conversations;

/// <summary>
/// Routing ended a conversation: stop it at Sinch (CONVERSATION mode). The stop carries no body, so no attached data
/// leaves the platform; an empty Sinch conversation id (DISPATCH) has nothing to stop; a conversation Sinch already
/// stopped or forgot is not an error (docs/egress.md, "End of conversation").
/// </summary>
public sealed class StopSinchConversationConsumer(EgressDbContext db, AppSecrets secrets, SinchClient sinch, ILogger<StopSinchConversationConsumer> logger)
    : IConsumer<ConversationEnded>
{
    public async Task Consume(ConsumeContext<ConversationEnded> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        if (string.IsNullOrEmpty(m.SinchConversationId))
        {
            return;
        }

        var connection = await db.Set<SinchAppConnection>().AsNoTracking()
            .SingleOrDefaultAsync(a => a.AppId == m.SinchAppId && a.DisconnectedAt == null, context.CancellationToken);
        if (connection is null)
        {
            logger.StopSkipped(m.ConversationId, m.SinchAppId);
            return;
        }

        try
        {
            await sinch.SendAsync(secrets.CredentialsOf(connection), HttpMethod.Post, $"conversations/{m.SinchConversationId}:stop", null, context.CancellationToken);
            logger.ConversationStopped(m.ConversationId, m.SinchConversationId);
        }
        catch (SinchApiException e) when (e.StatusCode is HttpStatusCode.NotFound || e.SinchStatus == "FAILED_PRECONDITION")
        {
            logger.ConversationStopped(m.ConversationId, m.SinchConversationId);
        }
        catch (SinchApiException e) when (!e.IsTransient)
        {
            throw new UnrecoverableMessageException($"Sinch refused to stop conversation {m.SinchConversationId}: {e.Describe()}", e);
        }
    }
}

internal static partial class ConversationsLog
{
    [LoggerMessage(1301, LogLevel.Information, "Conversation {ConversationId} stopped at Sinch ({SinchConversationId})")]
    public static partial void ConversationStopped(this ILogger logger, Guid conversationId, string sinchConversationId);

    [LoggerMessage(1302, LogLevel.Warning, "Conversation {ConversationId} ended but app {AppId} is not connected; nothing stopped")]
    public static partial void StopSkipped(this ILogger logger, Guid conversationId, string appId);
}

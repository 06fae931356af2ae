using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Routing.Conversations;
using Platform.Routing.Persistence;
using Platform.Routing.Transcripts;

namespace Platform.Routing.Bots;

/// <summary>
/// The bot connector: posts a customer message to the conversation's bot outside the saga (an HTTP call must not hold
/// the conversation's row lock) and reports the answer, or that there is none, back to the saga.
/// </summary>
public sealed class AskBotConsumer(RoutingDbContext db, BotClient client, ILogger<AskBotConsumer> logger) : IConsumer<AskBot>
{
    public async Task Consume(ConsumeContext<AskBot> context)
    {
        var ask = context.Message;
        var cancellationToken = context.CancellationToken;
        var bot = await db.Bots.AsNoTracking().FirstOrDefaultAsync(b => b.Id == ask.BotId, cancellationToken);
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.CorrelationId == ask.ConversationId, cancellationToken);
        var entry = await db.Transcript.AsNoTracking().FirstOrDefaultAsync(e => e.Id == ask.EntryId, cancellationToken);
        if (conversation is null || entry is null)
        {
            return;
        }

        if (bot is null)
        {
            await Unavailable(context, "bot-missing");
            return;
        }

        try
        {
            var answer = await client.AskAsync(bot, RequestFor(conversation, entry), cancellationToken);
            var messages = answer.Messages.Select(m => m.ToContent()).OfType<Contracts.OutboundContent>().ToList();
            await context.Publish(new BotAnswered
            {
                ConversationId = ask.ConversationId,
                BotId = ask.BotId,
                Messages = messages,
                Handoff = answer.Handoff is not null,
                HandoffQueue = answer.Handoff?.Queue,
                HandoffReason = answer.Handoff?.Reason,
                End = answer.End,
            }, cancellationToken);
            logger.BotAnswered(bot.Id, ask.ConversationId, messages.Count);
        }
        catch (BotUnavailableException exception)
        {
            await Unavailable(context, exception.Reason);
        }
    }

    private async Task Unavailable(ConsumeContext<AskBot> context, string reason)
    {
        logger.BotUnavailable(context.Message.BotId, context.Message.ConversationId, reason);
        await context.Publish(new BotUnavailable { ConversationId = context.Message.ConversationId, BotId = context.Message.BotId, Reason = reason }, context.CancellationToken);
    }

    public static BotRequest RequestFor(ConversationState conversation, TranscriptEntry entry)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(entry);
        var sinch = new JsonObject
        {
            ["channelIdentifier"] = conversation.Channel,
            ["channelIdentity"] = conversation.Identity,
            ["contactId"] = conversation.SinchContactId,
            ["appId"] = conversation.SinchAppId,
            ["conversationId"] = conversation.SinchConversationId,
            ["metadata"] = MetadataOf(conversation),
        };
        return new BotRequest
        {
            ConversationId = conversation.CorrelationId,
            DeliveryId = entry.Id,
            DisplayName = conversation.DisplayName ?? entry.AuthorName,
            Message = new BotMessage
            {
                SinchMessageId = entry.SinchMessageId,
                Kind = entry.Kind,
                Text = entry.Text,
                MediaUrl = entry.MediaUrl,
                MediaId = entry.MediaId,
                Content = entry.ContentJson is { } json ? JsonNode.Parse(json) : null,
                ReceivedAt = entry.At,
            },
            Variables = new JsonObject
            {
                ["internal"] = new JsonObject { ["sinchConversationAPI"] = sinch },
                ["displayName"] = conversation.DisplayName ?? entry.AuthorName,
                ["platformContactId"] = conversation.ContactId?.ToString(),
            },
        };
    }

    /// <summary>Chatlayer's metadata variable: the conversation metadata as an object when it is JSON, else as a string.</summary>
    private static JsonNode? MetadataOf(ConversationState conversation)
    {
        if (conversation.ConversationMetadata is { Length: > 0 } raw)
        {
            try
            {
                if (JsonNode.Parse(raw) is JsonObject parsed)
                {
                    return parsed;
                }
            }
            catch (JsonException)
            {
                // Not JSON: passed on as the string it is.
            }

            return JsonValue.Create(raw);
        }

        var map = new JsonObject();
        foreach (var (key, value) in conversation.Metadata)
        {
            map[key] = value;
        }

        return map;
    }
}

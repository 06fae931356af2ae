using Platform.Contracts;

namespace Platform.Routing.Conversations;

/// <summary>
/// Deterministic keys and conversation ids of a customer thread (docs/routing.md, "Correlation"): CONVERSATION mode by
/// app and Sinch conversation id, DISPATCH mode (no conversation id) by app, channel and identity. Generation 0 of a
/// Sinch conversation has <see cref="CorrelationIds.ForSinchConversation"/> as its id, the id other services derive.
/// </summary>
public static class ConversationThreads
{
    public static string ModeOf(InboundMessageReceived message) =>
        string.IsNullOrEmpty(message.SinchConversationId) ? ProcessingModes.Dispatch : ProcessingModes.Conversation;

    public static string KeyOf(InboundMessageReceived message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ModeOf(message) == ProcessingModes.Conversation
            ? ForSinchConversation(message.SinchAppId, message.SinchConversationId!)
            : CorrelationIds.From("dispatch-thread", message.SinchAppId, message.Identity.Channel, message.Identity.Identity, message.Identity.AppId ?? "")
                .ToString("N");
    }

    public static string ForSinchConversation(string sinchAppId, string sinchConversationId) =>
        CorrelationIds.From("conversation-thread", sinchAppId, sinchConversationId).ToString("N");

    public static Guid ConversationIdOf(string threadKey, string? sinchConversationId, int generation) =>
        generation == 0 && !string.IsNullOrEmpty(sinchConversationId)
            ? CorrelationIds.ForSinchConversation(sinchConversationId)
            : CorrelationIds.From("conversation", threadKey, generation.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

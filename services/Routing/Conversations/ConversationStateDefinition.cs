using MassTransit;

namespace Platform.Routing.Conversations;

/// <summary>
/// The saga's endpoint (<c>routing-conversation-state</c>). Retries, redelivery and the inbox/outbox come from the
/// shared messaging set-up (the retry is what makes a lost insert race load the winner's row).
/// </summary>
public sealed class ConversationStateDefinition : SagaDefinition<ConversationState>
{
    // Messages of one conversation wait on its row lock; many conversations run side by side.
    public ConversationStateDefinition() => ConcurrentMessageLimit = 16;
}

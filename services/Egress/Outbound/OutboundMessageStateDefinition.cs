using MassTransit;

namespace Platform.Egress.Outbound;

/// <summary>
/// The saga's endpoint. Messages of one outbound message are few and short, but racing reports all lock the same row:
/// a modest concurrency keeps lock waits short. Retry, redelivery and the inbox/outbox come from the service-wide setup.
/// </summary>
public sealed class OutboundMessageStateDefinition : SagaDefinition<OutboundMessageState>
{
    public OutboundMessageStateDefinition() => ConcurrentMessageLimit = 32;
}

using MassTransit;
using Platform.DurableMessaging.Outbox;

namespace Platform.DurableMessaging.Scheduling;

/// <summary>
/// Sends a <see cref="ScheduledMessageEntry"/> as MassTransit sends a stored outbox message (its own
/// <see cref="OutboxMessageSendPipe"/>: body, ids, addresses, headers, properties, time to live), plus
/// <c>MT-Scheduling-TokenId</c> so a state machine can ignore stale timeouts.
/// </summary>
internal sealed class ScheduledMessageSendPipe(ScheduledMessageEntry row) : IPipe<SendContext>
{
    private readonly OutboxMessageSendPipe _stored = new(
        OutboxMessage.ToSend(row.Envelope, row.Destination, row.Created, SystemTextJsonMessageSerializer.Instance), row.Destination);

    public async Task Send(SendContext context)
    {
        await _stored.Send(context);
        context.Headers.Set(MessageHeaders.SchedulingTokenId, row.TokenId.ToString("N"));
    }

    public void Probe(ProbeContext context)
    {
    }
}

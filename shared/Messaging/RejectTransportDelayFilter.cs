using MassTransit;

namespace Platform.Messaging;

/// <summary>
/// Fails any send that asks RabbitMQ to delay the message. Our broker has no delayed-message plugin: MassTransit would
/// declare an <c>x-delayed-message</c> exchange and fail, or, through the outbox, store the delay and fail at every
/// delivery attempt. Delays go through the durable scheduler instead.
/// </summary>
/// <typeparam name="T">Message type.</typeparam>
public sealed class RejectTransportDelayFilter<T> : IFilter<SendContext<T>>
    where T : class
{
    /// <inheritdoc />
    public Task Send(SendContext<T> context, IPipe<SendContext<T>> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Delay is not null)
        {
            throw new InvalidOperationException(
                $"{TypeCache<T>.ShortName} was sent with a transport delay of {context.Delay}; RabbitMQ here has no delayed-message " +
                "plugin. Use the message scheduler (ScheduleSend/SchedulePublish) instead.");
        }

        return next.Send(context);
    }

    /// <inheritdoc />
    public void Probe(ProbeContext context) => context?.CreateFilterScope("rejectTransportDelay");
}

/// <summary>Adds <see cref="RejectTransportDelayFilter{T}"/> to the send pipe of every message type (publishes included), without a DI scope per send.</summary>
internal sealed class RejectTransportDelaySpecificationObserver : MassTransit.Configuration.ISendPipeSpecificationObserver
{
    public void MessageSpecificationCreated<T>(MassTransit.Configuration.IMessageSendPipeSpecification<T> specification)
        where T : class =>
        specification.UseFilter(new RejectTransportDelayFilter<T>());
}

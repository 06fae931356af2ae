namespace Platform.Messaging;

/// <summary>
/// The queue of the service's durable message scheduler, registered as a singleton by the scheduler building block.
/// When present, <see cref="MessagingExtensions.AddMessaging"/> sends every schedule (ScheduleSend, state machine
/// timeouts, scheduled redelivery) there; when absent, scheduled redelivery is off.
/// </summary>
/// <param name="QueueName">For example <c>routing-scheduler</c>.</param>
public sealed record MessageSchedulerEndpoint(string QueueName)
{
    /// <summary>
    /// Where schedule commands are sent: the endpoint's exchange. A <c>queue:</c> address would make the sender declare
    /// the queue as a classic queue, which RabbitMQ refuses (PRECONDITION_FAILED x-queue-type) for our quorum queues.
    /// </summary>
    public Uri Address => new($"exchange:{QueueName}");
}

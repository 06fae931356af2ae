namespace Platform.Messaging;

/// <summary>
/// The queue of the service's durable message scheduler, registered as a singleton by the scheduler building block.
/// When present, <see cref="MessagingExtensions.AddMessaging"/> sends every schedule (ScheduleSend, state machine
/// timeouts, scheduled redelivery) there; when absent, scheduled redelivery is off.
/// </summary>
/// <param name="QueueName">For example <c>routing-scheduler</c>.</param>
public sealed record MessageSchedulerEndpoint(string QueueName)
{
    /// <summary>The <c>queue:</c> address MassTransit sends schedule commands to.</summary>
    public Uri Address => new($"queue:{QueueName}");
}

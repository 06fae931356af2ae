using MassTransit;

namespace Platform.Shared.Tests.DurableMessaging.Support;

/// <summary>
/// Counts consume faults seen by a bus, from consumers and sagas (consume observers) and from the outbox around them
/// (receive observers, which see a failed save of the consume step): a copy recognised by the inbox must be neither.
/// </summary>
public sealed class FaultCounter : IConsumeObserver, IReceiveObserver
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Connects the counter to both kinds of observers of <paramref name="bus"/>.</summary>
    public void Observe(IBus bus)
    {
        bus.ConnectConsumeObserver(this);
        bus.ConnectReceiveObserver(this);
    }

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }
}

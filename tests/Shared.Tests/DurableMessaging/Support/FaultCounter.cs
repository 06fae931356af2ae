using MassTransit;

namespace Platform.Shared.Tests.DurableMessaging.Support;

/// <summary>Counts consume faults seen by a bus: a copy of a message recognised by the inbox must not be one.</summary>
public sealed class FaultCounter : IConsumeObserver
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

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
}

namespace Platform.DurableMessaging.Scheduling;

/// <summary>Lets this replica's schedule consumer wake its sweeper when it stored a row due sooner than the next poll.</summary>
internal sealed class SchedulerWakeUp
{
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>; read it before sweeping so a notification during the sweep is not lost.</summary>
    public Task Signal => Volatile.Read(ref _signal).Task;

    public void Notify() => Interlocked.Exchange(ref _signal, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

namespace Platform.DurableMessaging;

/// <summary>
/// Wakes a background delivery loop of this replica when work arrived sooner than its next poll: the scheduler's sweep
/// when a row due soon was stored, the bus outbox's workers when a scope saved messages. Any number of waiters; a
/// notification wakes every one of them, and one that arrives while nobody waits is kept for the next wait.
/// </summary>
internal abstract class WakeUpSignal
{
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>; read it before looking for work so a notification during the look is not lost.</summary>
    public Task Signal => Volatile.Read(ref _signal).Task;

    public void Notify() => Interlocked.Exchange(ref _signal, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

namespace Platform.SinchEmulator.Callbacks;

/// <summary>
/// Misbehaviours Sinch is allowed (docs/sinch-wire-format.md §14: duplicates, no ordering), switched on by tests.
/// Duplicates = extra copies of every callback; ReorderWindow = callbacks are held in groups of
/// this size (or for ReorderHoldMs) and posted in reverse order.
/// </summary>
internal sealed record CallbackMode(int Duplicates = 0, int ReorderWindow = 0, int ReorderHoldMs = 200)
{
    public bool Reorders => ReorderWindow > 1;
}

internal sealed class CallbackModeSetting
{
    private CallbackMode _current = new();

    public CallbackMode Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }
}

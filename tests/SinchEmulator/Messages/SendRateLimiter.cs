namespace Platform.SinchEmulator.Messages;

/// <summary>Fixed one-second window over messages:send; off until a test sets a limit.</summary>
internal sealed class SendRateLimiter(TimeProvider time)
{
    private readonly Lock _gate = new();
    private int? _perSecond;
    private long _windowSecond;
    private int _used;

    public int? PerSecond
    {
        get
        {
            lock (_gate)
            {
                return _perSecond;
            }
        }
        set
        {
            lock (_gate)
            {
                _perSecond = value;
                _used = 0;
            }
        }
    }

    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (_perSecond is null)
            {
                return true;
            }
            var second = time.GetUtcNow().ToUnixTimeSeconds();
            if (second != _windowSecond)
            {
                _windowSecond = second;
                _used = 0;
            }
            return ++_used <= _perSecond;
        }
    }
}

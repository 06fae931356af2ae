namespace Platform.SinchEmulator.Recording;

/// <summary>Keeps the newest records only, so a long load run cannot exhaust memory.</summary>
internal class RecordBuffer<T>(int capacity = 20_000)
{
    private readonly Lock _gate = new();
    private readonly Queue<T> _items = new();
    private long _sequence;

    public long Add(Func<long, T> create)
    {
        lock (_gate)
        {
            var sequence = ++_sequence;
            _items.Enqueue(create(sequence));
            if (_items.Count > capacity)
            {
                _items.Dequeue();
            }
            return sequence;
        }
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
        {
            return [.. _items];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _items.Clear();
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace Platform.Benchmarks.Support;

/// <summary>
/// Which types this process allocates most, from the runtime's allocation-tick events (one event per about 100 KiB
/// allocated, naming the type that crossed the mark): a sample, but an unbiased one, and enough to see what a change
/// should remove. Listens while it lives.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new();
    private volatile bool _recording;

    public void Start() => _recording = true;

    /// <summary>The top types by sampled bytes since <see cref="Start"/>, one per line, with their share; stops and clears.</summary>
    public string Report(int top)
    {
        _recording = false;
        var total = Math.Max(1, _bytesByType.Values.Sum());
        var lines = new StringBuilder();
        foreach (var (type, bytes) in _bytesByType.OrderByDescending(x => x.Value).Take(top))
        {
            lines.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes * 100.0 / total,5:F1}%  {type}"));
        }

        _bytesByType.Clear();
        return lines.ToString();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName != "GCAllocationTick_V4" || eventData.Payload is null)
        {
            return;
        }

        var type = eventData.PayloadNames?.IndexOf("TypeName") is >= 0 and var at ? eventData.Payload[at] as string ?? "?" : "?";
        var amount = eventData.PayloadNames?.IndexOf("AllocationAmount64") is >= 0 and var size ? Convert.ToInt64(eventData.Payload[size], CultureInfo.InvariantCulture) : 0;
        _bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}

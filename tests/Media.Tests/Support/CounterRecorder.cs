using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Media.Tests.Support;

/// <summary>Sums one counter of one host's <c>Platform</c> meter by tag value, from the moment of creation.</summary>
internal sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _byTag = new(StringComparer.Ordinal);

    public CounterRecorder(IServiceProvider services, string instrument)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (i, l) =>
        {
            if (i.Name == instrument && ReferenceEquals(i.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(i);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (_byTag)
            {
                foreach (var tag in tags)
                {
                    var key = $"{tag.Key}={tag.Value}";
                    _byTag[key] = _byTag.GetValueOrDefault(key) + value;
                }
            }
        });
        _listener.Start();
    }

    public long this[string tag]
    {
        get
        {
            lock (_byTag)
            {
                return _byTag.GetValueOrDefault(tag);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}

using System.Diagnostics.Metrics;

namespace Platform.Benchmarks.DurableMessaging;

/// <summary>
/// Counts the database commands Npgsql executes in this process and the time they took (its <c>db.client.operation.duration</c>
/// histogram): one command is one round trip (an EF batch is one command; a transaction's COMMIT is not counted).
/// </summary>
internal sealed class DatabaseCommandMeter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _commands;
    private double _seconds;

    public DatabaseCommandMeter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.operation.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
        {
            Interlocked.Increment(ref _commands);
            lock (_listener)
            {
                _seconds += seconds;
            }
        });
        _listener.Start();
    }

    public long Commands => Interlocked.Read(ref _commands);

    public double Seconds
    {
        get
        {
            lock (_listener)
            {
                return _seconds;
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}

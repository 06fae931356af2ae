using System.Diagnostics.Metrics;

namespace Platform.Shared.Tests.DurableMessaging.Support;

/// <summary>
/// Counts the commands Npgsql sends to one database (its <c>db.client.operation.duration</c> measurements, one per
/// round trip; a batch is one).
/// </summary>
public sealed class RoundTrips : IDisposable
{
    private readonly MeterListener _listener = new();
    private int _count;

    public RoundTrips(string connectionString)
    {
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database!;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.operation.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Value is string value && value.Contains(database, StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _count);
                    return;
                }
            }
        });
        _listener.Start();
    }

    public int Count => Volatile.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}

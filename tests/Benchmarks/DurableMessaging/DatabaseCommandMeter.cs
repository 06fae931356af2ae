using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Benchmarks.DurableMessaging;

/// <summary>
/// Counts the database commands Npgsql executes in this process and the time they took (its
/// <c>db.client.operation.duration</c> histogram): one command is one round trip (an EF batch is one command; a
/// transaction's COMMIT is not counted). One listener for the whole process, started once (a listener per measurement
/// missed the commands of data sources created after the first), read as the difference between two readings.
/// A COMMIT sent on its own is a round trip too: <see cref="Commits"/> counts those (the interceptor
/// <see cref="CommitCounter"/>, added to the benchmark's DbContext); a commit that travels with a save's last batch is not
/// one.
/// </summary>
internal sealed class DatabaseCommandMeter : IDisposable
{
    private static readonly MeterListener Listener = StartListener();
    private static long _commands;
    private static long _microseconds;
    private static long _commits;

    private readonly long _commandsAtStart = Interlocked.Read(ref _commands);
    private readonly long _microsecondsAtStart = Interlocked.Read(ref _microseconds);
    private readonly long _commitsAtStart = Interlocked.Read(ref _commits);

    /// <summary>Counts the commits sent as a statement of their own.</summary>
    public static DbTransactionInterceptor CommitCounter { get; } = new CountingCommits();

    public long Commands => Interlocked.Read(ref _commands) - _commandsAtStart;

    public long Commits => Interlocked.Read(ref _commits) - _commitsAtStart;

    public double Seconds => (Interlocked.Read(ref _microseconds) - _microsecondsAtStart) / 1_000_000.0;

    public void Dispose()
    {
        // The process-wide listener stays; a reading needs nothing released.
    }

    private sealed class CountingCommits : DbTransactionInterceptor
    {
        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _commits);
            return Task.CompletedTask;
        }
    }

    private static MeterListener StartListener()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.operation.duration")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
        {
            Interlocked.Increment(ref _commands);
            Interlocked.Add(ref _microseconds, (long)(seconds * 1_000_000));
        });
        listener.Start();
        return listener;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Platform.Benchmarks.Support;

/// <summary>Rate and latency of one target, as the benchmarks print it.</summary>
internal sealed record LoopResult(string Name, int Count, double PerSecond, double P50, double P99, double Max)
{
    public const string Header = "target                              count    msgs/s   p50 ms   p99 ms   max ms";

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name,-32} {Count,8} {PerSecond,9:F1} {P50,8:F1} {P99,8:F1} {Max,8:F1}");
}

/// <summary>
/// A closed loop: <c>concurrency</c> workers each start one operation and wait for it to finish before the next, for a
/// given time; every finished operation's latency is kept. Prints nothing; returns the figures.
/// </summary>
internal static class ClosedLoop
{
    public static async Task<LoopResult> RunAsync(string name, int concurrency, TimeSpan duration, Func<Task<bool>> operation, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                if (await operation())
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }, cancellationToken)));
        var elapsed = clock.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        return new LoopResult(name, sorted.Length, sorted.Length / elapsed, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length == 0 ? 0 : sorted[^1]);
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

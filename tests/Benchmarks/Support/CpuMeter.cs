using System.Globalization;

namespace Platform.Benchmarks.Support;

/// <summary>
/// CPU time spent between two readings by this process, an optional target process (a service run as a child), the
/// PostgreSQL server processes and the RabbitMQ node, read from
/// <c>/proc</c> (Linux only; elsewhere every figure is 0). On a machine where the three share a few cores, throughput is
/// CPU per message, so this says which of them a change made cheaper.
/// </summary>
internal sealed class CpuMeter(int? targetProcessId = null)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on every Linux this runs on

    private readonly Dictionary<int, (string Command, double Seconds)> _start = Snapshot();
    private readonly long _allocatedAtStart = GC.GetTotalAllocatedBytes();
    private readonly int _gen0AtStart = GC.CollectionCount(0);
    private readonly int _gen2AtStart = GC.CollectionCount(2);
    private readonly TimeSpan _pausedAtStart = GC.GetTotalPauseDuration();
    private readonly TimeSpan _jitAtStart = System.Runtime.JitInfo.GetCompilationTime();
    private readonly long _jittedAtStart = System.Runtime.JitInfo.GetCompiledMethodCount();

    /// <summary>CPU used since this meter was created; a process that started meanwhile counts from 0.</summary>
    public Reading Elapsed
    {
        get
        {
            double self = 0, target = 0, postgres = 0, broker = 0;
            foreach (var (pid, now) in Snapshot())
            {
                var used = now.Seconds - (_start.TryGetValue(pid, out var before) ? before.Seconds : 0);
                if (pid == Environment.ProcessId)
                {
                    self = used;
                }
                else if (pid == targetProcessId)
                {
                    target = used;
                }
                else if (now.Command == "postgres")
                {
                    postgres += used;
                }
                else if (now.Command == "beam.smp")
                {
                    broker += used;
                }
            }

            return new Reading(self, target, postgres, broker, GC.GetTotalAllocatedBytes() - _allocatedAtStart,
                GC.CollectionCount(0) - _gen0AtStart, GC.CollectionCount(2) - _gen2AtStart, GC.GetTotalPauseDuration() - _pausedAtStart,
                System.Runtime.JitInfo.GetCompilationTime() - _jitAtStart, System.Runtime.JitInfo.GetCompiledMethodCount() - _jittedAtStart);
        }
    }

    /// <remarks>
    /// <c>Jit</c> is the time this process spent compiling methods (every thread), part of <c>Self</c>: a service that
    /// runs for hours compiles nothing per message, so a figure far from zero means the run measured warm-up too.
    /// </remarks>
    public readonly record struct Reading(double Self, double Target, double Postgres, double Broker, long Allocated, int Gen0, int Gen2, TimeSpan GcPause,
        TimeSpan Jit, long JitMethods)
    {
        /// <summary>Microseconds of CPU per message: this process, the target, PostgreSQL, RabbitMQ; this process's allocations.</summary>
        public string PerMessage(int messages)
        {
            var target = Target > 0 ? string.Create(CultureInfo.InvariantCulture, $"target {Target * 1e6 / messages:F0}, ") : "";
            return string.Create(CultureInfo.InvariantCulture,
                $"cpu µs/msg: self {Self * 1e6 / messages:F0} (jit {Jit.TotalSeconds * 1e6 / messages:F0}, {JitMethods} methods), {target}postgres {Postgres * 1e6 / messages:F0}, rabbitmq {Broker * 1e6 / messages:F0}; " +
                $"allocated {Allocated / 1024.0 / messages:F1} KiB/msg, {Gen0} gen0 and {Gen2} gen2 collections, GC pauses {GcPause.TotalMilliseconds:F0} ms");
        }
    }

    private static Dictionary<int, (string Command, double Seconds)> Snapshot()
    {
        var processes = new Dictionary<int, (string, double)>();
        if (!Directory.Exists("/proc/self"))
        {
            return processes;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ProcessCpu(directory) is { Command.Length: > 0 } cpu)
            {
                processes[pid] = cpu;
            }
        }

        return processes;
    }

    /// <summary>The command name and user + system CPU seconds of one process, or nothing if it ended meanwhile.</summary>
    private static (string Command, double Seconds) ProcessCpu(string directory)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(Path.Combine(directory, "stat"));
        }
        catch (IOException)
        {
            return ("", 0);
        }
        catch (UnauthorizedAccessException)
        {
            return ("", 0);
        }

        // "pid (comm) state ppid ..." where comm may hold spaces: fields after the last ')' are fixed; utime and stime are
        // the 14th and 15th fields of the whole line.
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return ("", 0);
        }

        var fields = stat[(close + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (stat[(open + 1)..close], ticks / TicksPerSecond);
    }
}

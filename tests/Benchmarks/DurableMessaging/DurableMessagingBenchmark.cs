using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Benchmarks.Support;
using Platform.DurableMessaging;
using Platform.Messaging;
using Platform.Testing;

namespace Platform.Benchmarks.DurableMessaging;

/// <summary>
/// Saga throughput (PostgreSQL repository with the consumer outbox, as every stateful service runs it, vs MassTransit's
/// in-memory repository), consumer throughput with and without the transactional outbox, and the durable scheduler's
/// delivery lag, on the real broker and database of the test fixture. Every host is wired like a service: AddMessaging
/// with the default prefetch and concurrency (MessagingOptions), the database through
/// <see cref="ServiceDatabaseExtensions.AddServiceDbContext"/>, the outbox on all endpoints.
/// </summary>
internal sealed class DurableMessagingBenchmark : IBenchmark
{
    private const int SagaEvents = 5000;
    private const int SagaInstances = 50;
    private const int WorkMessages = 5000;
    private const int ScheduledTicks = 500;

    public string Name => "durable";

    public string Description =>
        "Saga events/s (Postgres+outbox vs in-memory), outbox vs direct publish (with database commands and time per message), scheduler lag p50/p99. " +
        "Args: [--rounds 3] [--warmup 4] [--only saga|work|saga-outbox|work-outbox|floor|scheduler] [--saga-concurrency 8] [--cpu] [--allocations]";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        try
        {
            await RunRoundsAsync(args);
        }
        finally
        {
            await StopHosts();
        }
    }

    private static async Task RunRoundsAsync(string[] args)
    {
        var defaults = new MessagingOptions();
        var rounds = Argument(args, "--rounds", 3);
        // Four: after one, a profile still showed 13% of the samples in the tiered compiler's thread and tier-0 and
        // instrumented frames on the hot path, and the PostgreSQL runs kept rising round after round while the in-memory
        // one was flat. A service runs for hours.
        var warmup = Argument(args, "--warmup", 4);
        _sagaConcurrency = Argument(args, "--saga-concurrency", _sagaConcurrency);
        Rate.Verbose = args.Contains("--cpu");
        using var sampler = args.Contains("--allocations") ? new AllocationSampler() : null;
        _sampler = sampler;
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
        Console.WriteLine($"settings: prefetch {defaults.PrefetchCount}, concurrency {defaults.ConcurrentMessageLimit} per endpoint (service defaults), " +
                          $"Npgsql auto-prepare and no reset on close, {Environment.ProcessorCount} cores; saga events partitioned by correlation id " +
                          $"({_sagaConcurrency} partitions, saga endpoint concurrency {_sagaConcurrency}); the outboxed work consumer is marked [OnlyTransactionalEffects] as the services' database-only consumers are, so its inbox claim travels with its save; {rounds} rounds after {warmup} warm-up round(s) not counted (a service runs warm: JIT tiers and EF's query cache settle); each kind of host started once and kept for every round, each pair measured back to back in alternating order (the machine is shared)");
        var sagaRatios = new List<double>();
        var workRatios = new List<double>();
        for (var round = 1 - warmup; round <= rounds; round++)
        {
            var memoryFirst = round % 2 == 1;
            var label = round < 1 ? "warm-up" : $"round {round}";
            if (only == "scheduler")
            {
                PrintSchedulerLag(label, await SchedulerLag());
                continue;
            }

            if (only == "floor")
            {
                var bare = await BareSagaFloor.Measure(SagaEvents);
                Console.WriteLine($"{label}: bare Npgsql saga floor {bare.PerSecond:F0} events/s [{bare.Cpu.PerMessage(bare.Events)}]");
                continue;
            }

            if (only == "saga-outbox")
            {
                // For a profiler: only the saga with the outbox, again and again.
                Console.WriteLine($"{label}: saga events/s postgres+outbox {await SagaRate(SagaStore.PostgresWithOutbox)}");
                continue;
            }

            if (only == "work-outbox")
            {
                // For a profiler: only the consumer with the outbox.
                Console.WriteLine($"{label}: consumer+publish msg/s outbox {await WorkRate(outboxed: true)}");
                continue;
            }

            if (only != "work")
            {
                var memorySaga = memoryFirst ? await SagaRate(SagaStore.InMemory) : default;
                var postgresSaga = await SagaRate(SagaStore.PostgresWithOutbox);
                memorySaga = memoryFirst ? memorySaga : await SagaRate(SagaStore.InMemory);
                if (round >= 1)
                {
                    sagaRatios.Add(postgresSaga / memorySaga);
                }

                Console.WriteLine($"{label}: saga events/s          postgres+outbox {postgresSaga}   in-memory {memorySaga}   = {postgresSaga / memorySaga,4:P0}" +
                                  $"   ({SagaEvents} events, {SagaInstances} instances)   load {Load()}");
            }

            if (only != "saga")
            {
                var direct = memoryFirst ? await WorkRate(outboxed: false) : default;
                var outboxed = await WorkRate(outboxed: true);
                direct = memoryFirst ? direct : await WorkRate(outboxed: false);
                if (round >= 1)
                {
                    workRatios.Add(outboxed / direct);
                }

                Console.WriteLine($"{label}: consumer+publish msg/s outbox {outboxed}   direct {direct}   = {outboxed / direct,4:P0}" +
                                  $"   ({WorkMessages} messages, row + event each; the receiver counting the events has no inbox in either run)   load {Load()}");
            }
        }

        if (sagaRatios.Count > 0)
        {
            Console.WriteLine($"median: saga postgres+outbox / in-memory {Median(sagaRatios),4:P0} (goal 35%)");
        }

        if (workRatios.Count > 0)
        {
            Console.WriteLine($"median: outbox / direct {Median(workRatios),4:P0} (goal 50%)");
        }

        if (only is not null)
        {
            return;
        }

        var floor = await BareSagaFloor.Measure(SagaEvents);
        Console.WriteLine($"for reference: bare Npgsql, the least database work of a saga event in the outbox (claim + lock, update + commit: 2 round trips), no broker: " +
                          $"{floor.PerSecond:F0} events/s [{floor.Cpu.PerMessage(floor.Events)}]");
        var postgresOnly = await SagaRate(SagaStore.Postgres);
        Console.WriteLine($"for reference: saga events/s postgres without outbox {postgresOnly}");
        var withReceiverInbox = await WorkRate(outboxed: true, receiverInbox: true);
        Console.WriteLine($"for reference: consumer+publish msg/s outbox with the receiver's inbox too {withReceiverInbox}");

        PrintSchedulerLag("scheduler", await SchedulerLag());
    }

    private static void PrintSchedulerLag(string label, IReadOnlyList<double> lags) =>
        Console.WriteLine($"{label}: scheduler lag ms       p50 {Percentile(lags, 0.50),6:F0}   p99 {Percentile(lags, 0.99),6:F0}   max {lags.Max(),6:F0}   ({ScheduledTicks} messages due over 3 s)");

    private static int _sagaConcurrency = 8;
    private static AllocationSampler? _sampler;

    private static void PrintAllocations(string run)
    {
        if (_sampler is not null)
        {
            Console.Write($"allocations of {run} (sampled):\n{_sampler.Report(30)}");
        }
    }

    private static int Argument(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }

    private enum SagaStore
    {
        InMemory,
        Postgres,
        PostgresWithOutbox,
    }

    /// <summary>Messages per second, and the database commands (round trips) and their time per message.</summary>
    private readonly record struct Rate(double PerSecond, double CommandsPerMessage, double CommitsPerMessage, double DatabaseMsPerMessage, string Cpu)
    {
        public static Rate Measure(int messages, TimeSpan elapsed, DatabaseCommandMeter meter, CpuMeter cpu) =>
            new(messages / elapsed.TotalSeconds, (double)meter.Commands / messages, (double)meter.Commits / messages, meter.Seconds * 1000 / messages,
                cpu.Elapsed.PerMessage(messages));

        public static double operator /(Rate a, Rate b) => a.PerSecond / b.PerSecond;

        public override string ToString() =>
            FormattableString.Invariant($"{PerSecond,8:F0}") +
            (CommandsPerMessage > 0
                ? FormattableString.Invariant($" ({CommandsPerMessage:F1} db commands + {CommitsPerMessage:F1} separate commits, {DatabaseMsPerMessage:F1} ms db each)")
                : "") +
            (Verbose ? $" [{Cpu}]" : "");

        /// <summary>Set by <c>--cpu</c>: print where the CPU went with each rate.</summary>
        public static bool Verbose { get; set; }
    }

    private static async Task<Rate> SagaRate(SagaStore store)
    {
        var service = store switch
        {
            SagaStore.InMemory => "saga-mem",
            SagaStore.Postgres => "saga-pg",
            _ => "saga-pg-outbox",
        };
        var host = await Started(service, SagaEvents, outboxed: false, x =>
        {
            var saga = x.AddSagaStateMachine<TallyStateMachine, TallyState>(typeof(TallySagaDefinition));
            if (store == SagaStore.InMemory)
            {
                saga.InMemoryRepository();
            }
            else
            {
                x.SetPostgresSagaRepositoryProvider<BenchDbContext>();
            }

            if (store == SagaStore.PostgresWithOutbox)
            {
                x.AddPostgresOutbox<BenchDbContext>(o => o.UseBusOutbox());
            }

            x.AddConsumeObserver<TallyObserver>();
        });
        var progress = host.Progress;
        var ids = Enumerable.Range(0, SagaInstances).Select(_ => NewId.NextGuid()).ToArray();
        var publish = host.Services.GetRequiredService<IBus>();

        using var meter = new DatabaseCommandMeter();
        var cpu = new CpuMeter();
        _sampler?.Start();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, SagaEvents).Select(i => publish.Publish(new Tallied { TallyId = ids[i % ids.Length] })));
        await progress.Done.WaitAsync(TimeSpan.FromMinutes(2));
        var rate = Rate.Measure(SagaEvents, watch.Elapsed, meter, cpu);
        PrintAllocations(service);
        return rate;
    }

    /// <summary>
    /// Consume + publish, directly or through the outbox. The receiver that counts the events is the instrument: by default
    /// it is the same in both runs (no inbox), so the ratio compares only the step under test. With
    /// <paramref name="receiverInbox"/> the receiver has an inbox too, as when every endpoint of a service has the outbox
    /// (then the outbox run pays for the next service's inbox as well).
    /// </summary>
    private static async Task<Rate> WorkRate(bool outboxed, bool receiverInbox = false)
    {
        var service = outboxed ? receiverInbox ? "work-outbox-inbox" : "work-outbox" : "work-direct";
        var host = await Started(service, WorkMessages, outboxed, x =>
        {
            if (outboxed)
            {
                x.AddPostgresOutbox<BenchDbContext>(o =>
                {
                    o.UseBusOutbox();
                    o.OnAllEndpoints = receiverInbox;
                });
                x.AddConsumer<WorkConsumer>(receiverInbox ? null : typeof(OutboxedWorkDefinition));
            }
            else
            {
                x.AddConsumer<WorkConsumer>();
            }

            x.AddConsumer<WorkDoneConsumer>();
        });
        var progress = host.Progress;
        var publish = host.Services.GetRequiredService<IBus>();

        using var meter = new DatabaseCommandMeter();
        var cpu = new CpuMeter();
        _sampler?.Start();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, WorkMessages).Select(i => publish.Publish(new WorkRequested { Index = i })));
        await progress.Done.WaitAsync(TimeSpan.FromMinutes(2));
        var rate = Rate.Measure(WorkMessages, watch.Elapsed, meter, cpu);
        PrintAllocations(service);
        return rate;
    }

    private static async Task<IReadOnlyList<double>> SchedulerLag()
    {
        var host = await Started("ticks", ScheduledTicks, outboxed: false, x =>
        {
            x.AddPostgresMessageScheduler<BenchDbContext>("ticks-scheduler");
            x.AddConsumer<TickConsumer>();
        });
        var progress = host.Progress;
        var destination = new Uri("exchange:ticks-tick");
        var start = DateTime.UtcNow.AddSeconds(2);
        await Task.WhenAll(Enumerable.Range(0, ScheduledTicks).Select(async i =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var due = start.AddMilliseconds(i * 3000.0 / ScheduledTicks);
            await scope.ServiceProvider.GetRequiredService<IMessageScheduler>().ScheduleSend(destination, due, new Tick { DueAt = due });
        }));
        await progress.Done.WaitAsync(TimeSpan.FromMinutes(2));
        return progress.Lags;
    }

    /// <summary>
    /// The host of <paramref name="service"/>, started on first use and kept for every later round, as a service runs for
    /// hours: a host started per round compiled 500-700 methods during each measured PostgreSQL run (a new host builds
    /// its own DI resolvers, EF model and query cache; a quarter of its CPU per event) against 13-65 for the in-memory
    /// repository, so the rounds measured start-up rather than work. Each round counts from zero.
    /// </summary>
    private static async Task<RunningHost> Started(string service, int expected, bool outboxed, Action<IBusRegistrationConfigurator> configure)
    {
        if (!Hosts.TryGetValue(service, out var host))
        {
            host = await Start(service, configure, new Progress(expected, outboxed));
            Hosts[service] = host;
        }

        host.Progress.Restart();
        return host;
    }

    private static readonly Dictionary<string, RunningHost> Hosts = [];

    private static async Task StopHosts()
    {
        foreach (var host in Hosts.Values)
        {
            await host.DisposeAsync();
        }

        Hosts.Clear();
    }

    /// <summary>
    /// Starts a host wired like a service on a virtual host and database of its own: a queue of another kind of host,
    /// bound to the same message types, would otherwise take a copy of every message published here.
    /// </summary>
    private static async Task<RunningHost> Start(string service, Action<IBusRegistrationConfigurator> configure, Progress progress)
    {
        var infrastructure = new InfrastructureFixture();
        await infrastructure.InitializeAsync();
        var database = infrastructure.PostgresConnectionString;
        await using (var db = new BenchDbContext(new DbContextOptionsBuilder<BenchDbContext>().UseNpgsql(database).Options))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
        });
        builder.Logging.ClearProviders();
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.Services.AddServiceDbContext<BenchDbContext>(database);
        builder.Services.ConfigureDbContext<BenchDbContext>(o => o.AddInterceptors(DatabaseCommandMeter.CommitCounter));
        builder.Services.AddSingleton(progress);
        builder.AddMessaging(service, configure);
        var host = builder.Build();
        await host.StartAsync();
        return new RunningHost(host, infrastructure, progress);
    }

    /// <summary>The outbox on the work consumer's endpoint only (<see cref="Platform.DurableMessaging.Outbox.PostgresOutboxOptions.OnAllEndpoints"/> false).</summary>
    private sealed class OutboxedWorkDefinition : ConsumerDefinition<WorkConsumer>
    {
        protected override void ConfigureConsumer(
            IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<WorkConsumer> consumerConfigurator, IRegistrationContext context) =>
            endpointConfigurator.UsePostgresOutbox<BenchDbContext>(context);
    }

    /// <summary>The 1-minute load average: the machine is shared, so every figure says how busy it was.</summary>
    private static string Load() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>
    /// What a service does for a saga whose events for one instance arrive close together: events of one instance are
    /// handled one after the other inside the replica (partitioned by correlation id) instead of waiting for each other's
    /// row lock while holding a connection.
    /// </summary>
    private sealed class TallySagaDefinition : SagaDefinition<TallyState>
    {
        protected override void ConfigureSaga(
            IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<TallyState> sagaConfigurator, IRegistrationContext context)
        {
            endpointConfigurator.ConcurrentMessageLimit = _sagaConcurrency;
            var partitioner = endpointConfigurator.CreatePartitioner(_sagaConcurrency);
            sagaConfigurator.Message<Tallied>(m => m.UsePartitioner(partitioner, c => c.Message.TallyId));
        }
    }

    /// <summary>Counts successfully consumed saga events; retried attempts fault and are not counted.</summary>
    private sealed class TallyObserver(Progress progress) : IConsumeObserver
    {
        public Task PreConsume<T>(ConsumeContext<T> context)
            where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context)
            where T : class
        {
            if (context.Message is Tallied)
            {
                progress.Arrived(DateTime.UtcNow);
            }

            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }

    private sealed class RunningHost(IHost host, InfrastructureFixture infrastructure, Progress progress) : IAsyncDisposable
    {
        public IServiceProvider Services => host.Services;

        public Progress Progress => progress;

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
            await infrastructure.DisposeAsync();
        }
    }
}

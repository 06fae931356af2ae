using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Messaging;
using Platform.Persistence;
using Platform.Testing;

namespace Platform.Benchmarks.DurableMessaging;

/// <summary>
/// Saga throughput (PostgreSQL repository vs MassTransit's in-memory one), consumer throughput with and without the
/// transactional outbox, and the durable scheduler's delivery lag, on the real broker and database of the test fixture.
/// </summary>
internal sealed class DurableMessagingBenchmark : IBenchmark
{
    private const int SagaEvents = 2000;
    private const int SagaInstances = 50;
    private const int WorkMessages = 2000;
    private const int ScheduledTicks = 500;

    public string Name => "durable";

    public string Description => "Saga events/s (Postgres vs in-memory), outbox vs direct publish, scheduler lag p50/p99";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var infrastructure = new InfrastructureFixture();
        await infrastructure.InitializeAsync();
        try
        {
            var postgresSaga = await SagaRate(infrastructure, usePostgres: true);
            var memorySaga = await SagaRate(infrastructure, usePostgres: false);
            Console.WriteLine($"saga events/s          postgres {postgresSaga,8:F0}   in-memory {memorySaga,8:F0}   ({SagaEvents} events, {SagaInstances} instances)");

            var outboxed = await WorkRate(infrastructure, outboxed: true);
            var direct = await WorkRate(infrastructure, outboxed: false);
            Console.WriteLine($"consumer+publish msg/s outbox   {outboxed,8:F0}   direct    {direct,8:F0}   ({WorkMessages} messages, row + event each)");

            var lags = await SchedulerLag(infrastructure);
            Console.WriteLine($"scheduler lag ms       p50 {Percentile(lags, 0.50),6:F0}   p99 {Percentile(lags, 0.99),6:F0}   max {lags.Max(),6:F0}   ({ScheduledTicks} messages due over 3 s)");
        }
        finally
        {
            await infrastructure.DisposeAsync();
        }
    }

    private static async Task<double> SagaRate(InfrastructureFixture infrastructure, bool usePostgres)
    {
        var progress = new Progress(SagaEvents);
        var service = usePostgres ? "saga-pg" : "saga-mem";
        await using var host = await Start(infrastructure, service, x =>
        {
            var saga = x.AddSagaStateMachine<TallyStateMachine, TallyState>();
            if (usePostgres)
            {
                saga.PostgresRepository<TallyState, BenchDbContext>();
            }
            else
            {
                saga.InMemoryRepository();
            }

            x.AddConsumeObserver<TallyObserver>();
        }, progress);
        var ids = Enumerable.Range(0, SagaInstances).Select(_ => NewId.NextGuid()).ToArray();
        var publish = host.Services.GetRequiredService<IBus>();

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, SagaEvents).Select(i => publish.Publish(new Tallied { TallyId = ids[i % ids.Length] })));
        await progress.Done.WaitAsync(TimeSpan.FromMinutes(2));
        return SagaEvents / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> WorkRate(InfrastructureFixture infrastructure, bool outboxed)
    {
        var progress = new Progress(WorkMessages, outboxed);
        await using var host = await Start(infrastructure, outboxed ? "work-outbox" : "work-direct", x =>
        {
            if (outboxed)
            {
                x.AddPostgresOutbox<BenchDbContext>();
            }

            x.AddConsumer<WorkConsumer>();
            x.AddConsumer<WorkDoneConsumer>();
        }, progress);
        var publish = host.Services.GetRequiredService<IBus>();

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, WorkMessages).Select(i => publish.Publish(new WorkRequested { Index = i })));
        await progress.Done.WaitAsync(TimeSpan.FromMinutes(2));
        return WorkMessages / watch.Elapsed.TotalSeconds;
    }

    private static async Task<IReadOnlyList<double>> SchedulerLag(InfrastructureFixture infrastructure)
    {
        var progress = new Progress(ScheduledTicks);
        await using var host = await Start(infrastructure, "ticks", x =>
        {
            x.AddPostgresMessageScheduler<BenchDbContext>("ticks-scheduler");
            x.AddConsumer<TickConsumer>();
        }, progress);
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

    private static async Task<RunningHost> Start(InfrastructureFixture infrastructure, string service, Action<IBusRegistrationConfigurator> configure, Progress progress)
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await using (var db = new BenchDbContext(new DbContextOptionsBuilder<BenchDbContext>().UseNpgsql(database).Options))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
            ["Messaging:ConcurrentMessageLimit"] = "16",
            ["Messaging:PrefetchCount"] = "32",
        });
        builder.Logging.ClearProviders();
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.Services.AddDbContext<BenchDbContext>(o => o.UseNpgsql(database));
        builder.Services.AddSingleton(progress);
        builder.AddMessaging(service, configure);
        var host = builder.Build();
        await host.StartAsync();
        return new RunningHost(host);
    }

    private static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
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

    private sealed class RunningHost(IHost host) : IAsyncDisposable
    {
        public IServiceProvider Services => host.Services;

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}

using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.DurableMessaging;
using Platform.Messaging;
using Platform.Shared.Tests.DurableMessaging.Support;
using Platform.Testing;

namespace Platform.Shared.Tests.Messaging;

/// <summary>The error policy every service gets from AddMessaging, on a service that hosts the durable scheduler.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ErrorHandlingTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private const string ErrorQueue = "poison-job_error";

    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Messaging:RedeliveryIntervalsSeconds:0"] = "1",
        ["Messaging:RedeliveryIntervalsSeconds:1"] = "1",
    };

    [Fact]
    public async Task Poison_message_is_retried_then_redelivered_then_dead_lettered_with_its_reason_without_blocking_others()
    {
        await using var host = await Start(out var attempts, out var done);
        var bus = host.Services.GetRequiredService<IBus>();
        var poison = NewId.NextGuid();
        var healthy = Enumerable.Range(0, 5).Select(_ => NewId.NextGuid()).ToList();

        await bus.Publish(new Job { JobId = poison, Fail = "broken payload" });
        foreach (var id in healthy)
        {
            await bus.Publish(new Job { JobId = id });
        }

        await Eventually.TrueAsync(() => Task.FromResult(healthy.All(done.ContainsKey)), "the healthy jobs behind the poison one were done");
        // The class's other test dead-letters into the same queue: pick this job's message by its id.
        var dead = await Eventually.ReturnsAsync(
            async () => (await PeekErrorQueue()).Where(m => m.Payload.Contains(poison.ToString(), StringComparison.Ordinal)).ToList(),
            m => m.Count >= 1,
            "the poison job was dead-lettered");

        // Every immediate retry after the first attempt, in the first delivery and in each scheduled redelivery.
        var options = host.Services.GetRequiredService<IOptions<MessagingOptions>>().Value;
        Assert.Equal((options.EffectiveRetryIntervalsMs.Length + 1) * 3, attempts[poison]);
        var message = Assert.Single(dead);
        Assert.Contains("broken payload", message.Header("MT-Fault-Message"), StringComparison.Ordinal);
        Assert.Equal("2", message.Header("MT-Redelivery-Count"));
    }

    [Fact]
    public async Task Unrecoverable_message_skips_retries_and_redelivery()
    {
        await using var host = await Start(out var attempts, out _);
        var job = NewId.NextGuid();

        await host.Services.GetRequiredService<IBus>().Publish(new Job { JobId = job, Fail = "unrecoverable" });

        var dead = await Eventually.ReturnsAsync(
            PeekErrorQueue,
            m => m.Any(x => x.Payload.Contains(job.ToString(), StringComparison.Ordinal)),
            "the job was dead-lettered");
        Assert.Equal(1, attempts[job]);
        Assert.Contains(dead, m => m.Header("MT-Fault-ExceptionType") == typeof(UnrecoverableMessageException).FullName);
    }

    /// <summary>The error queue is declared at the first fault; before that it does not exist.</summary>
    private async Task<IReadOnlyList<PeekedMessage>> PeekErrorQueue()
    {
        try
        {
            return await infrastructure.RabbitMq.PeekMessagesAsync(ErrorQueue);
        }
        catch (HttpRequestException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }
    }

    private Task<DurableHost.RunningHost> Start(out ConcurrentDictionary<Guid, int> attempts, out ConcurrentDictionary<Guid, bool> done)
    {
        var attemptsSeen = attempts = new ConcurrentDictionary<Guid, int>();
        var doneSeen = done = new ConcurrentDictionary<Guid, bool>();
        return StartHost(attemptsSeen, doneSeen);
    }

    private async Task<DurableHost.RunningHost> StartHost(ConcurrentDictionary<Guid, int> attempts, ConcurrentDictionary<Guid, bool> done)
    {
        var database = await infrastructure.CreateDatabaseAsync();
        await DurableTestDbContext.CreateSchemaAsync(database);
        return await DurableHost.StartAsync(infrastructure.RabbitMqConnectionString, database, "poison", x =>
        {
            x.AddPostgresOutbox<DurableTestDbContext>();
            x.AddPostgresMessageScheduler<DurableTestDbContext>("poison-scheduler", o => o.QueryDelay = TimeSpan.FromMilliseconds(200));
            x.AddConsumer<JobConsumer>();
        }, s => s.AddSingleton(new JobConsumer.Tracker(attempts, done)), settings: FastRetries);
    }

    public sealed record Job
    {
        public Guid JobId { get; init; }

        public string? Fail { get; init; }
    }

    public sealed class JobConsumer(JobConsumer.Tracker tracker) : IConsumer<Job>
    {
        public Task Consume(ConsumeContext<Job> context)
        {
            tracker.Attempts.AddOrUpdate(context.Message.JobId, 1, (_, n) => n + 1);
            if (context.Message.Fail == "unrecoverable")
            {
                throw new UnrecoverableMessageException("The job names nothing that exists.");
            }

            if (context.Message.Fail is { } reason)
            {
                throw new InvalidOperationException(reason);
            }

            tracker.Done[context.Message.JobId] = true;
            return Task.CompletedTask;
        }

        public sealed record Tracker(ConcurrentDictionary<Guid, int> Attempts, ConcurrentDictionary<Guid, bool> Done);
    }
}

extern alias contact;

using System.Diagnostics;
using MassTransit;
using Platform.Benchmarks.DurableMessaging;
using Platform.Contracts;
using Platform.Messaging;
using Platform.Testing;
using ContactProgram = contact::Program;

namespace Platform.Benchmarks.Contact;

/// <summary>
/// Contact resolutions per second through the real contact service (inbox, resolve-or-create, outbox, ContactResolved
/// on the broker) for new and for known identities, printed after the durable benchmark's bare saga and outbox
/// figures of the same run, so the cost of resolution itself shows.
/// </summary>
internal sealed class ContactResolutionBenchmark : IBenchmark
{
    private const int KnownRounds = 2;

    public string Name => "contact";

    public string Description => "Contact resolutions/s for new and known identities, after the durable figures; [identities] (default 1000) [--no-durable]";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var identities = args.Length > 0 && int.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1000;
        try
        {
            if (!args.Contains("--no-durable"))
            {
                await new DurableMessagingBenchmark().RunAsync([], cancellationToken);
            }
        }
        catch (TimeoutException e)
        {
            // A starved machine can time the durable part out; the contact figures are still worth printing.
            Console.WriteLine($"durable figures unavailable: {e.Message}");
        }

        var infrastructure = new InfrastructureFixture();
        await infrastructure.InitializeAsync();
        try
        {
            // WebApplicationFactory reads this before any setting of ours; a console app has no test-assembly metadata.
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PLATFORM_CONTACT", ServiceFolder());
            await using var service = new ServiceFactory<ContactProgram>(new Dictionary<string, string?>
            {
                ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
                ["ConnectionStrings:contact"] = infrastructure.PostgresConnectionString,
                ["Messaging:ConcurrentMessageLimit"] = "16",
                ["Messaging:PrefetchCount"] = "32",
                ["Logging:LogLevel:Default"] = "Error",
                ["Logging:LogLevel:MassTransit"] = "Error",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
                ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
            });
            using (var client = service.CreateClient())
            {
                await ReadinessProbe.WaitUntilAsync(client, r => r.HttpStatus == 200, "contact is ready");
            }

            var resolved = new ResolvedCounter();
            var bus = await StartClientBusAsync(infrastructure.RabbitMqConnectionString, resolved, cancellationToken);
            try
            {
                var phones = Enumerable.Range(0, identities).Select(i => (46_700_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                var fresh = await RateAsync(bus, resolved, phones);
                var known = await RateAsync(bus, resolved, [.. Enumerable.Repeat(phones, KnownRounds).SelectMany(p => p)]);
                Console.WriteLine($"contact resolutions/s  new {fresh,8:F0}   known {known,8:F0}   ({identities} new identities, then {identities * KnownRounds} messages of known ones; SMS with metadata)");
            }
            finally
            {
                await bus.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            await infrastructure.DisposeAsync();
        }
    }

    private static string ServiceFolder() => Path.Combine(RepositoryRoot.Path, "services", "Contact");

    private static async Task<double> RateAsync(IBus bus, ResolvedCounter resolved, string[] phones)
    {
        var done = resolved.Expect(phones.Length);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(phones.Select((phone, i) => bus.Publish(new InboundMessageReceived
        {
            SinchAppId = "01JAPPBENCHMARK00000000001",
            SinchMessageId = $"bench-{Guid.NewGuid():N}",
            Channel = "SMS",
            Identity = new ChannelIdentity { Channel = "SMS", Identity = phone },
            Kind = InboundMessageKinds.Text,
            Text = "hello",
            ConversationMetadata = $"{{\"ticket\":\"T-{i}\",\"segment\":\"b2c\"}}",
            ReceivedAt = DateTimeOffset.UtcNow,
        })));
        await done.WaitAsync(TimeSpan.FromMinutes(5));
        return phones.Length / watch.Elapsed.TotalSeconds;
    }

    private static async Task<IBusControl> StartClientBusAsync(string connectionString, ResolvedCounter resolved, CancellationToken cancellationToken)
    {
        var broker = RabbitMqAddress.Parse(connectionString);
        var bus = Bus.Factory.CreateUsingRabbitMq(b =>
        {
            b.Host(broker.ToMassTransitHostAddress(), h =>
            {
                h.Username(broker.Username);
                h.Password(broker.Password);
            });
            b.ReceiveEndpoint("bench-contact-resolved", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.PrefetchCount = 64;
                e.Handler<ContactResolved>(_ =>
                {
                    resolved.Arrived();
                    return Task.CompletedTask;
                });
            });
        });
        await bus.StartAsync(cancellationToken);
        return bus;
    }

    /// <summary>Completes when the expected number of resolutions arrived since the last <see cref="Expect"/>.</summary>
    private sealed class ResolvedCounter
    {
        private readonly Lock _lock = new();
        private int _remaining;
        private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Expect(int count)
        {
            lock (_lock)
            {
                _remaining = count;
                _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return _done.Task;
            }
        }

        public void Arrived()
        {
            lock (_lock)
            {
                if (--_remaining == 0)
                {
                    _done.TrySetResult();
                }
            }
        }
    }
}

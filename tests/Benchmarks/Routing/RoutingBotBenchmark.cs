using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Benchmarks.Support;
using Platform.Contracts;
using Platform.Messaging;
using Platform.Testing;

namespace Platform.Benchmarks.Routing;

/// <summary>
/// Customer messages through routing and the demo bot to the egress queue, with this process standing in for ingress
/// (publishes <c>InboundMessageReceived</c>, one new conversation each) and egress (consumes <c>SendOutboundMessage</c>):
/// routing and the demo bot run as Release child processes on real RabbitMQ and PostgreSQL. Closed loop: each of
/// <c>--concurrency</c> senders waits for its reply before the next message. In the same run, the same loop over a bare
/// MassTransit publish → consume → publish round trip on the same broker. Prints messages/s and p50/p99 latency of both.
/// The whole chain with contact, egress and the emulator is <c>full-chain</c>.
/// </summary>
internal sealed class RoutingBotBenchmark : IBenchmark
{
    private const string Secret = "benchmark-demo-bot-secret-0123456789";
    private static readonly ConcurrentDictionary<Guid, TaskCompletionSource> Waiting = new();

    public string Name => "routing-bot";

    public string Description => "Inbound message -> routing saga -> demo bot -> SendOutboundMessage: msgs/s and p50/p99, vs a bare MassTransit round trip. Args: [--seconds 15] [--concurrency 16]";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = TimeSpan.FromSeconds(Arguments.Option(args, "--seconds", 15));
        var concurrency = Arguments.Option(args, "--concurrency", 16);
        Console.WriteLine($"routing-bot: {concurrency} concurrent conversations, 3 s warm-up + {seconds.TotalSeconds} s per target, {Environment.ProcessorCount} cores");
        await ChildProcesses.BuildReleaseAsync("services/Routing/Routing.csproj", cancellationToken);
        await ChildProcesses.BuildReleaseAsync("samples/DemoBot/DemoBot.csproj", cancellationToken);

        var infrastructure = new InfrastructureFixture();
        await infrastructure.InitializeAsync();
        try
        {
            await using var children = new ChildProcesses();
            var botPort = Loopback.FreePort();
            children.StartDll("samples/DemoBot/bin/Release/net10.0/Platform.DemoBot.dll", new()
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{botPort}",
                ["DemoBot__Secret"] = Secret,
                ["Logging__LogLevel__Default"] = "Warning",
            });
            var routingPort = Loopback.FreePort();
            children.StartDll("services/Routing/bin/Release/net10.0/Platform.Routing.dll", new()
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{routingPort}",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__rabbitmq"] = infrastructure.RabbitMqConnectionString,
                ["ConnectionStrings__routing"] = infrastructure.PostgresConnectionString,
                ["Routing__DefaultBot__Url"] = $"http://127.0.0.1:{botPort}/bot",
                ["Routing__DefaultBot__Secret"] = Secret,
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__Console__FormatterName"] = "simple",
            });
            await Loopback.WaitReadyAsync(routingPort, cancellationToken);

            using var egress = await StartEgressStandInAsync(infrastructure.RabbitMqConnectionString, cancellationToken);
            var bus = egress.Services.GetRequiredService<IBus>();
            await using var bare = await BareRoundTrip.StartAsync(infrastructure.RabbitMqConnectionString, cancellationToken);

            async Task<bool> RoutedAsync()
            {
                var id = NewId.NextGuid();
                var key = ConversationOf(id);
                var answered = Waiting[key] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                try
                {
                    await bus.Publish(Inbound(id), cancellationToken);
                    await answered.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
                    return true;
                }
                catch (TimeoutException)
                {
                    return false;
                }
                finally
                {
                    Waiting.TryRemove(key, out _);
                }
            }

            var results = new List<LoopResult>();
            foreach (var (name, operation) in new (string, Func<Task<bool>>)[]
            {
                ("routing + demo bot", RoutedAsync),
                ("bare MassTransit round trip", () => bare.RoundTripAsync(cancellationToken)),
            })
            {
                Console.WriteLine($"{name}: warming up ...");
                await ClosedLoop.RunAsync(name, concurrency, TimeSpan.FromSeconds(3), operation, cancellationToken);
                Console.WriteLine($"{name}: measuring ...");
                results.Add(await ClosedLoop.RunAsync(name, concurrency, seconds, operation, cancellationToken));
            }

            Console.WriteLine();
            Console.WriteLine(LoopResult.Header);
            results.ForEach(Console.WriteLine);
            await egress.StopAsync(cancellationToken);
        }
        finally
        {
            await infrastructure.DisposeAsync();
        }
    }

    private static InboundMessageReceived Inbound(Guid id) => new()
    {
        SinchAppId = "bench-app",
        SinchMessageId = "bench-" + id.ToString("N"),
        SinchConversationId = SinchConversationOf(id),
        Channel = "WHATSAPP",
        Identity = new ChannelIdentity { Channel = "WHATSAPP", Identity = "4670" + id.ToString("N")[..8] },
        Kind = InboundMessageKinds.Text,
        Text = "hi",
        ProcessingMode = "CONVERSATION",
        ReceivedAt = DateTimeOffset.UtcNow,
    };

    private static string SinchConversationOf(Guid id) => "bench-conv-" + id.ToString("N");

    private static Guid ConversationOf(Guid id) => CorrelationIds.ForSinchConversation(SinchConversationOf(id));

    private static async Task<IHost> StartEgressStandInAsync(string rabbitMq, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["ConnectionStrings:rabbitmq"] = rabbitMq;
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        // Routing sends SendOutboundMessage to egress's saga exchange (Routing:EgressSendAddress); the stand-in's queue
        // takes that name so the exchange is bound to it.
        builder.AddMessaging("Egress", bus => bus.AddConsumer<SendOutboundMessageConsumer>().Endpoint(e => e.Name = "egress-outbound-message-state"));
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    /// <summary>The egress stand-in: the first reply of a conversation answers its sender.</summary>
    private sealed class SendOutboundMessageConsumer : IConsumer<SendOutboundMessage>
    {
        public Task Consume(ConsumeContext<SendOutboundMessage> context)
        {
            if (Waiting.TryGetValue(context.Message.ConversationId, out var answered))
            {
                answered.TrySetResult();
            }

            return Task.CompletedTask;
        }
    }
}

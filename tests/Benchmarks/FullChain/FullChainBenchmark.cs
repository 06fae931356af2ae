using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Benchmarks.Support;
using Platform.Contracts;
using Platform.Messaging;
using Platform.Testing;

namespace Platform.Benchmarks.FullChain;

/// <summary>
/// The whole loop, every hop a Release child process on real RabbitMQ and PostgreSQL: a customer message from the Sinch
/// emulator → ingress (signed webhook) → contact → routing → demo bot → egress → the emulator's <c>messages:send</c>.
/// Closed loop: each of <c>--concurrency</c> customers (a new one per message, so a new conversation each) writes, and
/// waits until the bot's first reply was accepted by the emulator (egress's SUBMITTED status) before writing again. The
/// emulator plays its default delivery script (QUEUED_ON_CHANNEL, DELIVERED, READ), whose callbacks travel back through
/// ingress, egress and routing while the loop runs, as they would in production. In the same run, a bare MassTransit
/// publish → consume → publish round trip on the same broker. Prints messages/s and p50/p99 inbound-to-reply latency.
/// </summary>
internal sealed class FullChainBenchmark : IBenchmark
{
    private const string AppId = "01JAPP7Q9M2K4W6X8Y0Z1B3C5D";
    private const string ProjectId = "5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b";
    private const string BotSecret = "benchmark-demo-bot-secret-0123456789";
    private const string WebhookSecretsKey = "benchmark-webhook-secrets-key-0123456789abcdef";
    private static readonly ConcurrentDictionary<Guid, TaskCompletionSource> Replies = new();

    public string Name => "full-chain";

    public string Description =>
        "Customer messages/s and p50/p99 inbound-to-reply through emulator -> ingress -> contact -> routing -> demo bot -> egress -> emulator, " +
        "vs a bare MassTransit round trip. Args: [--seconds 20] [--concurrency 16] [--warmup 5] [--no-build]";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = TimeSpan.FromSeconds(Arguments.Option(args, "--seconds", 20));
        var warmup = TimeSpan.FromSeconds(Arguments.Option(args, "--warmup", 5));
        var concurrency = Arguments.Option(args, "--concurrency", 16);
        Console.WriteLine($"full-chain: {concurrency} customers at a time, {warmup.TotalSeconds} s warm-up + {seconds.TotalSeconds} s per target, {Environment.ProcessorCount} cores");
        if (!args.Contains("--no-build"))
        {
            Console.WriteLine("building the services, the demo bot and the emulator (Release) ...");
            foreach (var project in new[]
            {
                "tests/SinchEmulator/SinchEmulator.csproj", "samples/DemoBot/DemoBot.csproj", "services/Ingress/Ingress.csproj",
                "services/Contact/Contact.csproj", "services/Routing/Routing.csproj", "services/Egress/Egress.csproj",
            })
            {
                await ChildProcesses.BuildReleaseAsync(project, cancellationToken);
            }
        }

        var infrastructure = new InfrastructureFixture();
        await infrastructure.InitializeAsync();
        try
        {
            await using var children = new ChildProcesses();
            var ports = await StartPlatformAsync(children, infrastructure, cancellationToken);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { Timeout = TimeSpan.FromSeconds(30) };
            using (var connected = await http.PostAsJsonAsync(new Uri($"http://127.0.0.1:{ports.Egress}/api/egress/apps"), new
            {
                projectId = ProjectId,
                appId = AppId,
                clientId = "emulator-key-id",
                clientSecret = "emulator-key-secret",
                region = "us",
            }, cancellationToken))
            {
                connected.EnsureSuccessStatusCode();
            }

            using var observer = await StartReplyObserverAsync(infrastructure.RabbitMqConnectionString, cancellationToken);
            await using var bare = await BareRoundTrip.StartAsync(infrastructure.RabbitMqConnectionString, cancellationToken);
            var customers = new Uri($"http://127.0.0.1:{ports.Emulator}/emulator/customers/text");
            var sequence = 0;

            async Task<bool> CustomerMessageAsync()
            {
                var identity = $"4671{Interlocked.Increment(ref sequence):D8}";
                var wrote = System.Diagnostics.Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync(customers, new { identity, text = "hello from the benchmark" }, cancellationToken);
                response.EnsureSuccessStatusCode();
                var sinchConversation = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("conversation_id").GetString()!;
                var conversationId = CorrelationIds.ForSinchConversation(sinchConversation);
                ChainMilestones.MarkAt(conversationId, 0, wrote);
                var replied = Replies.GetOrAdd(conversationId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                try
                {
                    await replied.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
                    return true;
                }
                catch (TimeoutException)
                {
                    Console.WriteLine($"  no reply within 60 s for conversation {conversationId}");
                    return false;
                }
            }

            var results = new List<LoopResult>();
            foreach (var (name, operation) in new (string, Func<Task<bool>>)[]
            {
                ("full chain (inbound -> reply)", CustomerMessageAsync),
                ("bare MassTransit round trip", () => bare.RoundTripAsync(cancellationToken)),
            })
            {
                Console.WriteLine($"{name}: warming up ...");
                await ClosedLoop.RunAsync(name, concurrency, warmup, operation, cancellationToken);
                Console.WriteLine($"{name}: measuring ...");
                ChainMilestones.Clear();
                results.Add(await ClosedLoop.RunAsync(name, concurrency, seconds, operation, cancellationToken));
                if (results.Count == 1)
                {
                    Console.WriteLine();
                    ChainMilestones.Print();
                }
            }

            Console.WriteLine();
            Console.WriteLine(LoopResult.Header);
            results.ForEach(Console.WriteLine);
            await observer.StopAsync(CancellationToken.None);
        }
        finally
        {
            await infrastructure.DisposeAsync();
        }
    }

    private static async Task<(int Emulator, int Egress)> StartPlatformAsync(ChildProcesses children, InfrastructureFixture infrastructure, CancellationToken cancellationToken)
    {
        var broker = infrastructure.RabbitMqConnectionString;
        var emulator = Loopback.FreePort();
        children.StartDll("tests/SinchEmulator/bin/Release/net10.0/Platform.SinchEmulator.dll", new()
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{emulator}",
            ["Logging__LogLevel__Default"] = "Error",
            ["Emulator__Callbacks__InitialBackoffMilliseconds"] = "100",
            ["Emulator__Callbacks__MaxBackoffMilliseconds"] = "1000",
            ["Emulator__Callbacks__MaxAttempts"] = "100",
        }, Path.Combine(RepositoryRoot.Path, "tests/SinchEmulator/bin/Release/net10.0"));
        var bot = Loopback.FreePort();
        children.StartDll("samples/DemoBot/bin/Release/net10.0/Platform.DemoBot.dll", new()
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{bot}",
            ["DemoBot__Secret"] = BotSecret,
            ["Logging__LogLevel__Default"] = "Warning",
        });

        var ingress = Loopback.FreePort();
        children.StartDll("services/Ingress/bin/Release/net10.0/Platform.Ingress.dll", Service(ingress, broker, new()
        {
            ["Ingress__WebhookSecretsKey"] = WebhookSecretsKey,
        }));
        var contact = Loopback.FreePort();
        children.StartDll("services/Contact/bin/Release/net10.0/Platform.Contact.dll", Service(contact, broker, new()
        {
            ["ConnectionStrings__contact"] = await infrastructure.CreateDatabaseAsync(),
        }));
        var routing = Loopback.FreePort();
        children.StartDll("services/Routing/bin/Release/net10.0/Platform.Routing.dll", Service(routing, broker, new()
        {
            ["ConnectionStrings__routing"] = await infrastructure.CreateDatabaseAsync(),
            ["Routing__DefaultBot__Url"] = $"http://127.0.0.1:{bot}/bot",
            ["Routing__DefaultBot__Secret"] = BotSecret,
        }));
        var egress = Loopback.FreePort();
        var egressSettings = new Dictionary<string, string>
        {
            ["ConnectionStrings__egress"] = await infrastructure.CreateDatabaseAsync(),
            ["Egress__Apps__CredentialsKey"] = "benchmark-credentials-key-0123456789abcdef",
            ["Egress__Apps__WebhookSecretsKey"] = WebhookSecretsKey,
            // The emulator posts callbacks to ingress directly (the gateway would add one proxy hop).
            ["Egress__Apps__WebhookBaseUrl"] = $"http://127.0.0.1:{ingress}/",
            ["Egress__Outbound__SendsPerSecondPerApp"] = "800",
        };
        foreach (var region in new[] { "us", "eu", "br" })
        {
            egressSettings[$"Sinch__Regions__{region}__ConversationApiUrl"] = $"http://127.0.0.1:{emulator}/regions/{region}/";
            egressSettings[$"Sinch__Regions__{region}__TokenUrl"] = $"http://127.0.0.1:{emulator}/oauth2/token";
        }

        children.StartDll("services/Egress/bin/Release/net10.0/Platform.Egress.dll", Service(egress, broker, egressSettings));
        await Loopback.WaitReadyAsync(bot, cancellationToken, "/health");
        foreach (var port in new[] { emulator, ingress, contact, routing, egress })
        {
            await Loopback.WaitReadyAsync(port, cancellationToken);
        }

        return (emulator, egress);
    }

    private static Dictionary<string, string> Service(int port, string broker, Dictionary<string, string> settings)
    {
        settings["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        settings["ConnectionStrings__rabbitmq"] = broker;
        settings["Logging__LogLevel__Default"] = "Warning";
        settings["Logging__Console__FormatterName"] = "simple";
        return settings;
    }

    private static async Task<IHost> StartReplyObserverAsync(string rabbitMq, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["ConnectionStrings:rabbitmq"] = rabbitMq;
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.AddMessaging("FullChainBenchmark", bus =>
        {
            bus.AddConsumer<ReplySubmittedObserver>();
            bus.AddConsumer<ChainMilestones.Observer>();
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    /// <summary>The first reply of a conversation that the emulator accepted completes that customer's wait.</summary>
    private sealed class ReplySubmittedObserver : IConsumer<OutboundMessageStatusChanged>
    {
        public Task Consume(ConsumeContext<OutboundMessageStatusChanged> context)
        {
            if (context.Message.Status == OutboundMessageStatuses.Submitted)
            {
                ChainMilestones.Mark(context.Message.ConversationId, ChainMilestones.Steps.Length - 1);
                Replies.GetOrAdd(context.Message.ConversationId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }

            return Task.CompletedTask;
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
/// The whole chain with contact, egress and the emulator needs those services (see the routing report).
/// </summary>
internal sealed class RoutingBotBenchmark : IBenchmark
{
    private const string Secret = "benchmark-demo-bot-secret-0123456789";
    private static readonly ConcurrentDictionary<Guid, TaskCompletionSource> Waiting = new();

    public string Name => "routing-bot";

    public string Description => "Inbound message -> routing saga -> demo bot -> SendOutboundMessage: msgs/s and p50/p99, vs a bare MassTransit round trip. Args: [--seconds 15] [--concurrency 16]";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = Option(args, "--seconds", 15);
        var concurrency = Option(args, "--concurrency", 16);
        var root = RepositoryRoot();
        Console.WriteLine($"routing-bot: {concurrency} concurrent conversations, 3 s warm-up + {seconds} s per target, {Environment.ProcessorCount} cores");
        await RunToEndAsync("dotnet", $"build \"{Path.Combine(root, "services/Routing/Routing.csproj")}\" -c Release -nologo -v:q -clp:NoSummary", cancellationToken);
        await RunToEndAsync("dotnet", $"build \"{Path.Combine(root, "samples/DemoBot/DemoBot.csproj")}\" -c Release -nologo -v:q -clp:NoSummary", cancellationToken);

        var infrastructure = new InfrastructureFixture();
        await infrastructure.InitializeAsync();
        var children = new List<Process>();
        try
        {
            var botPort = FreePort();
            children.Add(StartChild("dotnet", $"\"{Path.Combine(root, "samples/DemoBot/bin/Release/net10.0/Platform.DemoBot.dll")}\"", new()
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{botPort}",
                ["DemoBot__Secret"] = Secret,
                ["Logging__LogLevel__Default"] = "Warning",
            }));
            var routingPort = FreePort();
            children.Add(StartChild("dotnet", $"\"{Path.Combine(root, "services/Routing/bin/Release/net10.0/Platform.Routing.dll")}\"", new()
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{routingPort}",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__rabbitmq"] = infrastructure.RabbitMqConnectionString,
                ["ConnectionStrings__routing"] = infrastructure.PostgresConnectionString,
                ["Routing__DefaultBot__Url"] = $"http://127.0.0.1:{botPort}/bot",
                ["Routing__DefaultBot__Secret"] = Secret,
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__Console__FormatterName"] = "simple",
            }));
            using var http = new HttpClient();
            await Eventually.TrueAsync(async () => (await http.GetAsync(new Uri($"http://127.0.0.1:{routingPort}/health/ready"), cancellationToken)).IsSuccessStatusCode,
                "routing is ready", TimeSpan.FromSeconds(90));

            using var peers = await StartPeersAsync(infrastructure.RabbitMqConnectionString, cancellationToken);
            var bus = peers.Services.GetRequiredService<IBus>();

            var routed = await MeasureAsync("routing + demo bot", concurrency, seconds, id => bus.Publish(Inbound(id), cancellationToken), ConversationOf, cancellationToken);
            var bare = await MeasureAsync("bare MassTransit round trip", concurrency, seconds, id => bus.Publish(new BenchPing { Id = id }, cancellationToken), id => id, cancellationToken);
            Console.WriteLine();
            Console.WriteLine($"{"target",-30} {"msgs/s",10} {"p50 ms",10} {"p99 ms",10} {"answered",10}");
            foreach (var r in new[] { routed, bare })
            {
                Console.WriteLine($"{r.Name,-30} {r.PerSecond,10:F1} {r.P50,10:F1} {r.P99,10:F1} {r.Count,10}");
            }

            await peers.StopAsync(cancellationToken);
        }
        finally
        {
            foreach (var child in children)
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync(CancellationToken.None);
                child.Dispose();
            }

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

    private static async Task<Result> MeasureAsync(
        string name, int concurrency, int seconds, Func<Guid, Task> send, Func<Guid, Guid> answerKey, CancellationToken cancellationToken)
    {
        Console.WriteLine($"{name}: warming up ...");
        await LoopAsync(concurrency, TimeSpan.FromSeconds(3), send, answerKey, [], cancellationToken);
        Console.WriteLine($"{name}: measuring ...");
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await LoopAsync(concurrency, TimeSpan.FromSeconds(seconds), send, answerKey, latencies, cancellationToken);
        var elapsed = clock.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        return new Result(name, sorted.Length / elapsed, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length);
    }

    private static async Task LoopAsync(
        int concurrency, TimeSpan duration, Func<Guid, Task> send, Func<Guid, Guid> answerKey, ConcurrentBag<double> latencies, CancellationToken cancellationToken)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < until && !cancellationToken.IsCancellationRequested)
            {
                var id = NewId.NextGuid();
                var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var key = answerKey(id);
                Waiting[key] = answered;
                var start = Stopwatch.GetTimestamp();
                await send(id);
                await answered.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                Waiting.TryRemove(key, out var _);
            }
        }));
    }

    private static async Task<IHost> StartPeersAsync(string rabbitMq, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["ConnectionStrings:rabbitmq"] = rabbitMq;
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.AddMessaging("Egress", bus =>
        {
            bus.AddConsumer<SendOutboundMessageConsumer>();
            bus.AddConsumer<BenchPingConsumer>();
            bus.AddConsumer<BenchPongConsumer>();
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static Process StartChild(string fileName, string arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.OutputDataReceived += (_, e) => Echo(e.Data);
        process.ErrorDataReceived += (_, e) => Echo(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Echo(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            Console.WriteLine($"  | {line}");
        }
    }

    private static async Task RunToEndAsync(string fileName, string arguments, CancellationToken cancellationToken)
    {
        using var process = StartChild(fileName, arguments, []);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {arguments} exited with {process.ExitCode}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed record Result(string Name, double PerSecond, double P50, double P99, int Count);

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

    private sealed class BenchPingConsumer : IConsumer<BenchPing>
    {
        public Task Consume(ConsumeContext<BenchPing> context) => context.Publish(new BenchPong { Id = context.Message.Id });
    }

    private sealed class BenchPongConsumer : IConsumer<BenchPong>
    {
        public Task Consume(ConsumeContext<BenchPong> context)
        {
            if (Waiting.TryGetValue(context.Message.Id, out var answered))
            {
                answered.TrySetResult();
            }

            return Task.CompletedTask;
        }
    }
}

/// <summary>The bare round trip's request.</summary>
public sealed record BenchPing
{
    public required Guid Id { get; init; }
}

/// <summary>The bare round trip's answer.</summary>
public sealed record BenchPong
{
    public required Guid Id { get; init; }
}

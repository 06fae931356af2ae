using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Benchmarks.Support;
using Platform.Messaging;
using Platform.Testing;
using Platform.Testing.Infrastructure;

namespace Platform.Benchmarks.Ingress;

/// <summary>
/// Drives the ingress webhook with signed MESSAGE_INBOUND callbacks from this process against a real Kestrel port of
/// the ingress running as a child process (Release build, real RabbitMQ with publisher confirms, a durable quorum queue
/// bound to the event's exchange), and in the same run the same load against a bare Kestrel endpoint (a second child
/// process that only reads the body and answers 200), and against a bare publishing endpoint (a third child process
/// that reads the body and does the same confirmed MassTransit send of it, raw, to the same exchange and quorum queue).
/// The bare publisher is the honest ceiling of the ingress's work; its goal is 80% of it. Prints accepted callbacks/s
/// and p50/p99 latency of all three. Loopback only; bounded by time and request count.
/// </summary>
internal sealed partial class IngressWebhookBenchmark : IBenchmark
{
    private const string AppId = "01JBENCHAPP000000000000000";
    private const string Secret = "benchmark-webhook-secret";
    private const string BareServerFlag = "--bare-server";
    private const string BarePublishServerFlag = "--bare-publish-server";
    private const string EventExchange = "Platform.Contracts:InboundMessageReceived";
    private const string CountingQueue = "benchmark-inbound";
    private const int MaxRequestsPerTarget = 2_000_000;

    public string Name => "ingress-webhook";

    public string Description =>
        "Signed Sinch callbacks/s and p50/p99 through ingress (child process, RabbitMQ confirms) and gateway -> ingress vs a bare endpoint and a bare confirmed publisher. " +
        "Args: [--seconds 15] [--concurrency 32] [--warmup 10] [--rounds 3]";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length == 2 && args[0] == BareServerFlag)
        {
            await RunBareServerAsync(int.Parse(args[1], CultureInfo.InvariantCulture));
            return;
        }

        if (args.Length == 2 && args[0] == BarePublishServerFlag)
        {
            await RunBarePublishServerAsync(int.Parse(args[1], CultureInfo.InvariantCulture));
            return;
        }

        var seconds = Arguments.Option(args, "--seconds", 15);
        var concurrency = Arguments.Option(args, "--concurrency", 32);
        // Ten seconds: after three, a profile of the ingress under load still showed 13% of its CPU in the JIT (tiered
        // compilation of a larger program than the bare endpoints, on cores the load shares), which is start-up, not work.
        var warmup = Arguments.Option(args, "--warmup", 10);
        var rounds = Math.Max(1, Arguments.Option(args, "--rounds", 3));

        Console.WriteLine($"ingress-webhook: {concurrency} concurrent senders, {warmup} s warm-up + {seconds} s per target, {Environment.ProcessorCount} cores");
        Console.WriteLine("building services/Ingress (Release) ...");
        await ChildProcesses.BuildReleaseAsync("services/Ingress/Ingress.csproj", cancellationToken);
        await ChildProcesses.BuildReleaseAsync("services/Gateway/Gateway.csproj", cancellationToken);

        var infrastructure = new InfrastructureFixture();
        await infrastructure.InitializeAsync();
        var children = new ChildProcesses();
        try
        {
            var servers = await SharedServers.GetAsync();
            await BindCountingQueueAsync(servers.RabbitMqManagement, infrastructure.VirtualHost, cancellationToken);

            var barePort = Loopback.FreePort();
            var bareProcess = children.StartCommand(SelfCommand(), $"{Name} {BareServerFlag} {barePort}", []).Id;
            var publishPort = Loopback.FreePort();
            var publishProcess = children.StartCommand(SelfCommand(), $"{Name} {BarePublishServerFlag} {publishPort}", new Dictionary<string, string>
            {
                ["ConnectionStrings__rabbitmq"] = infrastructure.RabbitMqConnectionString,
            }).Id;
            var ingressPort = Loopback.FreePort();
            var ingressProcess = children.StartDll("services/Ingress/bin/Release/net10.0/Platform.Ingress.dll", new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ingressPort}",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__rabbitmq"] = infrastructure.RabbitMqConnectionString,
                [$"Ingress__Apps__{AppId}__WebhookSecret"] = Secret,
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__Console__FormatterName"] = "simple",
            }).Id;
            var gatewayPort = Loopback.FreePort();
            var gatewayProcess = StartGateway(children, gatewayPort, ingressPort).Id;

            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                Timeout = TimeSpan.FromSeconds(30),
            };
            await Loopback.WaitReadyAsync(barePort, cancellationToken, "/health");
            await Loopback.WaitReadyAsync(publishPort, cancellationToken, "/health");
            await Loopback.WaitReadyAsync(ingressPort, cancellationToken);
            await Loopback.WaitReadyAsync(gatewayPort, cancellationToken, GatewayHealthPath);

            // Each publishing target starts on an empty queue: a quorum queue holding the previous target's 100,000
            // events makes the broker slower for whoever comes next.
            async Task<LoadResult> Publishing(Uri target, string name, int processId, int warmupSeconds)
            {
                var result = await LoadAsync(client, target, name, processId, concurrency, warmupSeconds, seconds, cancellationToken);
                var queued = await Eventually.ReturnsAsync(
                    async () => await infrastructure.RabbitMq.GetQueueMessageCountAsync(CountingQueue) ?? 0,
                    n => n >= result.TotalAccepted,
                    $"every callback {name} accepted is in the bound queue",
                    TimeSpan.FromSeconds(60));
                Console.WriteLine($"{name}: {queued} events in the bound quorum queue for {result.TotalAccepted} callbacks answered 200 (warm-up included)");
                await infrastructure.RabbitMq.PurgeQueueAsync(CountingQueue);
                return result;
            }

            var publishUri = new Uri($"http://127.0.0.1:{publishPort}/webhooks/sinch/{AppId}");
            var ingressUri = new Uri($"http://127.0.0.1:{ingressPort}/webhooks/sinch/{AppId}");
            var bare = await LoadAsync(client, new Uri($"http://127.0.0.1:{barePort}/webhooks/sinch/{AppId}"), "bare", bareProcess, concurrency, warmup, seconds, cancellationToken);

            // The goal's pair, measured back to back in alternating order for several rounds (the machine is shared and
            // one pair can differ by 20 points): warm-up in the first round only, the median ratio is the verdict.
            var pairs = new List<(LoadResult Publish, LoadResult Ingress)>();
            for (var round = 1; round <= rounds; round++)
            {
                var firstRoundWarmup = round == 1 ? warmup : 0;
                LoadResult publish, ingress;
                if (round % 2 == 1)
                {
                    publish = await Publishing(publishUri, "publish", publishProcess, firstRoundWarmup);
                    ingress = await Publishing(ingressUri, "ingress", ingressProcess, firstRoundWarmup);
                }
                else
                {
                    ingress = await Publishing(ingressUri, "ingress", ingressProcess, firstRoundWarmup);
                    publish = await Publishing(publishUri, "publish", publishProcess, firstRoundWarmup);
                }

                pairs.Add((publish, ingress));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: ingress {ingress.PerSecond:F0}/s, bare publish {publish.PerSecond:F0}/s = {ingress.PerSecond / publish.PerSecond:P0}"));
            }

            var gateway = await Publishing(GatewayWebhook(gatewayPort), GatewayTarget, gatewayProcess, warmup);

            var ratios = pairs.Select(p => p.Ingress.PerSecond / p.Publish.PerSecond).Order().ToArray();
            var median = ratios[ratios.Length / 2];
            var (medianPublish, medianIngress) = pairs.First(p => p.Ingress.PerSecond / p.Publish.PerSecond == median);
            Console.WriteLine();
            Console.WriteLine($"{"target",-10} {"requests",10} {"200",10} {"other",8} {"accepted/s",12} {"p50 ms",8} {"p99 ms",8} {"max ms",8}   (publish and ingress: the median round)");
            foreach (var r in new[] { bare, medianPublish, medianIngress, gateway })
            {
                Console.WriteLine(r);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ingress / bare publish: median of {rounds} rounds {median:P0} (goal 80%; rounds {string.Join(", ", pairs.Select(p => (p.Ingress.PerSecond / p.Publish.PerSecond).ToString("P0", CultureInfo.InvariantCulture)))}); ingress / bare HTTP: {medianIngress.PerSecond / bare.PerSecond:P0}"));
        }
        finally
        {
            await children.DisposeAsync();
            await infrastructure.DisposeAsync();
        }
    }

    private static async Task<LoadResult> LoadAsync(
        HttpClient client, Uri target, string name, int processId, int concurrency, int warmupSeconds, int seconds, CancellationToken cancellationToken)
    {
        var warmup = warmupSeconds > 0
            ? await DriveAsync(client, target, $"{name}-warm", concurrency, TimeSpan.FromSeconds(warmupSeconds), cancellationToken)
            : default;
        var cpu = new CpuMeter(processId);
        var measured = await DriveAsync(client, target, name, concurrency, TimeSpan.FromSeconds(seconds), cancellationToken);
        Console.WriteLine($"{name}: {cpu.Elapsed.PerMessage(measured.Accepted)} (self: the load generator)");
        return measured with { TotalAccepted = measured.Accepted + (warmup?.Accepted ?? 0) };
    }

    private static async Task<LoadResult> DriveAsync(
        HttpClient client, Uri target, string name, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var key = Encoding.UTF8.GetBytes(Secret);
        var latencies = new List<double>[concurrency];
        var statuses = new Dictionary<HttpStatusCode, int>[concurrency];
        var sequence = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            var codes = statuses[worker] = [];
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref sequence);
                if (n > MaxRequestsPerTarget)
                {
                    break;
                }

                using var request = SignedRequest(target, key, $"{name}-{n:D12}");
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request, cancellationToken);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                codes[response.StatusCode] = codes.GetValueOrDefault(response.StatusCode) + 1;
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;

        var all = latencies.SelectMany(l => l).Order().ToArray();
        var ok = statuses.Sum(s => s.GetValueOrDefault(HttpStatusCode.OK));
        var others = statuses.SelectMany(s => s).Where(s => s.Key != HttpStatusCode.OK).GroupBy(s => (int)s.Key).Select(g => $"{g.Key} x{g.Sum(s => s.Value)}").ToList();
        if (others.Count > 0)
        {
            Console.WriteLine($"{name}: answers other than 200: {string.Join(", ", others)}");
        }
        return new LoadResult(name, all.Length, ok, all.Length - ok, ok / elapsed.TotalSeconds,
            Percentile(all, 0.50), Percentile(all, 0.99), all.Length == 0 ? 0 : all[^1], ok);
    }

    /// <summary>A MESSAGE_INBOUND callback signed as Sinch signs it (docs/sinch-wire-format.md §13.2), with a unique message id.</summary>
    private static HttpRequestMessage SignedRequest(Uri target, byte[] key, string messageId)
    {
        var body = Encoding.UTF8.GetBytes(
            $$$"""{"app_id":"{{{AppId}}}","project_id":"5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b","accepted_time":"{{{DateTimeOffset.UtcNow:O}}}","message":{"id":"{{{messageId}}}","direction":"TO_APP","contact_message":{"text_message":{"text":"Hi, I need help with order 4711"}},"channel_identity":{"channel":"WHATSAPP","identity":"46701234567","app_id":""},"conversation_id":"01JCNV5C7E9G1J3M5Q7S9V1X3Z","contact_id":"01JCNT4B6D8F0H2K4M6P8R0T2V","metadata":"","processing_mode":"CONVERSATION","injected":false},"message_metadata":"","correlation_id":""}""");
        var nonce = Guid.NewGuid().ToString("N");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var suffix = Encoding.UTF8.GetBytes("." + nonce + "." + timestamp);
        var signed = new byte[body.Length + suffix.Length];
        body.CopyTo(signed, 0);
        suffix.CopyTo(signed, body.Length);

        var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("x-sinch-webhook-signature-timestamp", timestamp);
        request.Headers.Add("x-sinch-webhook-signature-nonce", nonce);
        request.Headers.Add("x-sinch-webhook-signature-algorithm", "HmacSHA256");
        request.Headers.Add("x-sinch-webhook-signature", Convert.ToBase64String(HMACSHA256.HashData(key, signed)));
        return request;
    }

    /// <summary>The baseline: Kestrel, routing, reading the body, 200. Nothing else.</summary>
    private static async Task RunBareServerAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok());
        app.MapPost("/webhooks/sinch/{appId}", async (string appId, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
            return Results.Ok();
        });
        await app.RunAsync();
    }

    /// <summary>
    /// The ceiling of the ingress's own work: Kestrel, reading the body, and the same confirmed MassTransit send (our
    /// AddMessaging: publisher confirms on) of it, raw, to the event's exchange and so to the same quorum queue; no
    /// signature check, no parsing, no mapping.
    /// </summary>
    private static async Task RunBarePublishServerAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.AddMessaging("bare-publish");
        var app = builder.Build();
        var destination = new Uri($"exchange:{EventExchange}");
        app.MapGet("/health", () => Results.Ok());
        app.MapPost("/webhooks/sinch/{appId}", async (string appId, HttpRequest request, IBus bus) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            var endpoint = await bus.GetSendEndpoint(destination);
            await endpoint.Send(new RawWebhook { AppId = appId, Body = body }, request.HttpContext.RequestAborted);
            return Results.Ok();
        });
        await app.RunAsync();
    }

    /// <summary>The raw callback as the bare publisher sends it.</summary>
    public sealed record RawWebhook
    {
        public string AppId { get; init; } = "";

        public string Body { get; init; } = "";
    }

    /// <summary>
    /// A durable quorum queue bound to the event's exchange, as a consuming service's would be, so the broker stores
    /// each confirmed event instead of dropping it as unroutable.
    /// </summary>
    private static async Task BindCountingQueueAsync(Uri management, string virtualHost, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority) + "/api/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo))));
        var vhost = Uri.EscapeDataString(virtualHost);
        var exchange = Uri.EscapeDataString(EventExchange);
        (await http.PutAsJsonAsync($"exchanges/{vhost}/{exchange}", new { type = "fanout", durable = true, auto_delete = false }, cancellationToken))
            .EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"queues/{vhost}/{CountingQueue}", new { durable = true, arguments = new Dictionary<string, object> { ["x-queue-type"] = "quorum" } }, cancellationToken))
            .EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"bindings/{vhost}/e/{exchange}/q/{CountingQueue}", new { routing_key = "" }, cancellationToken))
            .EnsureSuccessStatusCode();
    }

    /// <summary>How to start this benchmark program again: its apphost, or <c>dotnet</c> with its dll.</summary>
    private static string SelfCommand()
    {
        var path = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? throw new InvalidOperationException($"run the apphost, not dotnet {Assembly.GetEntryAssembly()!.Location}: use dotnet run")
            : path;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed record LoadResult(
        string Target, int Requests, int Accepted, int Other, double PerSecond, double P50, double P99, double Max, int TotalAccepted)
    {
        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{Target,-10} {Requests,10} {Accepted,10} {Other,8} {PerSecond,12:F0} {P50,8:F2} {P99,8:F2} {Max,8:F1}");
    }
}

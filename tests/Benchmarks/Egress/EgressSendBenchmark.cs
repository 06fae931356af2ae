using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Benchmarks.Support;
using Platform.Contracts;
using Platform.Messaging;
using Platform.Testing;

namespace Platform.Benchmarks.Egress;

/// <summary>
/// Sends through egress's outbound saga to the Sinch emulator (both child processes, Release builds, real RabbitMQ and
/// PostgreSQL), keeping a fixed number of commands in flight, and measures sends/s and command-to-SUBMITTED latency
/// (from publishing <c>SendOutboundMessage</c> to receiving its <c>OutboundMessageStatusChanged</c> SUBMITTED). In the same
/// run, the emulator's bare accept rate: <c>messages:send</c> posted straight to it with the same concurrency.
/// </summary>
internal sealed class EgressSendBenchmark : IBenchmark
{
    private const string AppId = "01JAPP7Q9M2K4W6X8Y0Z1B3C5D";
    private const string ProjectId = "5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b";

    public string Name => "egress-send";

    public string Description =>
        "Sends/s and p50/p99 command-to-SUBMITTED through egress's saga to the emulator vs the emulator's bare accept rate. " +
        "Args: [--seconds 15] [--concurrency 32] [--warmup 3]";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = Arguments.Option(args, "--seconds", 15);
        var concurrency = Arguments.Option(args, "--concurrency", 32);
        var warmup = Arguments.Option(args, "--warmup", 3);
        Console.WriteLine($"egress-send: {concurrency} in flight, {warmup} s warm-up + {seconds} s per target, {Environment.ProcessorCount} cores");
        Console.WriteLine("building services/Egress and tests/SinchEmulator (Release) ...");
        await ChildProcesses.BuildReleaseAsync("services/Egress/Egress.csproj", cancellationToken);
        await ChildProcesses.BuildReleaseAsync("tests/SinchEmulator/SinchEmulator.csproj", cancellationToken);

        var infrastructure = new InfrastructureFixture();
        await infrastructure.InitializeAsync();
        var children = new ChildProcesses();
        IHost? bus = null;
        try
        {
            var emulatorPort = Loopback.FreePort();
            var emulatorDir = Path.Combine(RepositoryRoot.Path, "tests/SinchEmulator/bin/Release/net10.0");
            children.StartDll("tests/SinchEmulator/bin/Release/net10.0/Platform.SinchEmulator.dll", new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{emulatorPort}",
                ["Logging__LogLevel__Default"] = "Error",
                // No delivery reports: the benchmark measures the send, and reports would only load the emulator.
                ["Emulator__Delivery__DefaultScript__0__Status"] = "QUEUED_ON_CHANNEL",
                ["Emulator__Delivery__DefaultScript__0__DelayMilliseconds"] = "3600000",
            }, emulatorDir);
            var emulator = new Uri($"http://127.0.0.1:{emulatorPort}/");
            var egressPort = Loopback.FreePort();
            var egressEnv = new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{egressPort}",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__rabbitmq"] = infrastructure.RabbitMqConnectionString,
                ["ConnectionStrings__egress"] = infrastructure.PostgresConnectionString,
                ["Egress__Apps__CredentialsKey"] = "benchmark-credentials-key-0123456789abcdef",
                ["Egress__Apps__WebhookSecretsKey"] = "benchmark-webhook-secrets-key-0123456789abcdef",
                // The emulator itself: it answers the callbacks 404, which it does not retry (no ingress in this benchmark).
                ["Egress__Apps__WebhookBaseUrl"] = emulator.ToString(),
                ["Egress__Outbound__SendsPerSecondPerApp"] = "800",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__Console__FormatterName"] = "simple",
            };
            foreach (var region in new[] { "us", "eu", "br" })
            {
                egressEnv[$"Sinch__Regions__{region}__ConversationApiUrl"] = new Uri(emulator, $"/regions/{region}/").ToString();
                egressEnv[$"Sinch__Regions__{region}__TokenUrl"] = new Uri(emulator, "/oauth2/token").ToString();
            }

            children.StartDll("services/Egress/bin/Release/net10.0/Platform.Egress.dll", egressEnv);

            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { Timeout = TimeSpan.FromSeconds(30) };
            await Loopback.WaitReadyAsync(emulatorPort, cancellationToken);
            await Loopback.WaitReadyAsync(egressPort, cancellationToken);
            using (var connect = await client.PostAsJsonAsync(new Uri($"http://127.0.0.1:{egressPort}/api/egress/apps"), new
            {
                projectId = ProjectId,
                appId = AppId,
                clientId = "emulator-key-id",
                clientSecret = "emulator-key-secret",
                region = "us",
            }, cancellationToken))
            {
                connect.EnsureSuccessStatusCode();
            }

            var bare = await BareAsync(client, emulator, concurrency, warmup, seconds, cancellationToken);
            var submitted = new ConcurrentDictionary<Guid, TaskCompletionSource>();
            bus = await StartBusAsync(infrastructure.RabbitMqConnectionString, submitted, cancellationToken);
            var saga = await SagaAsync(bus.Services.GetRequiredService<IBus>(), submitted, concurrency, warmup, seconds, cancellationToken);

            Console.WriteLine();
            Console.WriteLine($"{"target",-14} {"sends",10} {"sends/s",10} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
            Console.WriteLine(bare);
            Console.WriteLine(saga);
        }
        finally
        {
            if (bus is not null)
            {
                await bus.StopAsync(CancellationToken.None);
                bus.Dispose();
            }

            await children.DisposeAsync();

            await infrastructure.DisposeAsync();
        }
    }

    private static async Task<Result> BareAsync(HttpClient client, Uri emulator, int concurrency, int warmup, int seconds, CancellationToken cancellationToken)
    {
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator, "/oauth2/token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("emulator-key-id:emulator-key-secret")));
        using var tokenResponse = await client.SendAsync(tokenRequest, cancellationToken);
        var token = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync(cancellationToken))!["access_token"]!.GetValue<string>();
        var send = new Uri(emulator, $"/v1/projects/{ProjectId}/messages:send");
        var n = 0;
        async Task<bool> SendOneAsync()
        {
            var i = Interlocked.Increment(ref n);
            using var request = new HttpRequestMessage(HttpMethod.Post, send)
            {
                Content = JsonContent.Create(new JsonObject
                {
                    ["app_id"] = AppId,
                    ["recipient"] = new JsonObject { ["identified_by"] = new JsonObject { ["channel_identities"] = new JsonArray(new JsonObject { ["channel"] = "SMS", ["identity"] = $"4670{i % 1000:D7}" }) } },
                    ["message"] = new JsonObject { ["text_message"] = new JsonObject { ["text"] = "benchmark" } },
                    ["message_metadata"] = Guid.NewGuid().ToString("N"),
                }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode;
        }

        await DriveAsync("bare-warm", SendOneAsync, concurrency, TimeSpan.FromSeconds(warmup), cancellationToken);
        return await DriveAsync("emulator bare", SendOneAsync, concurrency, TimeSpan.FromSeconds(seconds), cancellationToken);
    }

    private static async Task<Result> SagaAsync(
        IBus bus, ConcurrentDictionary<Guid, TaskCompletionSource> submitted, int concurrency, int warmup, int seconds, CancellationToken cancellationToken)
    {
        var n = 0;
        async Task<bool> SendOneAsync()
        {
            var i = Interlocked.Increment(ref n);
            var id = NewId.NextGuid();
            var done = submitted[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await bus.Publish(new SendOutboundMessage
            {
                OutboundMessageId = id,
                ConversationId = Guid.NewGuid(),
                SinchAppId = AppId,
                Recipients = [new ChannelIdentity { Channel = "SMS", Identity = $"4670{i % 1000:D7}" }],
                Content = new OutboundContent { Text = "benchmark" },
            }, cancellationToken);
            await done.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            submitted.TryRemove(id, out _);
            return true;
        }

        await DriveAsync("saga-warm", SendOneAsync, concurrency, TimeSpan.FromSeconds(warmup), cancellationToken);
        return await DriveAsync("egress saga", SendOneAsync, concurrency, TimeSpan.FromSeconds(seconds), cancellationToken);
    }

    private static async Task<Result> DriveAsync(string name, Func<Task<bool>> sendOne, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new List<double>[concurrency];
        var ok = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                if (await sendOne())
                {
                    Interlocked.Increment(ref ok);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }, cancellationToken)));
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(name, ok, ok / elapsed.TotalSeconds, ClosedLoop.Percentile(all, 0.50), ClosedLoop.Percentile(all, 0.99), all.Length == 0 ? 0 : all[^1]);
    }

    private static async Task<IHost> StartBusAsync(string rabbitMq, ConcurrentDictionary<Guid, TaskCompletionSource> submitted, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:rabbitmq"] = rabbitMq;
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.Services.AddSingleton(submitted);
        builder.AddMessaging("EgressBenchmark", bus => bus.AddConsumer<SubmittedObserver>());
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        await Eventually.TrueAsync(
            () => Task.FromResult(host.Services.GetRequiredService<IBusControl>().CheckHealth().Status == BusHealthStatus.Healthy),
            "the benchmark's queue is bound");
        return host;
    }

    private sealed record Result(string Name, int Sends, double PerSecond, double P50, double P99, double Max)
    {
        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{Name,-14} {Sends,10} {PerSecond,10:F1} {P50,8:F1} {P99,8:F1} {Max,8:F1}");
    }

    /// <summary>Completes a command's waiter when egress publishes its SUBMITTED status.</summary>
    private sealed class SubmittedObserver(ConcurrentDictionary<Guid, TaskCompletionSource> submitted) : IConsumer<OutboundMessageStatusChanged>
    {
        public Task Consume(ConsumeContext<OutboundMessageStatusChanged> context)
        {
            if (context.Message.Status == OutboundMessageStatuses.Submitted && submitted.TryGetValue(context.Message.OutboundMessageId, out var done))
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        }
    }
}

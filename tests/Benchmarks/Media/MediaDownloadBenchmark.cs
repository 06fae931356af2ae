using System.Diagnostics;
using System.Globalization;
using System.Net;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.Benchmarks.Support;
using Platform.Contracts;
using Platform.Messaging;
using Platform.Testing;

namespace Platform.Benchmarks.Media;

/// <summary>
/// One large customer file (200 MB by default) downloaded by the media service's saga (Release build as a child
/// process, real RabbitMQ and PostgreSQL, file-system store) and, in the same run, copied from the same local server to
/// a file by a bare <see cref="HttpClient"/>. Prints both throughputs and the media process's peak resident memory
/// while the saga ran, sampled from /proc (docs/media.md, "Benchmark"). Loopback only.
/// </summary>
internal sealed class MediaDownloadBenchmark : IBenchmark
{
    private const int ChunkBytes = 1024 * 1024;

    public string Name => "media";

    public string Description => "200 MB through the media download saga vs a bare HttpClient copy, and media's peak memory. Args: [--megabytes 200]";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var megabytes = args.Length == 2 && args[0] == "--megabytes" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var bytes = (long)megabytes * ChunkBytes;
        Console.WriteLine($"media: {megabytes} MB, {Environment.ProcessorCount} cores");
        Console.WriteLine("building services/Media (Release) ...");
        await ChildProcesses.BuildReleaseAsync("services/Media/Media.csproj", cancellationToken);

        var work = Path.Combine(Path.GetTempPath(), "media-benchmark", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var infrastructure = new InfrastructureFixture();
        await infrastructure.InitializeAsync();
        await using var source = await StartSourceAsync(bytes);
        var children = new ChildProcesses();
        Process? media = null;
        IBusControl? bus = null;
        try
        {
            var url = $"{source.Urls.First()}/file.jpg";
            var bare = await BareCopyAsync(url, Path.Combine(work, "bare.jpg"), cancellationToken);
            Console.WriteLine($"bare HttpClient copy: {Rate(bytes, bare)}");

            var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource<MediaStored>>(StringComparer.Ordinal);
            bus = StartListener(infrastructure.RabbitMqConnectionString, outcomes);
            await bus.StartAsync(cancellationToken);

            var port = Loopback.FreePort();
            media = children.StartDll("services/Media/bin/Release/net10.0/Platform.Media.dll", new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__rabbitmq"] = infrastructure.RabbitMqConnectionString,
                ["ConnectionStrings__media"] = infrastructure.PostgresConnectionString,
                ["Media__Storage__Root"] = Path.Combine(work, "store"),
                ["Media__Downloads__AllowedNetworks__0"] = "127.0.0.1/32",
                ["Media__Downloads__MaxBytes"] = (bytes + ChunkBytes).ToString(CultureInfo.InvariantCulture),
                ["Media__Downloads__AttemptTimeoutSeconds"] = "3600",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__Console__FormatterName"] = "simple",
            });
            await Loopback.WaitReadyAsync(port, cancellationToken);

            // Warm-up: the first message through each endpoint pays for JIT, EF model and pipeline set-up.
            await DownloadAsync(bus, outcomes, $"{source.Urls.First()}/small.jpg", cancellationToken);
            var idleKb = ResidentKb(media.Id);

            using var sampling = new CancellationTokenSource();
            var peak = SamplePeakAsync(media.Id, sampling.Token);
            var clock = Stopwatch.StartNew();
            var result = await DownloadAsync(bus, outcomes, url, cancellationToken);
            var saga = clock.Elapsed;
            await sampling.CancelAsync();
            var peakKb = await peak;

            if (result.Length != bytes)
            {
                throw new InvalidOperationException($"stored {result.Length} bytes of {bytes}");
            }

            Console.WriteLine($"through the saga (inbound event -> MediaStored): {Rate(bytes, saga)}");
            Console.WriteLine($"saga / bare: {saga.TotalSeconds / bare.TotalSeconds:0.00}x the time");
            Console.WriteLine($"media resident memory: idle {idleKb / 1024.0:0} MB, peak during the saga {peakKb / 1024.0:0} MB (file {megabytes} MB)");
        }
        finally
        {
            if (bus is not null)
            {
                await bus.StopAsync(CancellationToken.None);
            }

            await children.DisposeAsync();
            await infrastructure.DisposeAsync();
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<MediaStored> DownloadAsync(
        IBus bus, System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource<MediaStored>> outcomes, string url, CancellationToken cancellationToken)
    {
        var inbound = Inbound(url);
        var outcome = outcomes.GetOrAdd(inbound.SinchMessageId, _ => new TaskCompletionSource<MediaStored>(TaskCreationOptions.RunContinuationsAsynchronously));
        await bus.Publish(inbound, cancellationToken);
        return await outcome.Task.WaitAsync(TimeSpan.FromMinutes(30), cancellationToken);
    }

    private static InboundMessageReceived Inbound(string url) => new()
    {
        SinchAppId = "01JBENCHAPP000000000000000",
        SinchMessageId = "01JBENCH" + Guid.NewGuid().ToString("N")[..18].ToUpperInvariant(),
        Channel = "WHATSAPP",
        Identity = new ChannelIdentity { Channel = "WHATSAPP", Identity = "46700000000" },
        Kind = InboundMessageKinds.Media,
        Media = new InboundMedia { Url = url },
        ReceivedAt = DateTimeOffset.UtcNow,
    };

    private static string Rate(long bytes, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0 / elapsed.TotalSeconds:0.0} MB/s ({elapsed.TotalSeconds:0.00} s)");

    /// <summary>Serves a JPEG-looking file of the given size from one 1 MB buffer, with its length, like a CDN.</summary>
    private static async Task<WebApplication> StartSourceAsync(long bytes)
    {
        var chunk = new byte[ChunkBytes];
        new Random(7).NextBytes(chunk);
        chunk[0] = 0xFF;
        chunk[1] = 0xD8;
        chunk[2] = 0xFF;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/small.jpg", (HttpContext context) => context.Response.Body.WriteAsync(chunk.AsMemory(), context.RequestAborted).AsTask());
        app.MapGet("/file.jpg", async (HttpContext context) =>
        {
            context.Response.ContentType = "image/jpeg";
            context.Response.ContentLength = bytes;
            for (long sent = 0; sent < bytes; sent += ChunkBytes)
            {
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(ChunkBytes, bytes - sent)), context.RequestAborted);
            }
        });
        await app.StartAsync();
        return app;
    }

    private static async Task<TimeSpan> BareCopyAsync(string url, string path, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using (var file = File.Create(path))
        {
            await response.Content.CopyToAsync(file, cancellationToken);
        }

        var elapsed = clock.Elapsed;
        File.Delete(path);
        return elapsed;
    }

    private static IBusControl StartListener(
        string connectionString, System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource<MediaStored>> outcomes)
    {
        var broker = RabbitMqAddress.Parse(connectionString);
        return Bus.Factory.CreateUsingRabbitMq(bus =>
        {
            bus.Host(broker.ToMassTransitHostAddress(), h =>
            {
                h.Username(broker.Username);
                h.Password(broker.Password);
            });
            bus.ReceiveEndpoint($"media-benchmark-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.Handler<MediaStored>(context =>
                {
                    outcomes.GetOrAdd(context.Message.SinchMessageId!, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(context.Message);
                    return Task.CompletedTask;
                });
                e.Handler<MediaTransferFailed>(context =>
                {
                    outcomes.GetOrAdd(context.Message.SinchMessageId!, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetException(new InvalidOperationException($"media gave up: {context.Message.Reason} {context.Message.Detail}"));
                    return Task.CompletedTask;
                });
            });
        });
    }

    private static async Task<long> SamplePeakAsync(int pid, CancellationToken cancellationToken)
    {
        long peak = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            peak = Math.Max(peak, ResidentKb(pid));
            try
            {
                await Task.Delay(20, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return Math.Max(peak, ResidentKb(pid));
    }

    /// <summary>VmRSS of a process in kB (Linux); 0 where /proc is absent.</summary>
    private static long ResidentKb(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
        {
            return 0;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}

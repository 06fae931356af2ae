using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Media.Persistence;
using Platform.Media.Tests.Support;
using Platform.Testing;

namespace Platform.Media.Tests.Downloads;

/// <summary>
/// The download saga on real RabbitMQ and PostgreSQL: inbound events as ingress publishes them, files hosted by the
/// Sinch emulator or by a scripted source, and what media announces to the other services.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class DownloadSagaTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private MediaApp App(string? root = null, Dictionary<string, string?>? extra = null)
    {
        var settings = MediaApp.Defaults();
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return new MediaApp(infrastructure, root ?? MediaApp.NewStorageRoot(), settings);
    }

    [Fact]
    public async Task Image_voice_note_and_pdf_hosted_by_the_emulator_are_stored_with_their_size_type_and_hash()
    {
        await using var emulator = EmulatorHost.Start();
        await using var listener = await MediaBusListener.StartAsync(infrastructure.RabbitMqConnectionString);
        await using var app = await App().StartAsync();
        using var client = app.CreateClient();
        var files = new[]
        {
            (Content: Samples.Jpeg(30_000), Type: "image/jpeg", Name: "photo.jpg"),
            (Content: Samples.VoiceNote(12_000), Type: "audio/ogg", Name: "voice.ogg"),
            (Content: Samples.Pdf(50_000), Type: "application/pdf", Name: "invoice.pdf"),
        };

        foreach (var file in files)
        {
            var inbound = Samples.InboundMedia(await emulator.HostMediaAsync(file.Content, file.Type, file.Name));
            await app.PublishAsync(inbound);
            var mediaId = Samples.MediaIdOf(inbound);

            var stored = await listener.ArrivesAsync<MediaStored>(m => m.MediaId == mediaId, $"{file.Name} is stored");

            Assert.Equal(file.Type, stored.ContentType);
            Assert.Equal(file.Content.Length, stored.Length);
            Assert.Equal(Samples.Sha256(file.Content), stored.Sha256);
            Assert.Equal(file.Name, stored.FileName);
            Assert.Equal(inbound.SinchMessageId, stored.SinchMessageId);
            Assert.Equal(inbound.SinchAppId, stored.SinchAppId);
            Assert.Equal(inbound.Media!.Url, stored.SourceUrl);
            Assert.Equal(Guid.Empty, stored.ConversationId);
            Assert.Equal(file.Content, await client.GetByteArrayAsync(new Uri($"/api/media/{mediaId}", UriKind.Relative)));
        }
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_while_streaming_and_reported_with_its_reason()
    {
        await using var source = await MediaSourceServer.StartAsync();
        await using var listener = await MediaBusListener.StartAsync(infrastructure.RabbitMqConnectionString);
        await using var app = await App(extra: new() { ["Media:Downloads:MaxBytes"] = "100000" }).StartAsync();
        using var failures = new CounterRecorder(app.Services, Telemetry.MediaMetrics.FailuresName);
        var inbound = Samples.InboundMedia(source.Host("huge.jpg", new SourceFile(Samples.Jpeg(2_000_000), "image/jpeg") { Chunked = true }));

        await app.PublishAsync(inbound);

        var failed = await listener.ArrivesAsync<MediaTransferFailed>(m => m.MediaId == Samples.MediaIdOf(inbound), "the refusal is announced");
        Assert.Equal("too-large", failed.Reason);
        Assert.Equal(1, failures["reason=too-large"]);
        Assert.Equal(inbound.SinchMessageId, failed.SinchMessageId);
        Assert.False(string.IsNullOrWhiteSpace(failed.Detail));
        Assert.Equal(1, source.RequestsFor("huge.jpg"));
        Assert.Empty(Directory.EnumerateFiles(app.StorageRoot, "*", SearchOption.AllDirectories));
        Assert.DoesNotContain(listener.Received<MediaStored>(), m => m.MediaId == failed.MediaId);
    }

    [Fact]
    public async Task A_url_that_answers_500_twice_then_200_is_stored()
    {
        await using var source = await MediaSourceServer.StartAsync();
        await using var listener = await MediaBusListener.StartAsync(infrastructure.RabbitMqConnectionString);
        await using var app = await App().StartAsync();
        using var bytesIn = new CounterRecorder(app.Services, Telemetry.MediaMetrics.BytesInName);
        var picture = Samples.Jpeg(20_000);
        var inbound = Samples.InboundMedia(source.Host("flaky.jpg", new SourceFile(picture, "image/jpeg") { FailuresFirst = 2 }));

        await app.PublishAsync(inbound);

        var stored = await listener.ArrivesAsync<MediaStored>(m => m.MediaId == Samples.MediaIdOf(inbound), "the third attempt stores it");
        Assert.Equal(picture.Length, stored.Length);
        Assert.Equal(3, source.RequestsFor("flaky.jpg"));
        Assert.Equal(picture.Length, bytesIn["source=download"]);
        Assert.DoesNotContain(listener.Received<MediaTransferFailed>(), m => m.MediaId == stored.MediaId);
    }

    [Fact]
    public async Task A_url_that_answers_404_fails_at_once_without_retries()
    {
        await using var source = await MediaSourceServer.StartAsync();
        await using var listener = await MediaBusListener.StartAsync(infrastructure.RabbitMqConnectionString);
        await using var app = await App().StartAsync();
        var inbound = Samples.InboundMedia(new Uri(source.BaseAddress, "/files/missing.jpg").ToString());

        await app.PublishAsync(inbound);

        var failed = await listener.ArrivesAsync<MediaTransferFailed>(m => m.MediaId == Samples.MediaIdOf(inbound), "the failure is announced");
        Assert.Equal("source-refused", failed.Reason);
        Assert.Equal(1, source.RequestsFor("missing.jpg"));
    }

    [Fact]
    public async Task A_redelivered_inbound_event_stores_nothing_twice()
    {
        await using var source = await MediaSourceServer.StartAsync();
        await using var listener = await MediaBusListener.StartAsync(infrastructure.RabbitMqConnectionString);
        await using var app = await App().StartAsync();
        var inbound = Samples.InboundMedia(source.Host("once.png", new SourceFile(Samples.Png, "image/png")));

        await app.PublishAsync(inbound);
        await listener.ArrivesAsync<MediaStored>(m => m.MediaId == Samples.MediaIdOf(inbound), "the first delivery stores it");
        await app.PublishAsync(inbound);
        await app.PublishAsync(inbound);

        // A later item through the same queues: once it is stored, the copies before it have been handled.
        var sentinel = Samples.InboundMedia(source.Host("sentinel.png", new SourceFile(Samples.Png, "image/png")));
        await app.PublishAsync(sentinel);
        await listener.ArrivesAsync<MediaStored>(m => m.MediaId == Samples.MediaIdOf(sentinel), "the sentinel is stored");

        Assert.Single(listener.Received<MediaStored>(), m => m.MediaId == Samples.MediaIdOf(inbound));
        Assert.Equal(1, source.RequestsFor("once.png"));
    }

    [Fact]
    public async Task Media_stopped_mid_download_still_ends_with_exactly_one_MediaStored()
    {
        await using var source = await MediaSourceServer.StartAsync();
        await using var listener = await MediaBusListener.StartAsync(infrastructure.RabbitMqConnectionString);
        var root = MediaApp.NewStorageRoot();
        var stall = new SourceStall();
        var video = Samples.Jpeg(3_000_000);
        var inbound = Samples.InboundMedia(source.Host("slow.jpg", new SourceFile(video, "image/jpeg") { Stall = stall }));
        var mediaId = Samples.MediaIdOf(inbound);

        var first = await App(root).StartAsync();
        await first.PublishAsync(inbound);
        await stall.HalfSent.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await first.DisposeAsync();
        stall.Release.TrySetResult();

        Assert.DoesNotContain(listener.Received<MediaStored>(), m => m.MediaId == mediaId);
        await using var second = await App(root).StartAsync();
        var stored = await listener.ArrivesAsync<MediaStored>(m => m.MediaId == mediaId, "the restarted media stores it");
        var sentinel = Samples.InboundMedia(source.Host("after.png", new SourceFile(Samples.Png, "image/png")));
        await second.PublishAsync(sentinel);
        await listener.ArrivesAsync<MediaStored>(m => m.MediaId == Samples.MediaIdOf(sentinel), "the sentinel is stored");

        Assert.Single(listener.Received<MediaStored>(), m => m.MediaId == mediaId);
        Assert.Equal(Samples.Sha256(video), stored.Sha256);
        Assert.True(source.RequestsFor("slow.jpg") >= 2, "the download was started again after the restart");
        await using var scope = second.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<MediaDbContext>().Downloads.SingleAsync(d => d.CorrelationId == mediaId);
        Assert.Equal("Stored", row.CurrentState);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync(new Uri($"/api/media/{mediaId}", UriKind.Relative))).StatusCode);
    }
}

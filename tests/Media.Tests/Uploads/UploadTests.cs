using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Media.Access;
using Platform.Media.Persistence;
using Platform.Media.Tests.Support;
using Platform.Media.Uploads;
using Platform.Testing;

namespace Platform.Media.Tests.Uploads;

/// <summary>
/// Uploads through the real media service: the public link, its first fetch by the emulated channel while it delivers
/// a media message, and its expiry (404, file purged), also across a restart; the limits answer clear 4xx.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class UploadTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private const string ProjectId = "5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b";

    private MediaApp App(string root, int retentionSeconds = 3600, long maxBytes = 1_000_000)
    {
        var settings = MediaApp.Defaults();
        settings["Media:Uploads:RetentionSeconds"] = retentionSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Media:Uploads:MaxBytes"] = maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new MediaApp(infrastructure, root, settings);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName, string? conversationId = null)
    {
        using var form = new MultipartFormDataContent();
        if (conversationId is not null)
        {
            form.Add(new StringContent(conversationId), "conversationId");
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await client.PostAsync(new Uri("/api/media/uploads", UriKind.Relative), form);
    }

    private static async Task<UploadResponse> UploadedAsync(HttpClient client, byte[] content, string fileName, string? conversationId = null)
    {
        using var response = await UploadAsync(client, content, fileName, conversationId);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<UploadResponse>())!;
    }

    [Fact]
    public async Task An_upload_gets_a_public_link_that_the_emulated_channel_fetches_when_delivering_a_media_message()
    {
        await using var emulator = EmulatorHost.Start();
        await using var listener = await MediaBusListener.StartAsync(infrastructure.RabbitMqConnectionString);
        await using var app = App(MediaApp.NewStorageRoot());
        var address = await app.StartOnLoopbackAsync();
        using var client = new HttpClient { BaseAddress = address };
        var picture = Samples.Jpeg(80_000);
        var conversationId = Guid.NewGuid();

        var upload = await UploadedAsync(client, picture, "reply.jpg", conversationId.ToString());

        Assert.Equal("image/jpeg", upload.ContentType);
        Assert.Equal(Samples.Sha256(picture), upload.Sha256);
        var token = new Uri(upload.PublicUrl).Segments[3].TrimEnd('/');
        Assert.True(PublicTokens.LooksValid(token), "the token is 43 base64url characters: 256 random bits");
        var published = await listener.ArrivesAsync<MediaPublished>(m => m.MediaId == upload.MediaId, "the link is announced");
        Assert.Equal(upload.PublicUrl, published.PublicUrl);
        Assert.Equal(conversationId, published.ConversationId);
        Assert.Null((await InfoAsync(client, upload.MediaId)).FirstFetchedAt);

        using var send = new HttpRequestMessage(HttpMethod.Post, new Uri($"/v1/projects/{ProjectId}/messages:send", UriKind.Relative))
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new
                {
                    app_id = Samples.AppId,
                    recipient = new { identified_by = new { channel_identities = new[] { new { channel = "WHATSAPP", identity = "46700000999" } } } },
                    message = new { media_message = new { url = upload.PublicUrl } },
                }),
                Encoding.UTF8,
                "application/json"),
        };
        send.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("emulator-key-id:emulator-key-secret"u8.ToArray()));
        using (var sent = await emulator.Client.SendAsync(send))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        var info = await Eventually.ReturnsAsync(() => InfoAsync(client, upload.MediaId), i => i.FirstFetchedAt is not null, "the channel's fetch is recorded");
        Assert.True(info.FetchCount >= 1);
        var fetches = await Eventually.ReturnsAsync(
            () => emulator.Client.GetStringAsync(new Uri("/emulator/requests?direction=OUTGOING", UriKind.Relative)),
            body => body.Contains(token, StringComparison.Ordinal),
            "the emulator recorded its fetch of the link");
        Assert.Contains("200", fetches, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_retention_time_the_link_answers_404_and_the_file_is_purged()
    {
        var root = MediaApp.NewStorageRoot();
        await using var app = await App(root, retentionSeconds: 6).StartAsync();
        using var client = app.CreateClient();
        var upload = await UploadedAsync(client, Samples.Pdf(40_000), "terms.pdf");
        var path = new Uri(upload.PublicUrl).PathAndQuery;

        using (var live = await client.GetAsync(new Uri(path, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal("application/pdf", live.Content.Headers.ContentType?.MediaType);
        }

        await Eventually.TrueAsync(
            async () => (await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode == HttpStatusCode.NotFound,
            "the expired link answers 404");
        await Eventually.TrueAsync(() => Task.FromResult(!Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Any()), "the file is purged");
        Assert.Equal("Expired", (await InfoAsync(client, upload.MediaId)).State);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/media/{upload.MediaId}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_purge_timer_fires_after_media_restarted_while_it_waited()
    {
        var root = MediaApp.NewStorageRoot();
        UploadResponse upload;
        await using (var before = await App(root, retentionSeconds: 8).StartAsync())
        {
            using var client = before.CreateClient();
            upload = await UploadedAsync(client, Samples.Png, "chart.png");
            await Eventually.ReturnsAsync(() => InfoAsync(client, upload.MediaId), i => i.State == "Published", "the saga has set the timer");
            await Eventually.TrueAsync(() => PurgeTimerStoredAsync(before, upload.MediaId), "the purge timer is a row in media's database");
        }

        Assert.NotEmpty(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
        await using var after = await App(root, retentionSeconds: 8).StartAsync();
        using var restarted = after.CreateClient();
        await Eventually.ReturnsAsync(() => InfoAsync(restarted, upload.MediaId), i => i.State == "Expired", "the restarted media purges it");
        Assert.Empty(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
        Assert.Equal(HttpStatusCode.NotFound, (await restarted.GetAsync(new Uri(new Uri(upload.PublicUrl).PathAndQuery, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_file_over_the_limit_answers_413_and_nothing_is_kept()
    {
        var root = MediaApp.NewStorageRoot();
        await using var app = await App(root, maxBytes: 50_000).StartAsync();
        using var client = app.CreateClient();

        using var response = await UploadAsync(client, Samples.Jpeg(200_000), "big.jpg");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(Problems.TooLarge, await ProblemTypeAsync(response));
        Assert.False(Directory.Exists(root) && Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task A_type_off_the_allow_list_answers_415_whatever_its_name_says()
    {
        await using var app = await App(MediaApp.NewStorageRoot()).StartAsync();
        using var client = app.CreateClient();

        using var response = await UploadAsync(client, Samples.Executable(), "holiday.jpg");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(Problems.UnsupportedType, await ProblemTypeAsync(response));
    }

    [Fact]
    public async Task A_body_that_is_not_multipart_or_has_no_file_answers_4xx_problems()
    {
        await using var app = await App(MediaApp.NewStorageRoot()).StartAsync();
        using var client = app.CreateClient();

        using var json = await client.PostAsJsonAsync(new Uri("/api/media/uploads", UriKind.Relative), new { file = "x" });
        using var empty = await client.PostAsync(new Uri("/api/media/uploads", UriKind.Relative), new MultipartFormDataContent { { new StringContent("x"), "other" } });

        // Refused by routing (the endpoint declares multipart/form-data), as problem details like every error.
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.NotNull(await ProblemTypeAsync(json));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(Problems.MissingFile, await ProblemTypeAsync(empty));
    }

    [Fact]
    public async Task An_unknown_or_malformed_token_answers_404()
    {
        await using var app = await App(MediaApp.NewStorageRoot()).StartAsync();
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/media/public/{PublicTokens.New()}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/media/public/short", UriKind.Relative))).StatusCode);
    }

    /// <summary>The durable timer is stored once the scheduler consumed the saga's schedule command (after its commit).</summary>
    private static async Task<bool> PurgeTimerStoredAsync(MediaApp app, Guid mediaId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MediaDbContext>();
        var token = await db.Uploads.Where(u => u.CorrelationId == mediaId).Select(u => u.PurgeToken).SingleAsync();
        return token is { } id
            && await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM media.scheduled_message WHERE token_id = {id}").SingleAsync() == 1;
    }

    private static async Task<MediaInfoResponse> InfoAsync(HttpClient client, Guid mediaId) =>
        (await client.GetFromJsonAsync<MediaInfoResponse>(new Uri($"/api/media/{mediaId}/info", UriKind.Relative)))!;

    private static async Task<string?> ProblemTypeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("type").GetString();
    }
}

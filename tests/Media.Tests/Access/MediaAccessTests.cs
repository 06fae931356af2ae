using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.Media.Tests.Support;
using Platform.Media.Uploads;
using Platform.Testing;

namespace Platform.Media.Tests.Access;

/// <summary><c>/api/media/{id}</c>: the stored bytes with their sniffed type, a fitting disposition and byte ranges.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class MediaAccessTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private async Task<(MediaApp App, HttpClient Client, UploadResponse Upload, byte[] Content)> StoredAsync(byte[] content, string fileName)
    {
        var app = await new MediaApp(infrastructure, MediaApp.NewStorageRoot()).StartAsync();
        var client = app.CreateClient();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        using var response = await client.PostAsync(new Uri("/api/media/uploads", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (app, client, (await response.Content.ReadFromJsonAsync<UploadResponse>())!, content);
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, Guid mediaId, RangeHeaderValue? range = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/media/{mediaId}", UriKind.Relative));
        request.Headers.Range = range;
        return client.SendAsync(request);
    }

    [Fact]
    public async Task A_picture_is_served_inline_with_its_sniffed_type_name_and_hash()
    {
        var (app, client, upload, content) = await StoredAsync(Samples.Jpeg(10_000), "photo.bin");
        await using var _ = app;
        using var __ = client;

        using var response = await GetAsync(client, upload.MediaId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("photo.bin", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal($"\"{Samples.Sha256(content)}\"", response.Headers.ETag?.Tag);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_document_is_served_as_an_attachment()
    {
        var (app, client, upload, _) = await StoredAsync(Samples.Pdf(), "invoice.pdf");
        await using var _1 = app;
        using var _2 = client;

        using var response = await GetAsync(client, upload.MediaId);

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task Byte_ranges_answer_206_with_only_their_bytes_and_416_outside_the_item()
    {
        var (app, client, upload, content) = await StoredAsync(Samples.VoiceNote(5_000), "voice.ogg");
        await using var _1 = app;
        using var _2 = client;

        using var middle = await GetAsync(client, upload.MediaId, new RangeHeaderValue(100, 199));
        using var tail = await GetAsync(client, upload.MediaId, new RangeHeaderValue(null, 50));
        using var outside = await GetAsync(client, upload.MediaId, new RangeHeaderValue(10_000, null));

        Assert.Equal(HttpStatusCode.PartialContent, middle.StatusCode);
        Assert.Equal("bytes 100-199/5000", middle.Content.Headers.ContentRange?.ToString());
        Assert.Equal(content[100..200], await middle.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal(content[^50..], await tail.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, outside.StatusCode);
        Assert.Equal("bytes */5000", outside.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task An_unknown_item_answers_404()
    {
        await using var app = await new MediaApp(infrastructure, MediaApp.NewStorageRoot()).StartAsync();
        using var client = app.CreateClient();

        using var response = await GetAsync(client, Guid.NewGuid());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

extern alias media;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;
using MediaIds = media::Platform.Media.Downloads.MediaIds;

namespace Platform.EndToEnd.Tests.Media;

[Trait("Category", TestCategories.EndToEnd)]
public sealed class MediaThroughTheGatewayTests(MediaPath platform) : IClassFixture<MediaPath>
{
    [Fact]
    public async Task A_customers_picture_is_downloaded_by_media_and_served_to_agents_with_the_api_key_only()
    {
        var picture = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F' }.Concat(Enumerable.Range(0, 5000).Select(i => (byte)i)).ToArray();

        var sent = await platform.CustomerAsync("media", new
        {
            identity = "46700000777",
            content_base64 = Convert.ToBase64String(picture),
            content_type = "image/jpeg",
            file_name = "damage.jpg",
        });

        var mediaId = MediaIds.ForInbound(MediaPath.AppId, sent.Id, "media");
        var info = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await platform.Gateway.SendAsync(MediaPath.Authorized(HttpMethod.Get, $"/api/media/{mediaId}/info"));
                return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone() : default;
            },
            i => i.ValueKind == JsonValueKind.Object && i.GetProperty("state").GetString() == "Stored",
            "media stored the customer's picture");
        Assert.Equal("image/jpeg", info.GetProperty("contentType").GetString());
        Assert.Equal(picture.Length, info.GetProperty("length").GetInt64());

        using var content = await platform.Gateway.SendAsync(MediaPath.Authorized(HttpMethod.Get, $"/api/media/{mediaId}"));
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        Assert.Equal(picture, await content.Content.ReadAsByteArrayAsync());
        using var anonymous = await platform.Gateway.GetAsync(new Uri($"/api/media/{mediaId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task An_agents_upload_gets_a_public_link_that_the_gateway_serves_without_credentials()
    {
        var pdf = "%PDF-1.7\n"u8.ToArray().Concat(Enumerable.Range(0, 3000).Select(i => (byte)i)).ToArray();
        using var upload = MediaPath.Authorized(HttpMethod.Post, "/api/media/uploads");
        upload.Content = new MultipartFormDataContent { { new ByteArrayContent(pdf), "file", "quote.pdf" } };

        using var created = await platform.Gateway.SendAsync(upload);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var publicUrl = new Uri(body.GetProperty("publicUrl").GetString()!);
        Assert.Equal(platform.Gateway.BaseAddress!.Authority, publicUrl.Authority);
        using var fetched = await platform.Gateway.GetAsync(new Uri(publicUrl.PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal("application/pdf", fetched.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await fetched.Content.ReadAsByteArrayAsync());
        using var guessed = await platform.Gateway.GetAsync(new Uri("/media/public/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
    }
}

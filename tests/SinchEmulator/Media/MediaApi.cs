using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.SinchEmulator.Media;

internal sealed record HostMediaRequest(string? ContentBase64, string? ContentType, string? FileName, int? ExpiresInSeconds);

internal sealed record HostedMediaResponse(string MediaId, string Url, DateTimeOffset? ExpiresAt);

internal static class MediaApi
{
    public static void MapMediaApi(this RouteGroupBuilder control)
    {
        control.MapPost("/media", HostMedia).WithName("HostMedia").WithSummary("Serve a file at a public URL (optionally expiring)");
        control.MapGet("/media/{mediaId}/{fileName}", GetMedia).WithName("GetHostedMedia");
    }

    private static Results<Ok<HostedMediaResponse>, ProblemHttpResult> HostMedia(HostMediaRequest request, HostedMedia media, HttpRequest http)
    {
        byte[]? content = null;
        if (request.ContentBase64 is not null)
        {
            try
            {
                content = Convert.FromBase64String(request.ContentBase64);
            }
            catch (FormatException)
            {
                return TypedResults.Problem("content_base64 is not valid Base64", statusCode: StatusCodes.Status400BadRequest);
            }
        }
        var file = media.Host(content, request.ContentType, request.FileName, request.ExpiresInSeconds);
        return TypedResults.Ok(new HostedMediaResponse(file.Id, media.UrlOf(file, http), file.ExpiresAt));
    }

    private static Results<FileContentHttpResult, NotFound> GetMedia(string mediaId, HostedMedia media) =>
        media.Find(mediaId) is { } file
            ? TypedResults.File(file.Content, file.ContentType, file.FileName)
            : TypedResults.NotFound();
}

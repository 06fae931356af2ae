using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Media.Downloads;
using Platform.Media.Persistence;
using Platform.Media.Telemetry;

namespace Platform.Media.Access;

/// <summary>Authenticated (at the gateway) access to stored items: <c>/api/media/{id}</c> (docs/media.md, "Internal access").</summary>
public static class MediaApi
{
    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/media").WithTags("Media");
        group.MapGet("/{mediaId:guid}", GetMedia)
            .WithName("GetMedia")
            .WithSummary("The content of a stored item (customer media or an upload), with range requests")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .Produces(StatusCodes.Status206PartialContent)
            .Produces(StatusCodes.Status416RangeNotSatisfiable);
        group.MapGet("/{mediaId:guid}/info", GetMediaInfo)
            .WithName("GetMediaInfo")
            .WithSummary("What is known of an item: state, type, size, hash, failure reason");
        return endpoints;
    }

    private static async Task<Results<MediaContentResult, NotFound>> GetMedia(Guid mediaId, MediaDbContext db, CancellationToken cancellationToken)
    {
        var content = await FindContentAsync(db, mediaId, cancellationToken).ConfigureAwait(false);
        return content is null ? TypedResults.NotFound() : new MediaContentResult(content, MediaMetrics.Internal);
    }

    private static async Task<Results<Ok<MediaInfoResponse>, NotFound>> GetMediaInfo(Guid mediaId, MediaDbContext db, CancellationToken cancellationToken)
    {
        var download = await db.Downloads.AsNoTracking().FirstOrDefaultAsync(d => d.CorrelationId == mediaId, cancellationToken).ConfigureAwait(false);
        if (download is not null)
        {
            return TypedResults.Ok(new MediaInfoResponse(
                mediaId, "download", download.CurrentState, download.ContentType, download.Length, download.Sha256, download.FileName,
                download.SinchMessageId, download.Attempts, download.FailureReason, download.FailureDetail, null, null, null));
        }

        var upload = await db.Uploads.AsNoTracking().FirstOrDefaultAsync(u => u.CorrelationId == mediaId, cancellationToken).ConfigureAwait(false);
        return upload is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new MediaInfoResponse(
                mediaId, "upload", upload.CurrentState, upload.ContentType, upload.Length, upload.Sha256, upload.FileName,
                null, null, null, null, upload.ExpiresAt, upload.FirstFetchedAt, upload.FetchCount));
    }

    internal static async Task<MediaContent?> FindContentAsync(MediaDbContext db, Guid mediaId, CancellationToken cancellationToken)
    {
        var download = await db.Downloads.AsNoTracking()
            .Where(d => d.CorrelationId == mediaId && d.CurrentState == nameof(MediaDownloadStateMachine.Stored))
            .Select(d => new MediaContent(d.CorrelationId, d.ContentType!, d.Length!.Value, d.FileName, d.Sha256))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return download ?? await db.Uploads.AsNoTracking()
            .Where(u => u.CorrelationId == mediaId && u.PurgedAt == null)
            .Select(u => new MediaContent(u.CorrelationId, u.ContentType, u.Length, u.FileName, u.Sha256))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>An item's record; <c>kind</c> is <c>download</c> (customer media) or <c>upload</c>.</summary>
public sealed record MediaInfoResponse(
    Guid MediaId,
    string Kind,
    string State,
    string? ContentType,
    long? Length,
    string? Sha256,
    string? FileName,
    string? SinchMessageId,
    int? Attempts,
    string? FailureReason,
    string? FailureDetail,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? FirstFetchedAt,
    int? FetchCount);

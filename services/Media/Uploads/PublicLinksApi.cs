using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Media.Access;
using Platform.Media.Persistence;
using Platform.Media.Telemetry;

namespace Platform.Media.Uploads;

/// <summary>
/// <c>GET /media/public/{token}[/{fileName}]</c>: the unauthenticated link channels fetch (the gateway's anonymous
/// route). 404 for an unknown, expired or purged link, the same answer for all three so a token cannot be probed.
/// The first fetch is recorded on the saga row (docs/media.md, "Public links").
/// </summary>
public static class PublicLinksApi
{
    public static IEndpointRouteBuilder MapPublicLinksApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/media/public").WithTags("Public links").AllowAnonymous();
        group.MapGet("/{token}", GetPublicMedia).WithName("GetPublicMedia").WithSummary("An uploaded file, by its public token");
        group.MapGet("/{token}/{fileName}", (string token, string fileName, MediaDbContext db, TimeProvider time, ILogger<MediaUploadStateMachine> logger, CancellationToken cancellationToken) =>
            GetPublicMedia(token, db, time, logger, cancellationToken)).WithName("GetPublicMediaWithName").WithSummary("The same, with the file name for channels that look at it");
        return endpoints;
    }

    private static async Task<Results<MediaContentResult, NotFound>> GetPublicMedia(
        string token, MediaDbContext db, TimeProvider time, ILogger<MediaUploadStateMachine> logger, CancellationToken cancellationToken)
    {
        if (!PublicTokens.LooksValid(token))
        {
            return TypedResults.NotFound();
        }

        var hash = PublicTokens.Hash(token);
        var now = time.GetUtcNow();
        var upload = await db.Uploads.AsNoTracking()
            .Where(u => u.TokenHash == hash && u.PurgedAt == null && u.ExpiresAt > now)
            .Select(u => new { u.CorrelationId, u.ContentType, u.Length, u.FileName, u.Sha256, u.FirstFetchedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (upload is null)
        {
            return TypedResults.NotFound();
        }

        // Not through the saga: a fetch must not wait for the bus. The conditional update keeps the first time.
        await db.Uploads.Where(u => u.CorrelationId == upload.CorrelationId)
            .ExecuteUpdateAsync(
                u => u.SetProperty(x => x.FirstFetchedAt, x => x.FirstFetchedAt ?? now).SetProperty(x => x.FetchCount, x => x.FetchCount + 1),
                cancellationToken);
        if (upload.FirstFetchedAt is null)
        {
            logger.FirstFetched(upload.CorrelationId);
        }

        return new MediaContentResult(new MediaContent(upload.CorrelationId, upload.ContentType, upload.Length, upload.FileName, upload.Sha256), MediaMetrics.Public);
    }
}

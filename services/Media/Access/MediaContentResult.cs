using System.Globalization;
using Microsoft.Net.Http.Headers;
using Platform.Media.Storage;
using Platform.Media.Telemetry;

namespace Platform.Media.Access;

/// <summary>What to serve of one stored item.</summary>
public sealed record MediaContent(Guid MediaId, string ContentType, long Length, string? FileName, string? Sha256);

/// <summary>
/// Streams a stored item with its sniffed type, a disposition that lets browsers show pictures, sound and video inline
/// and downloads everything else, and single byte ranges (206, or 416 outside the item) for players that seek
/// (docs/media.md, "Internal access"). <c>nosniff</c> keeps a browser from second-guessing the type.
/// </summary>
public sealed class MediaContentResult(MediaContent content, string channel) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var request = httpContext.Request;
        var response = httpContext.Response;
        var storage = httpContext.RequestServices.GetRequiredService<IMediaStorage>();
        var metrics = httpContext.RequestServices.GetRequiredService<MediaMetrics>();

        response.Headers.AcceptRanges = "bytes";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, no-cache";
        if (content.Sha256 is { Length: > 0 } sha)
        {
            response.Headers.ETag = $"\"{sha}\"";
        }

        var disposition = new ContentDispositionHeaderValue(MediaTypes.IsInline(content.ContentType) ? "inline" : "attachment");
        if (content.FileName is { } name)
        {
            disposition.SetHttpFileName(name);
        }

        response.Headers.ContentDisposition = disposition.ToString();

        long offset = 0;
        var length = content.Length;
        if (RangeOf(request, content.Length) is { } range)
        {
            if (range.Satisfiable is false)
            {
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = $"bytes */{content.Length}";
                return;
            }

            (offset, length) = (range.From, range.To - range.From + 1);
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {range.From}-{range.To}/{content.Length}");
        }

        var stream = await storage.OpenReadAsync(StorageKeys.For(content.MediaId), offset, length, httpContext.RequestAborted).ConfigureAwait(false);
        if (stream is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.Headers.Remove("Content-Disposition");
            return;
        }

        await using (stream.ConfigureAwait(false))
        {
            response.ContentType = content.ContentType;
            response.ContentLength = length;
            if (HttpMethods.IsHead(request.Method))
            {
                return;
            }

            await stream.CopyToAsync(response.Body, 81_920, httpContext.RequestAborted).ConfigureAwait(false);
            metrics.BytesOut(length, channel);
        }
    }

    private sealed record ByteRange(long From, long To, bool Satisfiable);

    /// <summary>One range of <c>Range: bytes=…</c>; several ranges are answered whole (RFC 9110 allows it).</summary>
    private static ByteRange? RangeOf(HttpRequest request, long length)
    {
        if (!RangeHeaderValue.TryParse(request.Headers.Range.ToString(), out var header)
            || !string.Equals(header.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase)
            || header.Ranges.Count != 1)
        {
            return null;
        }

        var range = header.Ranges.First();
        if (range.From is { } from)
        {
            if (from >= length)
            {
                return new ByteRange(0, 0, false);
            }

            return new ByteRange(from, Math.Min(range.To ?? length - 1, length - 1), true);
        }

        if (range.To is { } suffix && suffix > 0 && length > 0)
        {
            return new ByteRange(Math.Max(0, length - suffix), length - 1, true);
        }

        return new ByteRange(0, 0, false);
    }
}

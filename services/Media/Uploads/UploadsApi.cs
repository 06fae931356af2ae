using MassTransit;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Platform.Contracts;
using Platform.Media.Persistence;
using Platform.Media.Storage;
using Platform.Media.Telemetry;

namespace Platform.Media.Uploads;

/// <summary>The response to an upload: the item and the public link channels fetch it from.</summary>
public sealed record UploadResponse(
    Guid MediaId, string PublicUrl, DateTimeOffset ExpiresAt, string ContentType, long Length, string Sha256, string? FileName);

/// <summary>
/// <c>POST /api/media/uploads</c>: multipart/form-data with one <c>file</c> part (and optionally a
/// <c>conversationId</c> part before it, or <c>?conversationId=</c>), read as a stream with
/// <see cref="MultipartReader"/>: never buffered whole, in memory or on disk (docs/media.md, "Uploads").
/// </summary>
public static class UploadsApi
{
    private const int MaxFieldBytes = 1024;

    public static IEndpointRouteBuilder MapUploadsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/media/uploads").WithTags("Uploads");
        group.MapPost("/", Upload)
            .WithName("UploadMedia")
            .WithSummary("Upload a file (multipart, field 'file'); answers its public link")
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery();
        return endpoints;
    }

    private static async Task<Results<Created<UploadResponse>, ProblemHttpResult>> Upload(
        HttpContext http,
        Guid? conversationId,
        MediaIntake intake,
        MediaDbContext db,
        IPublishEndpoint publish,
        IOptions<UploadOptions> options,
        MediaMetrics metrics,
        TimeProvider time,
        ILogger<MediaUploadStateMachine> logger)
    {
        var settings = options.Value;
        var request = http.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return Problem(Problems.NotMultipart, StatusCodes.Status415UnsupportedMediaType, "Send the file as multipart/form-data in a part named 'file'.");
        }

        // Kestrel's default body limit (30 MB) would cut a legitimate upload before our own limit speaks.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = settings.MaxBytes + (1024 * 1024);
        }

        var mediaId = NewId.NextGuid();
        var reader = new MultipartReader(boundary, request.Body);
        StoredContent? stored = null;
        string? fileName = null;
        try
        {
            for (var section = await reader.ReadNextSectionAsync(http.RequestAborted); section is not null; section = await reader.ReadNextSectionAsync(http.RequestAborted))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (name == "conversationId" && conversationId is null && disposition.IsFormDisposition())
                {
                    var text = await new StreamReader(new BoundedStream(section.Body, MaxFieldBytes)).ReadToEndAsync(http.RequestAborted);
                    if (!Guid.TryParse(text.Trim(), out var parsed))
                    {
                        return Problem(Problems.InvalidField, StatusCodes.Status400BadRequest, "conversationId is not a GUID.");
                    }

                    conversationId = parsed;
                }
                else if (name == "file" && stored is null && disposition.IsFileDisposition())
                {
                    fileName = FileNames.Clean(HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value);
                    stored = await intake.StoreAsync(StorageKeys.For(mediaId), section.Body, settings.MaxBytes, settings.EffectiveAllowedContentTypes, http.RequestAborted);
                }
            }
        }
        catch (MediaTooLargeException)
        {
            metrics.Failed(Downloads.FailureReasons.TooLarge);
            return Problem(Problems.TooLarge, StatusCodes.Status413PayloadTooLarge, $"The file is larger than {settings.MaxBytes} bytes.");
        }
        catch (UnsupportedMediaTypeException e)
        {
            metrics.Failed(Downloads.FailureReasons.UnsupportedType);
            return Problem(Problems.UnsupportedType, StatusCodes.Status415UnsupportedMediaType, $"Files of type {e.ContentType} are not accepted.");
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            // A malformed multipart body, or Kestrel's own body limit.
            return Problem(Problems.NotMultipart, StatusCodes.Status400BadRequest, "The multipart body could not be read.");
        }

        if (stored is null)
        {
            return Problem(Problems.MissingFile, StatusCodes.Status400BadRequest, "No part named 'file' with a file in it.");
        }

        metrics.BytesIn(stored.Length, MediaMetrics.Upload);
        var token = PublicTokens.New();
        var now = time.GetUtcNow();
        var baseUrl = string.IsNullOrWhiteSpace(settings.PublicBaseUrl) ? $"{request.Scheme}://{request.Host}" : settings.PublicBaseUrl.TrimEnd('/');
        var publicUrl = $"{baseUrl}/media/public/{token}" + (fileName is null ? "" : "/" + Uri.EscapeDataString(fileName));
        var upload = new MediaUploadState
        {
            CorrelationId = mediaId,
            CurrentState = nameof(MediaUploadStateMachine.Uploaded),
            ConversationId = conversationId,
            FileName = fileName,
            ContentType = stored.ContentType,
            Length = stored.Length,
            Sha256 = stored.Sha256,
            TokenHash = PublicTokens.Hash(token),
            UploadedAt = now,
            ExpiresAt = now.AddSeconds(settings.RetentionSeconds),
        };
        db.Uploads.Add(upload);

        // Bus outbox: the row, the event that starts the purge timer and the announcement commit together.
        await publish.Publish(new MediaUploaded { MediaId = mediaId }, http.RequestAborted);
        await publish.Publish(
            new MediaPublished
            {
                MediaId = mediaId,
                PublicUrl = publicUrl,
                ExpiresAt = upload.ExpiresAt,
                ContentType = stored.ContentType,
                Length = stored.Length,
                FileName = fileName,
                ConversationId = conversationId,
            },
            http.RequestAborted);
        await db.SaveChangesAsync(http.RequestAborted);
        logger.Uploaded(mediaId, stored.Length, stored.ContentType, upload.ExpiresAt);
        return TypedResults.Created(
            $"/api/media/{mediaId}",
            new UploadResponse(mediaId, publicUrl, upload.ExpiresAt, stored.ContentType, stored.Length, stored.Sha256, fileName));
    }

    private static ProblemHttpResult Problem(string type, int status, string detail) =>
        TypedResults.Problem(type: type, statusCode: status, detail: detail);

    /// <summary>A small form field, read with a cap so that a huge "field" cannot fill memory.</summary>
    private sealed class BoundedStream(Stream inner, int limit) : Stream
    {
        private int _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            _read += read;
            return _read > limit ? throw new InvalidDataException("A form field is too long.") : read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

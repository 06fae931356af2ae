namespace Platform.Media.Uploads;

/// <summary>Event ids 4200-4299 belong to Uploads. Never the token or the public URL: they open the file.</summary>
internal static partial class UploadsLog
{
    [LoggerMessage(4201, LogLevel.Information, "Uploaded media {MediaId}: {Length} bytes of {ContentType}, public until {ExpiresAt}")]
    public static partial void Uploaded(this ILogger logger, Guid mediaId, long length, string contentType, DateTimeOffset expiresAt);

    [LoggerMessage(4202, LogLevel.Information, "Public link of media {MediaId} fetched for the first time")]
    public static partial void FirstFetched(this ILogger logger, Guid mediaId);
}

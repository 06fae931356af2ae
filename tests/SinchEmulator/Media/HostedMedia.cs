using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.SinchEmulator.Setup;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Media;

internal sealed record HostedFile(string Id, string FileName, string ContentType, byte[] Content, DateTimeOffset? ExpiresAt);

/// <summary>Files served at public URLs, standing in for the channel CDN behind inbound media and for expiring links.</summary>
internal sealed class HostedMedia(IOptions<EmulatorOptions> options, TimeProvider time)
{
    // A 1×1 PNG, for customers who send "a picture" without saying which.
    private static readonly byte[] DefaultPicture = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private readonly ConcurrentDictionary<string, HostedFile> _files = new(StringComparer.Ordinal);

    public HostedFile Host(byte[]? content, string? contentType, string? fileName, int? expiresInSeconds)
    {
        var file = new HostedFile(
            SinchIds.New(),
            string.IsNullOrWhiteSpace(fileName) ? "picture.png" : Path.GetFileName(fileName),
            string.IsNullOrWhiteSpace(contentType) ? "image/png" : contentType,
            content ?? DefaultPicture,
            expiresInSeconds is { } seconds ? time.GetUtcNow().AddSeconds(seconds) : null);
        _files[file.Id] = file;
        return file;
    }

    /// <summary>Null when unknown or expired.</summary>
    public HostedFile? Find(string id) =>
        _files.TryGetValue(id, out var file) && (file.ExpiresAt is null || file.ExpiresAt > time.GetUtcNow()) ? file : null;

    public string UrlOf(HostedFile file, HttpRequest request)
    {
        var configured = options.Value.PublicBaseUrl;
        var root = string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}" : configured.TrimEnd('/');
        return $"{root}/emulator/media/{file.Id}/{Uri.EscapeDataString(file.FileName)}";
    }

    public void Clear() => _files.Clear();
}

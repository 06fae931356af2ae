namespace Platform.Media;

/// <summary>The content types accepted when a setting does not list its own (docs/media.md, "Limits").</summary>
public static class MediaTypes
{
    public static readonly IReadOnlyList<string> DefaultAllowed =
    [
        "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic",
        "audio/ogg", "audio/mpeg", "audio/mp4", "audio/amr", "audio/wav",
        "video/mp4", "video/3gpp", "video/quicktime", "video/webm",
        "application/pdf",
    ];

    /// <summary>The configured list, or <see cref="DefaultAllowed"/> when none is configured.</summary>
    /// <remarks>Lists have no default in the options class: the configuration binder appends to a default list.</remarks>
    public static IReadOnlySet<string> AllowedOrDefault(IEnumerable<string>? configured)
    {
        var list = configured?.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList() ?? [];
        return new HashSet<string>(list.Count > 0 ? list : DefaultAllowed, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Whether a browser may show the type inline; anything else is served as an attachment.</summary>
    public static bool IsInline(string contentType) =>
        contentType.StartsWith("image/", StringComparison.Ordinal)
        || contentType.StartsWith("audio/", StringComparison.Ordinal)
        || contentType.StartsWith("video/", StringComparison.Ordinal);
}

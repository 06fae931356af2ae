using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Platform.Media.Uploads;

/// <summary>Uploads and their public links; section <c>Media:Uploads</c> (docs/media.md, "Uploads").</summary>
public sealed class UploadOptions
{
    public const string Section = "Media:Uploads";

    /// <summary>Largest file accepted; the upload is cut off with 413 as soon as it passes this.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Sniffed content types accepted; empty means <see cref="MediaTypes.DefaultAllowed"/>.</summary>
    public List<string> AllowedContentTypes { get; set; } = [];

    /// <summary>How long a public link works; then it answers 404 and the file is purged. Default 7 days.</summary>
    [Range(1, 366 * 86_400)]
    public int RetentionSeconds { get; set; } = 7 * 86_400;

    /// <summary>
    /// The gateway's public address that channels reach, e.g. <c>https://platform.example.com</c>; links are
    /// <c>{PublicBaseUrl}/media/public/{token}/{fileName}</c>. Empty: the address the upload request came to.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    public IReadOnlySet<string> EffectiveAllowedContentTypes => MediaTypes.AllowedOrDefault(AllowedContentTypes);
}

[OptionsValidator]
internal sealed partial class UploadOptionsValidator : IValidateOptions<UploadOptions>;

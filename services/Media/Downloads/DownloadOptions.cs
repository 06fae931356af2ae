using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Platform.Media.Downloads;

/// <summary>Limits of the download of customer media; section <c>Media:Downloads</c> (docs/media.md, "Downloads").</summary>
public sealed class DownloadOptions
{
    public const string Section = "Media:Downloads";

    /// <summary>Largest file accepted; a download is cut off as soon as it passes this.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Sniffed content types accepted; empty means <see cref="MediaTypes.DefaultAllowed"/>.</summary>
    public List<string> AllowedContentTypes { get; set; } = [];

    [Range(1, 300)]
    public int ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>How long the channel may take to answer with the response headers.</summary>
    [Range(1, 600)]
    public int ResponseTimeoutSeconds { get; set; } = 30;

    /// <summary>How long one whole attempt (headers and body) may take.</summary>
    [Range(1, 3_600)]
    public int AttemptTimeoutSeconds { get; set; } = 300;

    /// <summary>Attempts in all, the first included; 5xx, 408, 429, network errors and timeouts are retried.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Waits before the 2nd, 3rd, … attempt in seconds (the last repeats); empty means 5, 30, 120, 600.</summary>
    public List<int> RetryDelaysSeconds { get; set; } = [];

    [Range(0, 10)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// Networks (CIDR, e.g. <c>127.0.0.1/32</c>) that the SSRF guard lets through although they are private or
    /// loopback. For development against the emulator only; empty in production.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    public IReadOnlySet<string> EffectiveAllowedContentTypes => MediaTypes.AllowedOrDefault(AllowedContentTypes);

    public TimeSpan RetryDelay(int failedAttempts)
    {
        int[] delays = RetryDelaysSeconds.Count > 0 ? [.. RetryDelaysSeconds] : [5, 30, 120, 600];
        return TimeSpan.FromSeconds(delays[Math.Clamp(failedAttempts - 1, 0, delays.Length - 1)]);
    }

    public IReadOnlyList<IPNetwork> EffectiveAllowedNetworks => [.. AllowedNetworks.Select(n => IPNetwork.Parse(n.Trim()))];
}

[Microsoft.Extensions.Options.OptionsValidator]
internal sealed partial class DownloadOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<DownloadOptions>;

/// <summary>Checks what data annotations cannot: every allow-listed network is valid CIDR.</summary>
internal sealed class DownloadNetworksValidator : Microsoft.Extensions.Options.IValidateOptions<DownloadOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, DownloadOptions options)
    {
        var bad = options.AllowedNetworks.Where(n => !IPNetwork.TryParse(n.Trim(), out _)).ToList();
        return bad.Count == 0
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(bad.Select(n => $"{DownloadOptions.Section}:AllowedNetworks: '{n}' is not CIDR."));
    }
}

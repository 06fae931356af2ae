using System.ComponentModel.DataAnnotations;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Per-client limits at the edge, section <c>Gateway:RateLimits</c>. API clients are partitioned by their key (its hash),
/// webhooks by Sinch app id in the path, so one noisy client or app cannot starve the others.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Gateway:RateLimits";

    /// <summary>Requests per API key per window on <c>/api/**</c>.</summary>
    [Range(1, 1_000_000)]
    public int ApiPermitsPerWindow { get; set; } = 600;

    /// <summary>Callbacks per Sinch app per window on <c>/webhooks/sinch/**</c>; generous, Sinch retries a 429 anyway.</summary>
    [Range(1, 10_000_000)]
    public int WebhookPermitsPerWindow { get; set; } = 60_000;

    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;
}

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

    /// <summary>
    /// Callbacks per Sinch app per window on <c>/webhooks/sinch/**</c>, per gateway replica. The default, 300,000 per
    /// 60 s (5,000/s), is what one busy app can send (docs/architecture.md, "Webhook rate limit"): Sinch accepts 800
    /// sends/s per project, each send comes back as about three status callbacks (2,400/s), customers' messages and
    /// events add up to as many again as the sends (800/s), and half as much again is headroom for the bursts of
    /// Sinch's retries after an outage. Its purpose is to keep one app from starving the others, not to slow a
    /// healthy one; a 429 only delays a callback, since Sinch retries it.
    /// </summary>
    [Range(1, 10_000_000)]
    public int WebhookPermitsPerWindow { get; set; } = DefaultWebhookPermitsPerWindow;

    /// <summary>5,000 callbacks/s over the default 60 s window; see <see cref="WebhookPermitsPerWindow"/>.</summary>
    public const int DefaultWebhookPermitsPerWindow = 300_000;

    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;
}

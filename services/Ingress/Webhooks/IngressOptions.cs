using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Platform.Ingress.Webhooks;

/// <summary>Settings of the Sinch webhook endpoint; section <c>Ingress</c>.</summary>
public sealed class IngressOptions
{
    public const string Section = "Ingress";

    /// <summary>
    /// One entry per connected Sinch app, keyed by app id: <c>Ingress:Apps:{appId}:WebhookSecret</c>. Secrets come from
    /// the environment (<c>Ingress__Apps__{appId}__WebhookSecret</c>), never from a committed file.
    /// </summary>
    public Dictionary<string, SinchAppWebhookOptions> Apps { get; set; } = [];

    /// <summary>How far the signature timestamp may be from now, either way, before a callback counts as a replay.</summary>
    [Range(1, 86_400)]
    public int SignatureToleranceSeconds { get; set; } = 300;

    /// <summary>Largest callback body accepted; larger ones get 413.</summary>
    [Range(1_024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>How long a publish (including the broker's confirm) may take before the webhook answers 503.</summary>
    [Range(50, 60_000)]
    public int PublishTimeoutMs { get; set; } = 5_000;

    /// <summary>
    /// How many accepted nonces one replica remembers to refuse replays (about 64 bytes each). The default covers
    /// 800 callbacks/s for the whole default tolerance window; beyond that the oldest are forgotten first and the
    /// consumers' deduplication by message id still drops a replay.
    /// </summary>
    [Range(1, 50_000_000)]
    public int ReplayCacheCapacity { get; set; } = 250_000;

    /// <summary>Seconds sent in <c>Retry-After</c> with a 503.</summary>
    [Range(1, 3_600)]
    public int RetryAfterSeconds { get; set; } = 5;
}

/// <summary>One Sinch app's webhook settings.</summary>
public sealed class SinchAppWebhookOptions
{
    /// <summary>The <c>secret</c> of the app's Sinch webhook; used as UTF-8 text for HMAC-SHA256.</summary>
    public string WebhookSecret { get; set; } = "";
}

[OptionsValidator]
internal sealed partial class IngressOptionsValidator : IValidateOptions<IngressOptions>;

/// <summary>
/// Checks the per-app entries, which data annotations cannot reach; never puts a secret in a message. No app at all is
/// allowed (the service starts, reports ready and answers 404, with a warning at start-up), so that a deployment can
/// come up before its first Sinch app is connected.
/// </summary>
internal sealed class IngressAppsValidator : IValidateOptions<IngressOptions>
{
    public ValidateOptionsResult Validate(string? name, IngressOptions options)
    {
        var failures = new List<string>();
        foreach (var (appId, app) in options.Apps)
        {
            if (string.IsNullOrWhiteSpace(appId) || appId.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_'))
            {
                failures.Add($"Ingress:Apps: '{appId}' is not a Sinch app id (letters, digits, '-' and '_' only).");
            }

            if (string.IsNullOrWhiteSpace(app?.WebhookSecret))
            {
                failures.Add($"Ingress:Apps:{appId}:WebhookSecret is required.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Platform.SinchEmulator.Setup;

/// <summary>The project the emulator pretends to host, seeded at start and on every reset.</summary>
internal sealed class EmulatorOptions
{
    public const string Section = "Emulator";

    [Required]
    public string ProjectId { get; set; } = "";

    /// <summary>Base of the URLs the emulator hands out for media it hosts; empty = the caller's host.</summary>
    public string? PublicBaseUrl { get; set; }

    [Range(1, 86_400)]
    public int TokenLifetimeSeconds { get; set; } = 3600;

    [ValidateEnumeratedItems]
    public List<AccessKeyOptions> AccessKeys { get; set; } = [];

    [ValidateEnumeratedItems]
    public List<AppOptions> Apps { get; set; } = [];
}

internal sealed class AccessKeyOptions
{
    [Required]
    public string KeyId { get; set; } = "";

    [Required]
    public string KeySecret { get; set; } = "";
}

internal sealed class AppOptions
{
    [Required]
    public string Id { get; set; } = "";

    public string DisplayName { get; set; } = "Emulated app";

    /// <summary>The region the app lives in; only matters for calls made under <c>/regions/{region}/</c>.</summary>
    [RegularExpression("^(us|eu|br)$")]
    public string Region { get; set; } = "us";

    /// <summary>Signs delivery reports sent to a per-message callback_url.</summary>
    public string CallbackSecret { get; set; } = "";

    /// <summary>In priority order, like channel_credentials.</summary>
    [ValidateEnumeratedItems]
    public List<ChannelOptions> Channels { get; set; } = [];

    [ValidateEnumeratedItems]
    public List<WebhookOptions> Webhooks { get; set; } = [];
}

internal sealed class ChannelOptions
{
    [Required]
    public string Channel { get; set; } = "";

    /// <summary>The business sender on this channel (WhatsApp number, SMS service plan, page id...).</summary>
    public string ClaimedIdentity { get; set; } = "";

    public string Token { get; set; } = "";
}

internal sealed class WebhookOptions
{
    public string? Id { get; set; }

    [Required, Url]
    public string Target { get; set; } = "";

    public string Secret { get; set; } = "";

    /// <summary>Empty = the triggers the platform subscribes to.</summary>
    public List<string> Triggers { get; set; } = [];
}

[OptionsValidator]
internal sealed partial class EmulatorOptionsValidator : IValidateOptions<EmulatorOptions>;

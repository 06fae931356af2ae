using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Platform.Egress.Sinch;

/// <summary>
/// Where Sinch lives, per region; section <c>Sinch</c>. Unset regions use Sinch's real hosts
/// (<c>https://{region}.conversation.api.sinch.com</c>, token at <c>https://auth.sinch.com/oauth2/token</c>);
/// <c>./platform up</c>, compose and the tests point every region at the emulator (docs/egress.md, "Regions").
/// </summary>
public sealed class SinchOptions
{
    public const string Section = "Sinch";

    /// <summary>The regions an app may live in.</summary>
    public static readonly IReadOnlyList<string> KnownRegions = ["us", "eu", "br"];

    /// <summary>Overrides per region, keyed <c>us</c>, <c>eu</c>, <c>br</c>: <c>Sinch:Regions:eu:ConversationApiUrl</c>.</summary>
    public Dictionary<string, SinchRegionOptions> Regions { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long one call to Sinch may take; past it, the outcome of a send is unknown and is reconciled.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>A token is refreshed this long before it expires (Sinch's SDKs use 60 s).</summary>
    [Range(0, 600)]
    public int TokenRefreshMarginSeconds { get; set; } = 60;

    public Uri ConversationApiUrl(string region) =>
        Regions.TryGetValue(region, out var r) && !string.IsNullOrWhiteSpace(r.ConversationApiUrl)
            ? new Uri(r.ConversationApiUrl.EndsWith('/') ? r.ConversationApiUrl : r.ConversationApiUrl + "/")
            : new Uri($"https://{region}.conversation.api.sinch.com/");

    public Uri TokenUrl(string region) =>
        Regions.TryGetValue(region, out var r) && !string.IsNullOrWhiteSpace(r.TokenUrl)
            ? new Uri(r.TokenUrl)
            : new Uri("https://auth.sinch.com/oauth2/token");
}

/// <summary>One region's hosts.</summary>
public sealed class SinchRegionOptions
{
    /// <summary>Base URL of the Conversation API, without <c>/v1</c>.</summary>
    [Url]
    public string? ConversationApiUrl { get; set; }

    /// <summary>Full URL of the OAuth2 token endpoint.</summary>
    [Url]
    public string? TokenUrl { get; set; }
}

[OptionsValidator]
internal sealed partial class SinchOptionsValidator : IValidateOptions<SinchOptions>;

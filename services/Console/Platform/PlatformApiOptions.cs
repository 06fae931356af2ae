using System.ComponentModel.DataAnnotations;

namespace Platform.Console.Platform;

/// <summary>Where the console reaches the platform's API and the key it uses there (never sent to a browser).</summary>
public sealed class PlatformApiOptions
{
    public const string Section = "Console:Platform";

    /// <summary>The gateway's address, e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "";

    /// <summary>An API key the gateway accepts on <c>/api/**</c>; from the environment only.</summary>
    [Required, MinLength(8)]
    public string ApiKey { get; set; } = "";
}

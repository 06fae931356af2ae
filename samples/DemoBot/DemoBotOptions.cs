namespace Platform.DemoBot;

/// <summary>Section <c>DemoBot</c>: the HMAC secret routing signs with (from the environment) and the replay window.</summary>
public sealed class DemoBotOptions
{
    public const string Section = "DemoBot";

    public string Secret { get; set; } = "";

    public int ToleranceSeconds { get; set; } = 300;
}

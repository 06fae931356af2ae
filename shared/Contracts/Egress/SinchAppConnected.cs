namespace Platform.Contracts;

/// <summary>An admin connected a Sinch app (or updated its connection): egress verified it and registered the webhook.</summary>
public sealed record SinchAppConnected
{
    /// <summary>Sinch app id.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>Sinch project id.</summary>
    public required string SinchProjectId { get; init; }

    /// <summary>Sinch region: <c>us</c>, <c>eu</c> or <c>br</c>.</summary>
    public required string Region { get; init; }

    /// <summary>The channels configured in the app (e.g. <c>WHATSAPP</c>, <c>SMS</c>).</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary><c>CONVERSATION</c> or <c>DISPATCH</c>, as the app is configured, when known.</summary>
    public string? ProcessingMode { get; init; }

    /// <summary>When the connection was made (UTC).</summary>
    public required DateTimeOffset ConnectedAt { get; init; }
}

namespace Platform.Contracts;

/// <summary>Egress could not fetch a channel profile; it does not retry further, the identity stays the name.</summary>
public sealed record ChannelProfileFetchFailed
{
    /// <summary>The request this answers.</summary>
    public required Guid RequestId { get; init; }

    /// <summary>Our contact id, copied from the request.</summary>
    public required Guid ContactId { get; init; }

    /// <summary>The Sinch app, copied from the request.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>The identity, copied from the request. Personal data: never log it.</summary>
    public required ChannelIdentity Identity { get; init; }

    /// <summary>Machine-readable reason, e.g. <c>app-not-connected</c>, <c>not-supported-by-channel</c>, <c>sinch-error</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>Sinch's or egress's description, without personal data.</summary>
    public string? Detail { get; init; }

    /// <summary>When egress gave up (UTC).</summary>
    public required DateTimeOffset FailedAt { get; init; }
}

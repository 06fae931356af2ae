namespace Platform.Contracts;

/// <summary>The answer to a capability query (trigger <c>CAPABILITY</c>).</summary>
public sealed record CapabilityReported
{
    /// <summary>Sinch app the webhook belongs to.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>Sinch project of the app, when Sinch sends it.</summary>
    public string? SinchProjectId { get; init; }

    /// <summary>Id of the capability query, when given.</summary>
    public string? RequestId { get; init; }

    /// <summary>
    /// <c>CAPABILITY_FULL</c>, <c>CAPABILITY_PARTIAL</c>, <c>NO_CAPABILITY</c>, <c>CAPABILITY_UNKNOWN</c> (open set).
    /// </summary>
    public required string CapabilityStatus { get; init; }

    /// <summary>Sinch contact id, when given.</summary>
    public string? SinchContactId { get; init; }

    /// <summary>Channel, when given.</summary>
    public string? Channel { get; init; }

    /// <summary>The contact's identity on that channel, when given. Personal data: never log it.</summary>
    public ChannelIdentity? Identity { get; init; }

    /// <summary>Capabilities the channel reported, when given.</summary>
    public IReadOnlyList<string> ChannelCapabilities { get; init; } = [];

    /// <summary>Why, when the status is not full capability.</summary>
    public SinchReason? Reason { get; init; }

    /// <summary>When Sinch accepted the answer (the callback's <c>accepted_time</c>), UTC.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}

namespace Platform.Contracts;

/// <summary>Sinch reports the result of an opt-in or opt-out (triggers <c>OPT_IN</c>, <c>OPT_OUT</c>).</summary>
public sealed record ConsentChangeReported
{
    /// <summary>Sinch app the webhook belongs to.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>Sinch project of the app, when Sinch sends it.</summary>
    public string? SinchProjectId { get; init; }

    /// <summary><c>OPT_IN</c> or <c>OPT_OUT</c>.</summary>
    public required string Change { get; init; }

    /// <summary>
    /// <c>OPT_IN_SUCCEEDED</c>, <c>OPT_IN_FAILED</c>, <c>OPT_OUT_SUCCEEDED</c>, <c>OPT_OUT_FAILED</c>, … (open set);
    /// <c>STATUS_UNSPECIFIED</c> when Sinch sent none.
    /// </summary>
    public required string Status { get; init; }

    /// <summary>Id of the request that asked for the change, when given.</summary>
    public string? RequestId { get; init; }

    /// <summary>Sinch contact id, when given.</summary>
    public string? SinchContactId { get; init; }

    /// <summary>Channel, when given.</summary>
    public string? Channel { get; init; }

    /// <summary>The contact's identity on that channel, when given. Personal data: never log it.</summary>
    public ChannelIdentity? Identity { get; init; }

    /// <summary>Sinch's description of a failure, when given.</summary>
    public string? ErrorDescription { get; init; }

    /// <summary><c>CONVERSATION</c> or <c>DISPATCH</c> (open set).</summary>
    public string? ProcessingMode { get; init; }

    /// <summary>When Sinch accepted the change (the callback's <c>accepted_time</c>), UTC.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}

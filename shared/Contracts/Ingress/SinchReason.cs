namespace Platform.Contracts;

/// <summary>Sinch's reason for a failure or a state (<c>reason</c> in callbacks).</summary>
public sealed record SinchReason
{
    /// <summary>Reason code, e.g. <c>OUTSIDE_ALLOWED_SENDING_WINDOW</c> (open set).</summary>
    public string? Code { get; init; }

    /// <summary>Sub code, e.g. <c>ATTACHMENT_REJECTED</c> (open set).</summary>
    public string? SubCode { get; init; }

    /// <summary>Human-readable description from Sinch or the channel.</summary>
    public string? Description { get; init; }
}

using Platform.Contracts;

namespace Platform.Egress.Outbound;

// Messages between egress's own endpoints. They are not contracts: no other service sends or reads them, so they live
// here and may change with egress.

/// <summary>Saga to submitter: call Sinch for this command (again, on a scheduled retry).</summary>
public sealed record SubmitOutboundMessage
{
    public required SendOutboundMessage Command { get; init; }

    /// <summary>1 for the first try; scheduled retries count up.</summary>
    public required int Attempt { get; init; }
}

/// <summary>Submitter to saga: Sinch accepted the send (answer of messages:send, or found again after a crash).</summary>
public sealed record OutboundMessageAccepted
{
    public required Guid OutboundMessageId { get; init; }

    public required string SinchMessageId { get; init; }

    public required DateTimeOffset AcceptedAt { get; init; }
}

/// <summary>Submitter to saga: the message will not be sent (a channel rule, Sinch's 4xx, retries used up).</summary>
public sealed record OutboundMessageRefused
{
    public required Guid OutboundMessageId { get; init; }

    public required string Code { get; init; }

    public required string Description { get; init; }

    public required DateTimeOffset At { get; init; }
}

/// <summary>Report matcher to saga: a delivery report of this message.</summary>
public sealed record OutboundDeliveryReported
{
    public required Guid OutboundMessageId { get; init; }

    public required DeliveryReportReceived Report { get; init; }
}

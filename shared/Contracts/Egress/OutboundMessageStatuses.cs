namespace Platform.Contracts;

/// <summary>Well-known values of <see cref="OutboundMessageStatusChanged.Status"/> (an open set), in lifecycle order.</summary>
public static class OutboundMessageStatuses
{
    /// <summary>Egress accepted the command and has not yet sent it.</summary>
    public const string Requested = "REQUESTED";

    /// <summary>Sinch accepted the send and returned its message id.</summary>
    public const string Submitted = "SUBMITTED";

    /// <summary>Sinch handed the message to the channel.</summary>
    public const string QueuedOnChannel = "QUEUED_ON_CHANNEL";

    /// <summary>The channel delivered it to the customer's device.</summary>
    public const string Delivered = "DELIVERED";

    /// <summary>The customer read it.</summary>
    public const string Read = "READ";

    /// <summary>It failed: refused by a channel rule before any call, by Sinch, or by the channel.</summary>
    public const string Failed = "FAILED";
}

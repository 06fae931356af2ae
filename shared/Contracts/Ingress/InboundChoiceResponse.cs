namespace Platform.Contracts;

/// <summary>The contact picked a choice of an earlier outbound message.</summary>
public sealed record InboundChoiceResponse
{
    /// <summary>Sinch id of the outbound message that carried the choice.</summary>
    public string? MessageId { get; init; }

    /// <summary>The choice's postback data (Sinch's default is <c>&lt;message_id&gt;_&lt;text&gt;</c>).</summary>
    public string? PostbackData { get; init; }
}

namespace Platform.Contracts;

/// <summary>
/// The contact started or stopped typing (trigger <c>EVENT_INBOUND</c> with <c>composing_event</c> or
/// <c>composing_end_event</c>).
/// </summary>
public sealed record ContactComposingChanged
{
    /// <summary>Sinch app the webhook belongs to.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>Sinch project of the app, when Sinch sends it.</summary>
    public string? SinchProjectId { get; init; }

    /// <summary>
    /// Sinch event id; empty when Sinch sent none (its documentation shows composing events without one). The bus
    /// message id, derived from the app, the contact, the event time and the event's content, identifies the event
    /// either way.
    /// </summary>
    public required string SinchEventId { get; init; }

    /// <summary>True when typing started, false when it ended.</summary>
    public required bool IsComposing { get; init; }

    /// <summary>Sinch conversation id; absent in DISPATCH mode.</summary>
    public string? SinchConversationId { get; init; }

    /// <summary>Sinch contact id; absent in DISPATCH mode.</summary>
    public string? SinchContactId { get; init; }

    /// <summary>Channel, when given.</summary>
    public string? Channel { get; init; }

    /// <summary>The contact's identity on that channel, when given. Personal data: never log it.</summary>
    public ChannelIdentity? Identity { get; init; }

    /// <summary>When it happened (the event's <c>accept_time</c>, else the callback's <c>accepted_time</c>), UTC.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}

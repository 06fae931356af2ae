namespace Platform.Ingress.Callbacks;

/// <summary>
/// A callback read into the contract event to publish, or with no event for a trigger the platform does not use.
/// </summary>
/// <param name="Trigger">Sinch's trigger name, e.g. <c>MESSAGE_INBOUND</c>; <c>UNKNOWN</c> when no known field is present.</param>
/// <param name="Event">The contract event, or null when the callback is acknowledged without publishing.</param>
/// <param name="MessageId">Deterministic bus message id (see <see cref="CallbackMessageIds"/>).</param>
/// <param name="SinchId">The Sinch id the callback is about (message, event, conversation, contact id), for logs.</param>
public sealed record ParsedCallback(string Trigger, object? Event, Guid MessageId, string? SinchId);

/// <summary>What a trigger's parser returns: the event, its bus message id and the Sinch id it is about.</summary>
internal readonly record struct ParsedEvent(object Event, Guid MessageId, string? SinchId);

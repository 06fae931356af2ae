namespace Platform.Routing.Transcripts;

/// <summary>Event ids 1200-1299 belong to Transcripts.</summary>
internal static partial class TranscriptsLog
{
    [LoggerMessage(1201, LogLevel.Debug, "Status {Status} of outbound message {OutboundMessageId} not applied (entry missing or status not newer)")]
    public static partial void StatusNotApplied(this ILogger logger, Guid outboundMessageId, string status);

    [LoggerMessage(1202, LogLevel.Debug, "Fact {Kind} about Sinch message {SinchMessageId} kept until the message arrives")]
    public static partial void FactKept(this ILogger logger, string kind, string sinchMessageId);

    [LoggerMessage(1203, LogLevel.Information, "Erased the personal data of contact {ContactId} in {Conversations} conversations")]
    public static partial void ContactErased(this ILogger logger, Guid contactId, int conversations);
}

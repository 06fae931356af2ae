namespace Platform.Contact.Resolution;

/// <summary>Event ids 1100-1199 belong to Resolution. Ids only: never identities, names or metadata values.</summary>
internal static partial class ResolutionLog
{
    [LoggerMessage(1101, LogLevel.Debug, "Message {SinchMessageId} resolved to contact {ContactId} (new: {IsNew})")]
    public static partial void ContactResolved(this ILogger logger, Guid contactId, string sinchMessageId, bool isNew);

    [LoggerMessage(1102, LogLevel.Information, "Asked egress for the channel profile of contact {ContactId} (request {RequestId})")]
    public static partial void ProfileRequested(this ILogger logger, Guid contactId, Guid requestId);

    [LoggerMessage(1103, LogLevel.Warning, "Attached data of message {SinchMessageId} for contact {ContactId}: {Reason} in {Source}; kept what was valid, the message goes on")]
    public static partial void AttachedDataRejected(this ILogger logger, string sinchMessageId, Guid contactId, string source, string reason);
}

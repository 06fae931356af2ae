namespace Platform.Contact.SinchContacts;

/// <summary>Event ids 1500-1599 belong to SinchContacts. Ids only: never names or identities.</summary>
internal static partial class SinchContactsLog
{
    [LoggerMessage(1501, LogLevel.Information, "Contact {ContactId} updated from its Sinch contact")]
    public static partial void ContactUpdatedFromSinch(this ILogger logger, Guid contactId);

    [LoggerMessage(1502, LogLevel.Information, "Contact {MergedContactId} merged into {SurvivingContactId}")]
    public static partial void ContactsMerged(this ILogger logger, Guid survivingContactId, Guid mergedContactId);

    [LoggerMessage(1503, LogLevel.Information, "Contact {ContactId} unlinked from its deleted Sinch contact")]
    public static partial void SinchContactUnlinked(this ILogger logger, Guid contactId);

    [LoggerMessage(1504, LogLevel.Debug, "Sinch contact {SinchContactId} already holds a later change; ignored")]
    public static partial void ChangeOutdated(this ILogger logger, string sinchContactId);

    [LoggerMessage(1505, LogLevel.Information, "Sinch contact change {Change} of {SinchContactId} not used")]
    public static partial void ChangeNotUsed(this ILogger logger, string change, string sinchContactId);

    [LoggerMessage(1506, LogLevel.Warning, "Sinch reports one {Channel} identity on several contacts of app {AppId}: {SinchContactIds}; merge them in Sinch")]
    public static partial void IdentitiesDuplicated(this ILogger logger, string appId, string? channel, string sinchContactIds);

    [LoggerMessage(1507, LogLevel.Warning, "Sinch contact metadata of contact {ContactId}: {Reason}; kept what was valid")]
    public static partial void SinchMetadataRejected(this ILogger logger, Guid contactId, string reason);
}

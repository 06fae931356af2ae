namespace Platform.Contact.Profiles;

/// <summary>Event ids 1400-1499 belong to Profiles. Ids only: never names or identities.</summary>
internal static partial class ProfilesLog
{
    [LoggerMessage(1401, LogLevel.Information, "Channel profile name applied to contact {ContactId} (request {RequestId})")]
    public static partial void ProfileNameApplied(this ILogger logger, Guid contactId, Guid requestId);

    [LoggerMessage(1402, LogLevel.Debug, "Channel profile of contact {ContactId} (request {RequestId}) not used: no name, or a stronger name is set")]
    public static partial void ProfileNameNotUsed(this ILogger logger, Guid contactId, Guid requestId);

    [LoggerMessage(1403, LogLevel.Information, "Channel profile of contact {ContactId} (request {RequestId}) could not be fetched: {Reason}")]
    public static partial void ProfileFetchFailed(this ILogger logger, Guid contactId, Guid requestId, string reason);

    [LoggerMessage(1404, LogLevel.Debug, "Channel profile answer {RequestId} matches no identity (erased, or not ours); ignored")]
    public static partial void ProfileAnswerUnmatched(this ILogger logger, Guid requestId);
}

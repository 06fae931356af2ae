namespace Platform.Contact.Consents;

/// <summary>Event ids 1200-1299 belong to Consents. Ids only: never identities.</summary>
internal static partial class ConsentsLog
{
    [LoggerMessage(1201, LogLevel.Information, "Consent {ConsentId} of contact {ContactId} is now {State}")]
    public static partial void ConsentRecorded(this ILogger logger, Guid consentId, Guid? contactId, string state);

    [LoggerMessage(1202, LogLevel.Information, "Consent report for app {AppId} ({Change}, {Status}) changes nothing")]
    public static partial void ConsentReportNotApplied(this ILogger logger, string appId, string change, string status);

    [LoggerMessage(1203, LogLevel.Warning, "Consent report for app {AppId} names no identity we know (Sinch contact {SinchContactId}); nothing recorded")]
    public static partial void ConsentWithoutIdentity(this ILogger logger, string appId, string? sinchContactId);

    [LoggerMessage(1204, LogLevel.Debug, "Consent {ConsentId} already holds a later change; report ignored")]
    public static partial void ConsentOutdated(this ILogger logger, Guid consentId);
}

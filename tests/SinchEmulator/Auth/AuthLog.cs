namespace Platform.SinchEmulator.Auth;

internal static partial class AuthLog // event ids 100-199
{
    [LoggerMessage(101, LogLevel.Information, "Issued an access token for key {KeyId}")]
    public static partial void TokenIssued(this ILogger logger, string keyId);

    [LoggerMessage(102, LogLevel.Warning, "Refused a token request with unknown credentials")]
    public static partial void TokenRefused(this ILogger logger);

    [LoggerMessage(103, LogLevel.Information, "Rejected an API call with an expired token")]
    public static partial void RejectedExpiredToken(this ILogger logger);

    [LoggerMessage(104, LogLevel.Warning, "Rejected an API call with an unknown token")]
    public static partial void RejectedUnknownToken(this ILogger logger);

    [LoggerMessage(105, LogLevel.Warning, "Rejected an API call without valid credentials")]
    public static partial void RejectedMissingCredentials(this ILogger logger);
}

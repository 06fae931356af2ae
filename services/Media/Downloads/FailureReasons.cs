namespace Platform.Media.Downloads;

/// <summary>The <c>Reason</c> values of <c>MediaTransferFailed</c> and the <c>reason</c> tag of the failure metric.</summary>
public static class FailureReasons
{
    public const string TooLarge = "too-large";
    public const string UnsupportedType = "unsupported-type";
    public const string Unreachable = "unreachable";
    public const string BlockedAddress = "blocked-address";
    public const string InvalidUrl = "invalid-url";

    /// <summary>The source answered a 4xx other than 408/429: asking again will not help.</summary>
    public const string SourceRefused = "source-refused";
}

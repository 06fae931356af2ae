namespace Platform.Contracts;

/// <summary>Well-known values of <see cref="ContactConsentChanged.Consent"/>.</summary>
public static class ConsentStates
{
    /// <summary>The customer agreed to receive messages.</summary>
    public const string OptIn = "OPT_IN";

    /// <summary>The customer asked not to receive messages: egress refuses sends.</summary>
    public const string OptOut = "OPT_OUT";
}

namespace Platform.Ingress;

/// <summary>Problem-details <c>type</c> values this service answers with; clients branch on these, not on titles.</summary>
public static class Problems
{
    public const string UnknownApp = "urn:platform:problem:ingress:unknown-app";
    public const string InvalidSignature = "urn:platform:problem:ingress:invalid-signature";
    public const string ReplayedNonce = "urn:platform:problem:ingress:replayed-nonce";
    public const string StaleTimestamp = "urn:platform:problem:ingress:stale-timestamp";
    public const string BodyTooLarge = "urn:platform:problem:ingress:body-too-large";
    public const string MalformedJson = "urn:platform:problem:ingress:malformed-json";
    public const string AppMismatch = "urn:platform:problem:ingress:app-mismatch";
    public const string BrokerUnavailable = "urn:platform:problem:ingress:broker-unavailable";
}

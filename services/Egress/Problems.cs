namespace Platform.Egress;

/// <summary>Problem-details <c>type</c> values this service answers with; clients branch on these, not on titles.</summary>
public static class Problems
{
    public const string InvalidSinchCredentials = "urn:platform:problem:egress:invalid-sinch-credentials";
    public const string SinchAppNotFound = "urn:platform:problem:egress:sinch-app-not-found";
    public const string WrongSinchRegion = "urn:platform:problem:egress:wrong-sinch-region";
    public const string SinchUnreachable = "urn:platform:problem:egress:sinch-unreachable";
    public const string SinchError = "urn:platform:problem:egress:sinch-error";
    public const string AppAlreadyConnected = "urn:platform:problem:egress:app-already-connected";
    public const string AppNotConnected = "urn:platform:problem:egress:app-not-connected";
    public const string MessageNotFound = "urn:platform:problem:egress:message-not-found";
    public const string MessageConflict = "urn:platform:problem:egress:message-conflict";
    public const string InvalidMessage = "urn:platform:problem:egress:invalid-message";
}

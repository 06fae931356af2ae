namespace Platform.Contact;

/// <summary>Problem-details <c>type</c> values this service answers with; clients branch on these, not on titles.</summary>
public static class Problems
{
    public const string ContactNotFound = "urn:platform:problem:contact:contact-not-found";
    public const string ContactMerged = "urn:platform:problem:contact:contact-merged";
    public const string ContactErased = "urn:platform:problem:contact:contact-erased";
}

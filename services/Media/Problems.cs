namespace Platform.Media;

/// <summary>Problem-details <c>type</c> values this service answers with; clients branch on these, not on titles.</summary>
public static class Problems
{
    public const string NotMultipart = "urn:platform:problem:media:not-multipart";
    public const string MissingFile = "urn:platform:problem:media:missing-file";
    public const string TooLarge = "urn:platform:problem:media:too-large";
    public const string UnsupportedType = "urn:platform:problem:media:unsupported-type";
    public const string InvalidField = "urn:platform:problem:media:invalid-field";
    public const string RangeNotSatisfiable = "urn:platform:problem:media:range-not-satisfiable";
}

namespace Platform.Contracts;

/// <summary>
/// Well-known values of <see cref="SinchContactChanged.Change"/>, so consumers compare
/// against names, not spelled strings. An open set: handle values not listed here.
/// </summary>
public static class ContactChanges
{
    /// <summary><c>CREATED</c>.</summary>
    public const string Created = "CREATED";
    /// <summary><c>UPDATED</c>.</summary>
    public const string Updated = "UPDATED";
    /// <summary><c>DELETED</c>.</summary>
    public const string Deleted = "DELETED";
    /// <summary><c>MERGED</c>.</summary>
    public const string Merged = "MERGED";
}

namespace Platform.Contracts;

/// <summary>Two contacts became one: identities and attached data moved to the surviving contact.</summary>
public sealed record ContactsMerged
{
    /// <summary>The contact that remains.</summary>
    public required Guid SurvivingContactId { get; init; }

    /// <summary>The contact that was merged into the surviving one and no longer exists.</summary>
    public required Guid MergedContactId { get; init; }

    /// <summary>The surviving contact's display name after the merge.</summary>
    public required string DisplayName { get; init; }

    /// <summary>When the merge was recorded (UTC).</summary>
    public required DateTimeOffset MergedAt { get; init; }
}

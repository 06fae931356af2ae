namespace Platform.Contracts;

/// <summary>
/// Sinch reports that a contact was created, updated, deleted, or merged into another (triggers
/// <c>CONTACT_CREATE</c>, <c>CONTACT_UPDATE</c>, <c>CONTACT_DELETE</c>, <c>CONTACT_MERGE</c>).
/// </summary>
public sealed record SinchContactChanged
{
    /// <summary>Sinch app the webhook belongs to (Sinch may send it empty for contact triggers).</summary>
    public required string SinchAppId { get; init; }

    /// <summary>Sinch project of the app, when Sinch sends it.</summary>
    public string? SinchProjectId { get; init; }

    /// <summary><c>CREATED</c>, <c>UPDATED</c>, <c>DELETED</c> or <c>MERGED</c> (open set).</summary>
    public required string Change { get; init; }

    /// <summary>The contact: the created, updated or deleted one, or for <c>MERGED</c> the preserved one.</summary>
    public required SinchContact Contact { get; init; }

    /// <summary>For <c>MERGED</c>: the contact that was merged into <see cref="Contact"/> and deleted.</summary>
    public SinchContact? MergedContact { get; init; }

    /// <summary>When Sinch accepted the change (the callback's <c>accepted_time</c>), UTC.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}

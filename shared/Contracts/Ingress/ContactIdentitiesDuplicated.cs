namespace Platform.Contracts;

/// <summary>Sinch found one channel identity on several contacts (trigger <c>CONTACT_IDENTITIES_DUPLICATION</c>).</summary>
public sealed record ContactIdentitiesDuplicated
{
    /// <summary>Sinch app the webhook belongs to.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>Sinch project of the app, when Sinch sends it.</summary>
    public string? SinchProjectId { get; init; }

    /// <summary>The duplicates, one entry per channel.</summary>
    public IReadOnlyList<DuplicatedIdentity> Duplicates { get; init; } = [];

    /// <summary>When Sinch accepted the event (the callback's <c>accepted_time</c>), UTC.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}

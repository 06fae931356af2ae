namespace Platform.Contracts;

/// <summary>A contact's display name or attached data changed outside a message (profile, Sinch contact, API, merge).</summary>
public sealed record ContactUpdated
{
    /// <summary>Our contact id.</summary>
    public required Guid ContactId { get; init; }

    /// <summary>The name to show now.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Where the name comes from (<see cref="DisplayNameSources"/>).</summary>
    public required string DisplayNameSource { get; init; }

    /// <summary>The contact's attached data now.</summary>
    public IReadOnlyDictionary<string, string> AttachedData { get; init; } = new Dictionary<string, string>();

    /// <summary>When the change was recorded (UTC).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}

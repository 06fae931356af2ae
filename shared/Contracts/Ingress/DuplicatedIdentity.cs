namespace Platform.Contracts;

/// <summary>Contacts that share an identity on one channel.</summary>
public sealed record DuplicatedIdentity
{
    /// <summary>Channel, when given.</summary>
    public string? Channel { get; init; }

    /// <summary>The Sinch contact ids that share it.</summary>
    public IReadOnlyList<string> SinchContactIds { get; init; } = [];
}

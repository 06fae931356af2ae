namespace Platform.Contracts;

/// <summary>A location a contact shared.</summary>
public sealed record InboundLocation
{
    /// <summary>Latitude in degrees.</summary>
    public required double Latitude { get; init; }

    /// <summary>Longitude in degrees.</summary>
    public required double Longitude { get; init; }

    /// <summary>Name of the place, when given.</summary>
    public string? Title { get; init; }

    /// <summary>Label or address of the place, when given.</summary>
    public string? Label { get; init; }
}

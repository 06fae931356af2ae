namespace Platform.Contracts;

/// <summary>Egress's answer to <see cref="FetchChannelProfile"/>: the name the channel's profile gives.</summary>
public sealed record ChannelProfileFetched
{
    /// <summary>The request this answers.</summary>
    public required Guid RequestId { get; init; }

    /// <summary>Our contact id, copied from the request.</summary>
    public required Guid ContactId { get; init; }

    /// <summary>The Sinch app, copied from the request.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>The identity, copied from the request. Personal data: never log it.</summary>
    public required ChannelIdentity Identity { get; init; }

    /// <summary>The profile's name; null when the channel has none for this identity.</summary>
    public string? ProfileName { get; init; }

    /// <summary>When egress got it (UTC).</summary>
    public required DateTimeOffset FetchedAt { get; init; }
}

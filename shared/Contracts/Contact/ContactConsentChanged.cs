namespace Platform.Contracts;

/// <summary>
/// The consent of one channel identity on one Sinch app changed. Egress keeps the latest per identity and refuses a
/// send to an identity that opted out.
/// </summary>
public sealed record ContactConsentChanged
{
    /// <summary>Our contact id, when the identity belongs to a known contact.</summary>
    public Guid? ContactId { get; init; }

    /// <summary>The Sinch app the consent applies to.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>The identity whose consent changed. Personal data: never log it.</summary>
    public required ChannelIdentity Identity { get; init; }

    /// <summary><c>OPT_IN</c> or <c>OPT_OUT</c> (<see cref="ConsentStates"/>).</summary>
    public required string Consent { get; init; }

    /// <summary>Where it came from, e.g. <c>sinch</c> (an OPT_IN/OPT_OUT callback) or <c>api</c>.</summary>
    public required string Source { get; init; }

    /// <summary>When the consent changed (UTC); a later change wins, whatever order the events arrive in.</summary>
    public required DateTimeOffset ChangedAt { get; init; }
}

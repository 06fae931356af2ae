namespace Platform.Contracts;

/// <summary>A contact's identity on one channel.</summary>
public sealed record SinchChannelIdentity
{
    /// <summary>Channel, e.g. <c>WHATSAPP</c> (open set).</summary>
    public required string Channel { get; init; }

    /// <summary>Phone number or channel-scoped id. Personal data: never log it.</summary>
    public required string Identity { get; init; }

    /// <summary>App id of an app-scoped identity; absent for phone-number channels.</summary>
    public string? AppId { get; init; }
}

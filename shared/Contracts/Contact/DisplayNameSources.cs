namespace Platform.Contracts;

/// <summary>Well-known values of <see cref="ContactResolved.DisplayNameSource"/> (an open set), weakest first.</summary>
public static class DisplayNameSources
{
    /// <summary>No name is known: the channel identity stands in.</summary>
    public const string Identity = "identity";

    /// <summary>Sinch's contact <c>display_name</c> (CONTACT_CREATE / CONTACT_UPDATE).</summary>
    public const string SinchContact = "sinch-contact";

    /// <summary>The channel's profile (WhatsApp, Messenger, Instagram, ...), fetched by egress.</summary>
    public const string ChannelProfile = "channel-profile";

    /// <summary>Set by a person through the API; never overwritten by a channel.</summary>
    public const string Api = "api";
}

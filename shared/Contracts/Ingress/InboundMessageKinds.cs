namespace Platform.Contracts;

/// <summary>
/// Well-known values of <see cref="InboundMessageReceived.Kind"/>, so consumers compare
/// against names, not spelled strings. An open set: handle values not listed here.
/// </summary>
public static class InboundMessageKinds
{
    /// <summary><c>TEXT</c>.</summary>
    public const string Text = "TEXT";
    /// <summary><c>MEDIA</c>.</summary>
    public const string Media = "MEDIA";
    /// <summary><c>LOCATION</c>.</summary>
    public const string Location = "LOCATION";
    /// <summary><c>CHOICE_RESPONSE</c>.</summary>
    public const string ChoiceResponse = "CHOICE_RESPONSE";
    /// <summary><c>MEDIA_CARD</c>.</summary>
    public const string MediaCard = "MEDIA_CARD";
    /// <summary><c>FALLBACK</c>.</summary>
    public const string Fallback = "FALLBACK";
    /// <summary><c>PRODUCT_RESPONSE</c>.</summary>
    public const string ProductResponse = "PRODUCT_RESPONSE";
    /// <summary><c>CHANNEL_SPECIFIC</c>.</summary>
    public const string ChannelSpecific = "CHANNEL_SPECIFIC";
    /// <summary><c>UNKNOWN</c>.</summary>
    public const string Unknown = "UNKNOWN";
}

namespace Platform.Contact.AttachedData;

/// <summary>Where an attached-data value came from; the precedence between them is in docs/contact.md, "Attached data".</summary>
public static class AttachedDataSources
{
    /// <summary>Sinch's contact <c>metadata</c> (CONTACT_CREATE / CONTACT_UPDATE).</summary>
    public const string SinchContact = "sinch-contact";

    /// <summary>The envelope's legacy <c>message_metadata</c> (the conversation metadata).</summary>
    public const string MessageMetadata = "message_metadata";

    /// <summary>The inbound message's own <c>metadata</c>.</summary>
    public const string Metadata = "metadata";

    /// <summary>Set by a person through the API; never overwritten by a message or by Sinch.</summary>
    public const string Api = "api";

    /// <summary>Within one instant, which source wins a tie (higher wins).</summary>
    public static int TieRank(string source) => source switch
    {
        Api => 3,
        Metadata => 2,
        MessageMetadata => 1,
        _ => 0,
    };
}

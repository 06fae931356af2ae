namespace Platform.Contracts;

/// <summary>
/// Well-known values of <see cref="ContactEventReceived.Kind"/>, so consumers compare
/// against names, not spelled strings. An open set: handle values not listed here.
/// </summary>
public static class ContactEventKinds
{
    /// <summary><c>CONVERSATION_DELETED</c>.</summary>
    public const string ConversationDeleted = "CONVERSATION_DELETED";
    /// <summary><c>COMMENT</c>.</summary>
    public const string Comment = "COMMENT";
    /// <summary><c>GENERIC</c>.</summary>
    public const string Generic = "GENERIC";
    /// <summary><c>REACTION</c>.</summary>
    public const string Reaction = "REACTION";
    /// <summary><c>PAYMENT_STATUS_UPDATE</c>.</summary>
    public const string PaymentStatusUpdate = "PAYMENT_STATUS_UPDATE";
    /// <summary><c>SHORTLINK_ACTIVATED</c>.</summary>
    public const string ShortlinkActivated = "SHORTLINK_ACTIVATED";
    /// <summary><c>UNKNOWN</c>.</summary>
    public const string Unknown = "UNKNOWN";
}

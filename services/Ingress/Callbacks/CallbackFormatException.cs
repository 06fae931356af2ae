namespace Platform.Ingress.Callbacks;

/// <summary>
/// Well-formed JSON that the platform cannot use: a field it needs is missing or of the wrong type. The message names
/// the field, never its value. The webhook still acknowledges such a callback (Sinch signed it, and a retry would
/// carry the same body) and counts it, see docs/sinch-wire-format.md, "Required fields".
/// </summary>
public sealed class CallbackFormatException : Exception
{
    public CallbackFormatException()
    {
    }

    public CallbackFormatException(string message) : base(message)
    {
    }

    public CallbackFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The trigger whose payload was unusable; <see cref="Triggers.Unknown"/> until the parser knows it.</summary>
    public string Trigger { get; private init; } = Triggers.Unknown;

    public static CallbackFormatException WrongType(string path, string expected) =>
        new($"'{path}' must be {expected}.");

    public static CallbackFormatException Missing(string path) =>
        new($"'{path}' is required.");

    internal CallbackFormatException InTrigger(string trigger) => new(Message, this) { Trigger = trigger };
}

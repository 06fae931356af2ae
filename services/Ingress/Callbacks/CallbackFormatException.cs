namespace Platform.Ingress.Callbacks;

/// <summary>
/// Well-formed JSON that is not a Sinch callback we can read: a field of the wrong type or a missing id. The message
/// names the field, never its value.
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

    public static CallbackFormatException WrongType(string path, string expected) =>
        new($"'{path}' must be {expected}.");

    public static CallbackFormatException Missing(string path) =>
        new($"'{path}' is required.");
}

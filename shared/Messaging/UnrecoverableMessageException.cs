namespace Platform.Messaging;

/// <summary>
/// Thrown by a consumer for a message that can never succeed (it fails validation, it names something that cannot
/// exist). Skips retries and redelivery: the message goes straight to the endpoint's <c>_error</c> queue with this
/// exception in its headers.
/// </summary>
public sealed class UnrecoverableMessageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnrecoverableMessageException() : base("The message can never be processed.")
    {
    }

    /// <summary>Creates the exception with the reason a person reading the error queue needs.</summary>
    public UnrecoverableMessageException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    public UnrecoverableMessageException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

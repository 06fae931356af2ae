namespace Platform.Media.Storage;

/// <summary>The content went past the size limit while it was being read; nothing was stored.</summary>
public sealed class MediaTooLargeException : Exception
{
    public MediaTooLargeException(long limit)
        : base($"The content is larger than the limit of {limit} bytes.") => Limit = limit;

    public MediaTooLargeException() : base("The content is larger than the limit.")
    {
    }

    public MediaTooLargeException(string message) : base(message)
    {
    }

    public MediaTooLargeException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public long Limit { get; }
}

/// <summary>The content's sniffed type is not on the allow-list; nothing was stored.</summary>
public sealed class UnsupportedMediaTypeException : Exception
{
    public UnsupportedMediaTypeException() : base("The content type is not allowed.")
    {
    }

    private UnsupportedMediaTypeException(string contentType, string message)
        : base(message) => ContentType = contentType;

    public UnsupportedMediaTypeException(string message) : base(message)
    {
    }

    public UnsupportedMediaTypeException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public string ContentType { get; } = "";

    /// <summary>The type sniffed from the content.</summary>
    public static UnsupportedMediaTypeException For(string contentType) =>
        new(contentType, $"Content of type {contentType} is not allowed.");
}

namespace Platform.Media.Downloads;

/// <summary>The SSRF guard refused to connect: the host resolved to a forbidden address, or the URL is not HTTP(S).</summary>
public sealed class BlockedAddressException : Exception
{
    public BlockedAddressException()
    {
    }

    public BlockedAddressException(string message) : base(message)
    {
    }

    public BlockedAddressException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

namespace Platform.Egress.Apps;

/// <summary>An expected failure of a connection operation, carrying the problem details the API answers with.</summary>
public sealed class AppConnectionProblemException : Exception
{
    public AppConnectionProblemException()
    {
    }

    public AppConnectionProblemException(string message)
        : base(message)
    {
    }

    public AppConnectionProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AppConnectionProblemException(int status, string type, string title, string detail)
        : base(detail)
    {
        Status = status;
        Type = type;
        Title = title;
    }

    public int Status { get; }

    public string Type { get; } = "";

    public string Title { get; } = "";
}

namespace Platform.Ingress.Callbacks;

/// <summary>The fields every callback carries around its trigger field (docs/sinch-wire-format.md, "Envelope").</summary>
internal sealed record Envelope(
    string AppId,
    string? ProjectId,
    DateTimeOffset AcceptedAt,
    string? AcceptedTimeText,
    DateTimeOffset? EventTime,
    string? EventTimeText,
    string? MessageMetadata,
    string? CorrelationId)
{
    public static Envelope Read(JsonView root, string routeAppId, DateTimeOffset now)
    {
        var appId = root.String("app_id");
        if (appId is not null && !string.Equals(appId, routeAppId, StringComparison.OrdinalIgnoreCase))
        {
            throw new CallbackAppMismatchException();
        }

        var acceptedText = root.String("accepted_time");
        var eventTimeText = root.String("event_time");
        return new Envelope(
            appId ?? routeAppId,
            root.String("project_id"),
            SinchTimestamps.Parse(acceptedText) ?? now,
            acceptedText,
            SinchTimestamps.Parse(eventTimeText),
            eventTimeText,
            root.Raw("message_metadata"),
            root.String("correlation_id"));
    }

    public Guid MessageId(string trigger, params ReadOnlySpan<string?> parts) => CallbackMessageIds.For(AppId, trigger, parts);
}

/// <summary>The body names another app than the URL, whose secret verified it.</summary>
public sealed class CallbackAppMismatchException : Exception
{
    public CallbackAppMismatchException() : base("The callback's app_id is not the app of this webhook URL.")
    {
    }

    public CallbackAppMismatchException(string message) : base(message)
    {
    }

    public CallbackAppMismatchException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

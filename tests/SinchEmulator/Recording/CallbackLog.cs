namespace Platform.SinchEmulator.Recording;

/// <summary>One POST of one callback to one target.</summary>
internal sealed record CallbackAttempt(
    long Sequence,
    string CallbackId,
    string WebhookId,
    string Target,
    string Trigger,
    int Copy,
    int Attempt,
    DateTimeOffset SentAt,
    int? StatusCode,
    string? Error,
    string Outcome,
    string Body)
{
    public const string Delivered = "DELIVERED";
    public const string RetryScheduled = "RETRY_SCHEDULED";
    public const string GaveUp = "FAILED";
}

internal sealed class CallbackLog : RecordBuffer<CallbackAttempt>;

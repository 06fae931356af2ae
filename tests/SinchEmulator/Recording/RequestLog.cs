namespace Platform.SinchEmulator.Recording;

/// <summary>
/// A request the emulator received (INCOMING) or made itself besides callbacks (OUTGOING: media fetches).
/// Authorization is reduced to its scheme: tokens and secrets are never recorded.
/// </summary>
internal sealed record RecordedRequest(
    long Sequence,
    string Direction,
    DateTimeOffset At,
    string Method,
    string Path,
    string Query,
    string? AuthScheme,
    string? Body,
    int? StatusCode,
    string? Error)
{
    public const string Incoming = "INCOMING";
    public const string Outgoing = "OUTGOING";
}

internal sealed class RequestLog : RecordBuffer<RecordedRequest>;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.SinchEmulator.Messages;

namespace Platform.SinchEmulator.Recording;

internal sealed record RecordedMessage(string AppId, string? CorrelationId, ConversationMessage Message);

/// <summary>Control API (not Sinch): what the emulator received, posted and stored, oldest first.</summary>
internal static class RecordingApi
{
    public static void MapRecordingApi(this RouteGroupBuilder control)
    {
        control.MapGet("/requests", ListRequests).WithName("ListRecordedRequests").WithTags("Emulator recording");
        control.MapGet("/callbacks", ListCallbacks).WithName("ListCallbackAttempts").WithTags("Emulator recording");
        control.MapGet("/messages", ListMessages).WithName("ListAllMessages").WithTags("Emulator recording");
        control.MapDelete("/recordings", ClearRecordings).WithName("ClearRecordings").WithTags("Emulator recording");
    }

    private static Ok<IReadOnlyList<RecordedRequest>> ListRequests(
        RequestLog log,
        string? method,
        string? direction,
        [FromQuery(Name = "path_contains")] string? pathContains,
        [FromQuery(Name = "after_sequence")] long? afterSequence) =>
        TypedResults.Ok<IReadOnlyList<RecordedRequest>>([.. log.Snapshot().Where(r =>
            (method is null || string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)) &&
            (direction is null || string.Equals(r.Direction, direction, StringComparison.OrdinalIgnoreCase)) &&
            (pathContains is null || r.Path.Contains(pathContains, StringComparison.Ordinal)) &&
            r.Sequence > (afterSequence ?? 0))]);

    private static Ok<IReadOnlyList<CallbackAttempt>> ListCallbacks(
        CallbackLog log,
        string? trigger,
        string? outcome,
        [FromQuery(Name = "webhook_id")] string? webhookId,
        [FromQuery(Name = "after_sequence")] long? afterSequence) =>
        TypedResults.Ok<IReadOnlyList<CallbackAttempt>>([.. log.Snapshot().Where(a =>
            (trigger is null || a.Trigger == trigger) &&
            (outcome is null || a.Outcome == outcome) &&
            (webhookId is null || a.WebhookId == webhookId) &&
            a.Sequence > (afterSequence ?? 0))]);

    private static Ok<IReadOnlyList<RecordedMessage>> ListMessages(MessageStore messages, string? direction, [FromQuery(Name = "app_id")] string? appId) =>
        TypedResults.Ok<IReadOnlyList<RecordedMessage>>([.. messages
            .Query(m => (direction is null || m.Message.Direction == direction) && (appId is null || m.AppId == appId))
            .Reverse()
            .Select(m => new RecordedMessage(m.AppId, m.CorrelationId, m.Message))]);

    private static NoContent ClearRecordings(RequestLog requests, CallbackLog callbacks)
    {
        requests.Clear();
        callbacks.Clear();
        return TypedResults.NoContent();
    }
}

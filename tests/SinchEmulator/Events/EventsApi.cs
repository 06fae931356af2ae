using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.SinchEmulator.Apps;
using Platform.SinchEmulator.Messages;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Events;

internal sealed record SendEventRequest(string? AppId, Recipient? Recipient, JsonObject? Event);

internal sealed record SendEventResponse(string EventId, DateTimeOffset AcceptedTime);

/// <summary>events:send is accepted and recorded only; EVENT_DELIVERY reports are not emulated.</summary>
internal static class EventsApi
{
    private static readonly string[] Kinds =
    [
        "composing_event", "composing_end_event", "comment_reply_event", "agent_joined_event", "agent_left_event", "generic_event",
    ];

    public static void MapEventsApi(this RouteGroupBuilder sinch) =>
        sinch.MapPost("/events:send", SendEvent).WithName("SendEvent").WithTags("Sinch events");

    private static async Task<Results<Ok<SendEventResponse>, JsonHttpResult<SinchErrorBody>>> SendEvent(
        HttpRequest request, AppStore apps, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, error) = await SinchRequestBody.ReadAsync<SendEventRequest>(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        var violations = new List<FieldViolation>();
        if (string.IsNullOrEmpty(body!.AppId))
        {
            violations.Add(new("app_id", "Field is mandatory"));
        }
        if (body.Recipient is null || string.IsNullOrEmpty(body.Recipient.ContactId) == (body.Recipient.IdentifiedBy is null))
        {
            violations.Add(new("recipient", "Exactly one of contact_id or identified_by is required"));
        }
        if (body.Event is null || Kinds.Count(body.Event.ContainsKey) != 1)
        {
            violations.Add(new("event", $"Exactly one of {string.Join(", ", Kinds)} is required"));
        }
        if (violations.Count > 0)
        {
            return SinchErrors.InvalidArgument(violations);
        }
        return apps.Find(body.AppId) is null
            ? SinchErrors.NotFound($"App {body.AppId} not found")
            : TypedResults.Ok(new SendEventResponse(SinchIds.New(), time.GetUtcNow()));
    }
}

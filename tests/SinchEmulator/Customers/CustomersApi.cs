using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.SinchEmulator.Media;
using Platform.SinchEmulator.Messages;

namespace Platform.SinchEmulator.Customers;

/// <summary>Control API (not Sinch): act as a customer; each call becomes the callbacks Sinch would post.</summary>
internal static class CustomersApi
{
    public static void MapCustomersApi(this RouteGroupBuilder control)
    {
        var customers = control.MapGroup("/customers").WithTags("Emulator customers");
        customers.MapPost("/text", SendText).WithName("CustomerSendsText");
        customers.MapPost("/media", SendMedia).WithName("CustomerSendsMedia");
        customers.MapPost("/location", SendLocation).WithName("CustomerSendsLocation");
        customers.MapPost("/choice", PickChoice).WithName("CustomerPicksChoice");
        customers.MapPost("/opt-in", OptIn).WithName("CustomerOptsIn");
        customers.MapPost("/opt-out", OptOut).WithName("CustomerOptsOut");
        customers.MapPost("/typing", Type).WithName("CustomerTypes");
    }

    private static Results<Ok<CustomerActionResponse>, ProblemHttpResult> SendText(CustomerTextRequest request, CustomerSimulator simulator) =>
        string.IsNullOrEmpty(request.Text)
            ? BadRequest("text is required")
            : Act(request, simulator, origin => simulator.SendMessage(origin,
                new JsonObject { ["text_message"] = new JsonObject { ["text"] = request.Text } }, request.ReplyToMessageId));

    private static Results<Ok<CustomerActionResponse>, ProblemHttpResult> SendMedia(
        CustomerMediaRequest request, CustomerSimulator simulator, HostedMedia media, HttpRequest http)
    {
        string url;
        if (request.Url is not null)
        {
            url = request.Url;
        }
        else
        {
            byte[]? content;
            try
            {
                content = request.ContentBase64 is null ? null : Convert.FromBase64String(request.ContentBase64);
            }
            catch (FormatException)
            {
                return BadRequest("content_base64 is not valid Base64");
            }
            url = media.UrlOf(media.Host(content, request.ContentType, request.FileName, request.ExpiresInSeconds), http);
        }
        var mediaMessage = new JsonObject { ["media_message"] = new JsonObject { ["url"] = url } };
        return Act(request, simulator, origin =>
            simulator.SendMessage(origin, mediaMessage, request.ReplyToMessageId) with { MediaUrl = url });
    }

    private static Results<Ok<CustomerActionResponse>, ProblemHttpResult> SendLocation(CustomerLocationRequest request, CustomerSimulator simulator)
    {
        var location = new JsonObject
        {
            ["coordinates"] = new JsonObject { ["latitude"] = request.Latitude, ["longitude"] = request.Longitude },
            ["title"] = request.Title,
        };
        if (request.Label is not null)
        {
            location["label"] = request.Label;
        }
        return Act(request, simulator, origin =>
            simulator.SendMessage(origin, new JsonObject { ["location_message"] = location }, request.ReplyToMessageId));
    }

    private static Results<Ok<CustomerActionResponse>, ProblemHttpResult> PickChoice(
        CustomerChoiceRequest request, CustomerSimulator simulator, MessageStore messages)
    {
        if (messages.Find(request.MessageId) is not { } chosenFrom || chosenFrom.Message.Direction != ConversationMessage.ToContact)
        {
            return TypedResults.Problem($"Outbound message {request.MessageId} not found", statusCode: StatusCodes.Status404NotFound);
        }
        var postback = request.PostbackData ?? (request.ChoiceIndex is { } index ? ChoicePicker.Postback(chosenFrom.Message, index) : null);
        if (postback is null)
        {
            return BadRequest("postback_data, or a choice_index of a choice the message carries, is required");
        }
        var response = new JsonObject
        {
            ["choice_response_message"] = new JsonObject { ["message_id"] = request.MessageId, ["postback_data"] = postback },
        };
        // A choice response carries the message_metadata of the send that offered the choices (docs/sinch-wire-format.md §12.3).
        return Act(request, simulator, origin =>
            simulator.SendMessage(origin, response, request.ReplyToMessageId, chosenFrom.Message.Metadata));
    }

    private static Results<Ok<CustomerActionResponse>, ProblemHttpResult> OptIn(CustomerConsentRequest request, CustomerSimulator simulator) =>
        Act(request, simulator, origin => simulator.Consent(origin, optIn: true));

    private static Results<Ok<CustomerActionResponse>, ProblemHttpResult> OptOut(CustomerConsentRequest request, CustomerSimulator simulator) =>
        Act(request, simulator, origin => simulator.Consent(origin, optIn: false));

    private static Results<Ok<CustomerActionResponse>, ProblemHttpResult> Type(CustomerTypingRequest request, CustomerSimulator simulator) =>
        Act(request, simulator, origin => simulator.Typing(origin, request.Stopped));

    private static Results<Ok<CustomerActionResponse>, ProblemHttpResult> Act(
        CustomerRequest request, CustomerSimulator simulator, Func<CustomerOrigin, CustomerActionResponse> action) =>
        simulator.Resolve(request, out var problem) is { } origin
            ? TypedResults.Ok(action(origin))
            : BadRequest(problem!);

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest);
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.SinchEmulator.Apps;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Messages;

internal static class MessagesApi
{
    public static void MapMessagesApi(this RouteGroupBuilder sinch)
    {
        sinch.MapPost("/messages:send", SendMessage).WithName("SendMessage").WithTags("Sinch messages");
        sinch.MapGet("/messages", ListMessages).WithName("ListMessages").WithTags("Sinch messages");
        sinch.MapGet("/messages/{messageId}", GetMessage).WithName("GetMessage").WithTags("Sinch messages");
    }

    private static async Task<Results<Ok<SendMessageResponse>, JsonHttpResult<SinchErrorBody>>> SendMessage(
        HttpRequest request,
        AppStore apps,
        OutboundSender sender,
        SendRateLimiter rateLimiter,
        ILogger<OutboundSender> logger,
        CancellationToken cancellationToken)
    {
        var result = await TrySendAsync(request, apps, sender, rateLimiter, logger, cancellationToken);
        if (result.Result is JsonHttpResult<SinchErrorBody> rejected)
        {
            logger.SendRejected(rejected.StatusCode ?? 0);
        }
        return result;
    }

    private static async Task<Results<Ok<SendMessageResponse>, JsonHttpResult<SinchErrorBody>>> TrySendAsync(
        HttpRequest request,
        AppStore apps,
        OutboundSender sender,
        SendRateLimiter rateLimiter,
        ILogger<OutboundSender> logger,
        CancellationToken cancellationToken)
    {
        if (!rateLimiter.TryAcquire())
        {
            return SinchErrors.ResourceExhausted("Rate limit exceeded");
        }
        var (body, error) = await SinchRequestBody.ReadAsync<SendMessageRequest>(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        var violations = SendValidator.Validate(body!);
        if (violations.Count > 0)
        {
            return SinchErrors.InvalidArgument(violations);
        }
        if (apps.Find(body!.AppId) is not { } app)
        {
            return SinchErrors.NotFound($"App {body.AppId} not found");
        }
        violations = SendValidator.ValidateAgainst(body, app);
        if (violations.Count > 0)
        {
            return SinchErrors.InvalidArgument(violations);
        }

        var accepted = sender.Accept(body, app);
        logger.MessageAccepted(accepted.MessageId, app.Id);
        return TypedResults.Ok(accepted);
    }

    private static Results<Ok<ConversationMessage>, JsonHttpResult<SinchErrorBody>> GetMessage(string messageId, MessageStore messages) =>
        messages.Find(messageId) is { } stored
            ? TypedResults.Ok(stored.Message)
            : SinchErrors.NotFound($"Message {messageId} not found");

    private static Ok<MessageList> ListMessages(
        MessageStore messages,
        [FromQuery(Name = "app_id")] string? appId,
        [FromQuery(Name = "conversation_id")] string? conversationId,
        [FromQuery(Name = "contact_id")] string? contactId,
        string? direction,
        [FromQuery(Name = "page_size")] int? pageSize,
        [FromQuery(Name = "page_token")] string? pageToken,
        [FromQuery(Name = "start_time")] DateTimeOffset? startTime,
        [FromQuery(Name = "end_time")] DateTimeOffset? endTime)
    {
        var matches = messages.Query(m =>
            (appId is null || m.AppId == appId) &&
            (startTime is null || m.Message.AcceptTime >= startTime) &&
            (endTime is null || m.Message.AcceptTime < endTime) &&
            (conversationId is null || m.Message.ConversationId == conversationId) &&
            (contactId is null || m.Message.ContactId == contactId) &&
            (direction is null || m.Message.Direction == direction));
        var (page, next) = Paging.Take(matches, pageSize, pageToken, defaultSize: 10, maxSize: 1000);
        return TypedResults.Ok(new MessageList([.. page.Select(m => m.Message)], next));
    }
}

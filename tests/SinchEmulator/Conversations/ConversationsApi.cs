using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.SinchEmulator.Callbacks;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Conversations;

internal static class ConversationsApi
{
    public static void MapConversationsApi(this RouteGroupBuilder sinch)
    {
        sinch.MapGet("/conversations", ListConversations).WithName("ListConversations").WithTags("Sinch conversations");
        sinch.MapGet("/conversations/{conversationId}", GetConversation).WithName("GetConversation").WithTags("Sinch conversations");
        sinch.MapPost("/conversations/{conversationId}:stop", StopConversation).WithName("StopConversation").WithTags("Sinch conversations");
    }

    private static Results<Ok<ConversationList>, JsonHttpResult<SinchErrorBody>> ListConversations(
        ConversationStore conversations,
        [FromQuery(Name = "app_id")] string? appId,
        [FromQuery(Name = "contact_id")] string? contactId,
        [FromQuery(Name = "only_active")] bool? onlyActive,
        [FromQuery(Name = "page_size")] int? pageSize,
        [FromQuery(Name = "page_token")] string? pageToken)
    {
        if (appId is null && contactId is null)
        {
            return SinchErrors.InvalidArgument("app_id", "app_id or contact_id is required");
        }
        var matches = conversations.Query(appId, contactId, onlyActive ?? false);
        var (page, next) = Paging.Take(matches, pageSize, pageToken, defaultSize: 10, maxSize: 20);
        return TypedResults.Ok(new ConversationList(page, next, matches.Count));
    }

    private static Results<Ok<Conversation>, JsonHttpResult<SinchErrorBody>> GetConversation(
        string conversationId, ConversationStore conversations) =>
        conversations.Find(conversationId) is { } conversation
            ? TypedResults.Ok(conversation)
            : SinchErrors.NotFound($"Conversation {conversationId} not found");

    private static Results<Ok<EmptyResponse>, JsonHttpResult<SinchErrorBody>> StopConversation(
        string conversationId, ConversationStore conversations, CallbackDispatcher callbacks, Envelopes envelopes)
    {
        if (conversations.Find(conversationId) is null)
        {
            return SinchErrors.NotFound($"Conversation {conversationId} not found");
        }
        // Stopping an already stopped conversation is accepted quietly: Sinch's answer is undocumented.
        if (conversations.Stop(conversationId) is { } stopped)
        {
            callbacks.Publish(Triggers.ConversationStop,
                envelopes.For(stopped.AppId) with { ConversationStopNotification = new(stopped) });
        }
        return TypedResults.Ok(new EmptyResponse());
    }
}

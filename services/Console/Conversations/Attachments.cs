using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Platform.Console.Platform;

namespace Platform.Console.Conversations;

/// <summary>
/// Media in a conversation: a customer's media is read through media's internal API only when it belongs to a
/// conversation the agent may see; an agent's upload is streamed to media's upload endpoint (never buffered here).
/// </summary>
public static class Attachments
{
    public static async Task<IResult> DownloadAsync(
        Guid id, Guid mediaId, ClaimsPrincipal user, AgentContext agents, PlatformApi platform, HttpContext context, CancellationToken cancellationToken)
    {
        if (await agents.VisibleAsync(user, id, cancellationToken) is null)
        {
            return ConversationsApi.NotVisible();
        }

        var transcript = await platform.GetJsonAsync($"api/routing/conversations/{id}/transcript?pageSize=500", cancellationToken);
        var inConversation = transcript is { } t && t.GetProperty("items").EnumerateArray().Any(e =>
            e.TryGetProperty("mediaId", out var m) && m.ValueKind == JsonValueKind.String && m.GetGuid() == mediaId);
        if (!inConversation)
        {
            return ConversationsApi.NotVisible();
        }

        var response = await platform.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/media/{mediaId}"), cancellationToken);
        context.Response.RegisterForDispose(response);
        if (!response.IsSuccessStatusCode)
        {
            return await PlatformApi.PassOnAsync(response, cancellationToken);
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var disposition = response.Content.Headers.ContentDisposition;
        var inline = disposition?.DispositionType == "inline";
        return Results.Stream(body, response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream",
            fileDownloadName: inline ? null : disposition?.FileNameStar ?? disposition?.FileName?.Trim('"') ?? mediaId.ToString("N"));
    }

    public static async Task<IResult> UploadAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, AgentContext agents, IHttpClientFactory clients, CancellationToken cancellationToken)
    {
        if (await agents.VisibleAsync(user, id, cancellationToken) is null)
        {
            return ConversationsApi.NotVisible();
        }

        // The body goes on as it came (multipart with a "file" part), so media reads it as a stream and checks it itself.
        var http = clients.CreateClient(PlatformSetup.StreamingClient);
        using var upstream = new HttpRequestMessage(HttpMethod.Post, $"api/media/uploads?conversationId={id}")
        {
            Content = new StreamContent(request.Body),
        };
        if (request.ContentType is { } contentType)
        {
            upstream.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (request.ContentLength is { } length)
        {
            upstream.Content.Headers.ContentLength = length;
        }

        try
        {
            using var response = await http.SendAsync(upstream, cancellationToken);
            return await PlatformApi.PassOnAsync(response, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new PlatformUnavailableException("The upload did not reach media.", exception);
        }
    }
}

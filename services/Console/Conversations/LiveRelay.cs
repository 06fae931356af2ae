using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Platform.Console.Platform;
using Platform.Console.Sessions;

namespace Platform.Console.Conversations;

/// <summary>
/// Live updates: the page opens an <c>EventSource</c> on the console, which opens routing's stream of the session's
/// agent (<c>/api/routing/agents/{id}/events</c>, with the API key) and copies it through byte for byte. The events
/// carry ids only; the page then asks the console for what changed, so every read is checked against the agent's scope.
/// </summary>
public static class LiveRelay
{
    public static async Task RelayAsync(HttpContext context, ClaimsPrincipal user, IHttpClientFactory clients, ILogger<PlatformApi> logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        var agentId = ConsoleClaims.AgentIdOf(user);
        var cancellationToken = context.RequestAborted;
        var http = clients.CreateClient(PlatformSetup.StreamingClient);
        HttpResponseMessage upstream;
        try
        {
            upstream = await http.GetAsync($"api/routing/agents/{agentId}/events", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new PlatformUnavailableException("Routing's live stream did not answer.", exception);
        }

        using (upstream)
        {
            if (!upstream.IsSuccessStatusCode)
            {
                throw new PlatformUnavailableException($"Routing's live stream answered {(int)upstream.StatusCode}.");
            }

            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.Body.FlushAsync(cancellationToken);
            try
            {
                await using var stream = await upstream.Content.ReadAsStreamAsync(cancellationToken);
                var buffer = new byte[4096];
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    await context.Response.Body.FlushAsync(cancellationToken);
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or HttpRequestException)
            {
                // The page went away, or routing did: the browser's EventSource reconnects by itself.
            }

            logger.LiveRelayEnded(agentId);
        }
    }
}

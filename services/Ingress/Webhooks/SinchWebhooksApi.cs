using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Ingress.Webhooks;

/// <summary>The Sinch webhook endpoint; the gateway forwards <c>/webhooks/sinch/**</c> unchanged.</summary>
public static class SinchWebhooksApi
{
    public const string Route = "/webhooks/sinch/{appId}";

    public static IEndpointRouteBuilder MapSinchWebhooks(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var secrets = app.ServiceProvider.GetRequiredService<WebhookSecrets>();
        var logger = app.ServiceProvider.GetRequiredService<ILogger<SinchCallbackHandler>>();
        if (secrets.Count == 0)
        {
            logger.NoAppConfigured();
        }
        else
        {
            logger.AppsConfigured(secrets.Count, string.Join(",", secrets.AppIds));
        }

        app.MapPost(Route, ReceiveCallbackAsync)
            .WithName("ReceiveSinchCallback")
            .WithSummary("Receives one signed Sinch Conversation API callback and publishes it to the bus.")
            .WithTags("Webhooks")
            .Accepts<object>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    // The body is read raw by the handler, never bound: the signature covers the exact bytes received.
    private static Task<Results<Ok, ProblemHttpResult>> ReceiveCallbackAsync(string appId, HttpContext http, SinchCallbackHandler handler) =>
        handler.HandleAsync(appId, http);
}

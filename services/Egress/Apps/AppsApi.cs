using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Egress.Persistence;

namespace Platform.Egress.Apps;

/// <summary>Sinch app connections: <c>/api/egress/apps</c> (docs/egress.md, "App connections").</summary>
public static class AppsApi
{
    public static IEndpointRouteBuilder MapAppsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var apps = app.MapGroup("/api/egress/apps").WithTags("Sinch apps");
        apps.MapPost("/", ConnectAsync).WithName("ConnectSinchApp")
            .WithSummary("Verifies the credentials, lists the app's channels, registers the platform's webhook and stores the connection.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        apps.MapGet("/", ListAsync).WithName("ListSinchApps").WithSummary("Connected apps, without secrets.");
        apps.MapGet("/{appId}", GetAsync).WithName("GetSinchApp").WithSummary("One connected app, without secrets.");
        apps.MapPut("/{appId}/credentials", UpdateCredentialsAsync).WithName("UpdateSinchAppCredentials")
            .WithSummary("Verifies and stores new client credentials (and optionally a new region).")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status502BadGateway);
        apps.MapPost("/{appId}/webhook-secret:rotate", RotateAsync).WithName("RotateSinchWebhookSecret")
            .WithSummary("Gives the platform's webhook a new signing secret; ingress takes it into use within seconds.")
            .ProducesProblem(StatusCodes.Status502BadGateway);
        apps.MapDelete("/{appId}", DisconnectAsync).WithName("DisconnectSinchApp")
            .WithSummary("Deletes the platform's webhook at Sinch, then forgets the app; ingress refuses its callbacks.")
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return app;
    }

    private static Task<Results<Created<AppConnectionResponse>, ProblemHttpResult>> ConnectAsync(
        ConnectAppRequest request, AppConnector connector, CancellationToken cancellationToken) =>
        Answer(async () =>
        {
            var connection = await connector.ConnectAsync(request, cancellationToken);
            return TypedResults.Created($"/api/egress/apps/{connection.AppId}", AppConnectionResponse.From(connection));
        });

    private static async Task<Ok<AppConnectionList>> ListAsync(EgressDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Set<SinchAppConnection>().AsNoTracking().Where(a => a.DisconnectedAt == null)
            .OrderBy(a => a.AppId).ToListAsync(cancellationToken);
        return TypedResults.Ok(new AppConnectionList([.. rows.Select(AppConnectionResponse.From)]));
    }

    private static Task<Results<Ok<AppConnectionResponse>, ProblemHttpResult>> GetAsync(
        string appId, AppConnector connector, CancellationToken cancellationToken) =>
        Answer(async () => TypedResults.Ok(AppConnectionResponse.From(await connector.FindConnectedAsync(appId, cancellationToken))));

    private static Task<Results<Ok<AppConnectionResponse>, ProblemHttpResult>> UpdateCredentialsAsync(
        string appId, UpdateCredentialsRequest request, AppConnector connector, CancellationToken cancellationToken) =>
        Answer(async () => TypedResults.Ok(AppConnectionResponse.From(await connector.UpdateCredentialsAsync(appId, request, cancellationToken))));

    private static Task<Results<Ok<AppConnectionResponse>, ProblemHttpResult>> RotateAsync(
        string appId, AppConnector connector, CancellationToken cancellationToken) =>
        Answer(async () => TypedResults.Ok(AppConnectionResponse.From(await connector.RotateWebhookSecretAsync(appId, cancellationToken))));

    private static Task<Results<NoContent, ProblemHttpResult>> DisconnectAsync(
        string appId, AppConnector connector, CancellationToken cancellationToken) =>
        Answer(async () =>
        {
            await connector.DisconnectAsync(appId, cancellationToken);
            return TypedResults.NoContent();
        });

    private static async Task<Results<T, ProblemHttpResult>> Answer<T>(Func<Task<T>> action)
        where T : IResult
    {
        try
        {
            return await action();
        }
        catch (AppConnectionProblemException problem)
        {
            return TypedResults.Problem(detail: problem.Message, statusCode: problem.Status, title: problem.Title, type: problem.Type);
        }
    }
}

using System.Net;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Egress.Persistence;
using Platform.Egress.Sinch;

namespace Platform.Egress.Apps;

/// <summary>
/// Connects, updates, rotates and disconnects Sinch apps (docs/egress.md, "App connections"). Every change is stored
/// and its events (<see cref="SinchAppConnected"/>, <see cref="SinchAppWebhookSecretChanged"/>,
/// <see cref="SinchAppDisconnected"/>) are written to the bus outbox in the same transaction.
/// </summary>
public sealed class AppConnector(
    EgressDbContext db,
    SinchClient sinch,
    SinchTokenCache tokens,
    AppSecrets secrets,
    IPublishEndpoint publish,
    IOptions<AppsOptions> options,
    TimeProvider time,
    ILogger<AppConnector> logger)
{
    public async Task<SinchAppConnection> ConnectAsync(ConnectAppRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var existing = await db.Set<SinchAppConnection>().SingleOrDefaultAsync(a => a.AppId == request.AppId, cancellationToken);
        if (existing is { Connected: true })
        {
            throw new AppConnectionProblemException(StatusCodes.Status409Conflict, Problems.AppAlreadyConnected, "App already connected",
                $"App {request.AppId} is connected; update its credentials or rotate its webhook secret instead.");
        }

        var credentials = new SinchCredentials(request.AppId, request.ProjectId, request.Region, request.ClientId, request.ClientSecret);
        var app = await VerifyAsync(credentials, cancellationToken);
        var connection = existing ?? new SinchAppConnection { AppId = request.AppId };
        var now = time.GetUtcNow();
        connection.ProjectId = request.ProjectId;
        connection.Region = request.Region;
        connection.ClientId = request.ClientId;
        connection.SealedClientSecret = secrets.SealCredential(request.ClientSecret, request.AppId);
        connection.ConnectedAt = now;
        connection.DisconnectedAt = null;
        Describe(connection, app);
        await RegisterWebhookAsync(connection, credentials, cancellationToken);
        connection.Version++;
        connection.UpdatedAt = now;
        if (existing is null)
        {
            db.Add(connection);
        }

        await PublishConnectedAsync(connection, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.AppConnected(connection.AppId, connection.Region, connection.Channels.Count);
        return connection;
    }

    public async Task<SinchAppConnection> UpdateCredentialsAsync(string appId, UpdateCredentialsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var connection = await FindConnectedAsync(appId, cancellationToken);
        var credentials = new SinchCredentials(appId, connection.ProjectId, request.Region ?? connection.Region, request.ClientId, request.ClientSecret);
        var app = await VerifyAsync(credentials, cancellationToken);
        tokens.Forget(appId);
        connection.Region = credentials.Region;
        connection.ClientId = request.ClientId;
        connection.SealedClientSecret = secrets.SealCredential(request.ClientSecret, appId);
        Describe(connection, app);
        connection.Version++;
        connection.UpdatedAt = time.GetUtcNow();
        await PublishConnectedAsync(connection, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.CredentialsUpdated(appId);
        return connection;
    }

    public async Task<SinchAppConnection> RotateWebhookSecretAsync(string appId, CancellationToken cancellationToken)
    {
        var connection = await FindConnectedAsync(appId, cancellationToken);
        var credentials = secrets.CredentialsOf(connection);
        await Guard(() => RegisterWebhookAsync(connection, credentials, cancellationToken), credentials);
        connection.Version++;
        connection.UpdatedAt = time.GetUtcNow();
        await PublishSecretAsync(connection, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.WebhookSecretRotated(appId, connection.Version);
        return connection;
    }

    public async Task DisconnectAsync(string appId, CancellationToken cancellationToken)
    {
        var connection = await FindConnectedAsync(appId, cancellationToken);
        var credentials = secrets.CredentialsOf(connection);
        await Guard(() => SinchWebhooks.DeleteAsync(sinch, credentials, connection.WebhookId, connection.WebhookTarget, cancellationToken), credentials);
        tokens.Forget(appId);
        var now = time.GetUtcNow();
        connection.DisconnectedAt = now;
        connection.SealedClientSecret = "";
        connection.SealedWebhookSecret = "";
        connection.WebhookId = null;
        connection.Version++;
        connection.UpdatedAt = now;
        await publish.Publish(new SinchAppDisconnected { SinchAppId = appId, DisconnectedAt = now, Version = connection.Version }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.AppDisconnected(appId);
    }

    public async Task<SinchAppConnection> FindConnectedAsync(string appId, CancellationToken cancellationToken) =>
        await db.Set<SinchAppConnection>().SingleOrDefaultAsync(a => a.AppId == appId && a.DisconnectedAt == null, cancellationToken)
        ?? throw new AppConnectionProblemException(StatusCodes.Status404NotFound, Problems.AppNotConnected, "App not connected",
            $"No connected Sinch app {appId}.");

    /// <summary>Token, then the app in its region; tells wrong credentials, unknown app, wrong region and no Sinch apart.</summary>
    private async Task<JsonNode> VerifyAsync(SinchCredentials credentials, CancellationToken cancellationToken)
    {
        JsonNode? app = null;
        await Guard(async () => app = await sinch.SendAsync(credentials, HttpMethod.Get, $"apps/{credentials.AppId}", null, cancellationToken), credentials,
            async notFound =>
            {
                foreach (var other in SinchOptions.KnownRegions.Where(r => r != credentials.Region))
                {
                    try
                    {
                        await sinch.SendAsync(credentials, HttpMethod.Get, $"apps/{credentials.AppId}", null, cancellationToken, region: other);
                        throw new AppConnectionProblemException(StatusCodes.Status422UnprocessableEntity, Problems.WrongSinchRegion, "Wrong Sinch region",
                            $"App {credentials.AppId} is not in region '{credentials.Region}' but in region '{other}'.");
                    }
                    catch (Exception e) when (e is SinchApiException or SinchUnreachableException)
                    {
                        // Not there either (or that region does not answer): keep looking.
                    }
                }

                throw new AppConnectionProblemException(StatusCodes.Status422UnprocessableEntity, Problems.SinchAppNotFound, "Sinch app not found",
                    $"Sinch knows no app {credentials.AppId} in project {credentials.ProjectId} in any region.");
            });
        return app ?? throw new AppConnectionProblemException(StatusCodes.Status502BadGateway, Problems.SinchError, "Sinch error", "Sinch returned no app.");
    }

    /// <summary>Turns Sinch failures into the problems the API answers with.</summary>
    private async Task Guard(Func<Task> call, SinchCredentials credentials, Func<SinchApiException, Task>? onNotFound = null)
    {
        try
        {
            await call();
        }
        catch (SinchCredentialsRejectedException)
        {
            logger.CredentialsRejected(credentials.AppId);
            throw new AppConnectionProblemException(StatusCodes.Status422UnprocessableEntity, Problems.InvalidSinchCredentials, "Invalid Sinch credentials",
                "Sinch's token endpoint refused the client id and secret.");
        }
        catch (SinchUnreachableException e)
        {
            logger.SinchUnreachable(e, credentials.AppId, credentials.Region);
            throw new AppConnectionProblemException(StatusCodes.Status502BadGateway, Problems.SinchUnreachable, "Sinch unreachable",
                $"Sinch's region '{credentials.Region}' did not answer.");
        }
        catch (SinchApiException e) when (e.StatusCode is HttpStatusCode.NotFound && onNotFound is not null)
        {
            await onNotFound(e);
        }
        catch (SinchApiException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new AppConnectionProblemException(StatusCodes.Status422UnprocessableEntity, Problems.InvalidSinchCredentials, "Invalid Sinch credentials",
                $"Sinch refused the credentials for project {credentials.ProjectId} ({(int)e.StatusCode}).");
        }
        catch (SinchApiException e)
        {
            throw new AppConnectionProblemException(StatusCodes.Status502BadGateway, Problems.SinchError, "Sinch error", e.Describe());
        }
    }

    private static void Describe(SinchAppConnection connection, JsonNode app)
    {
        connection.DisplayName = app["display_name"]?.GetValue<string>() ?? "";
        connection.ProcessingMode = app["processing_mode"]?.GetValue<string>() ?? "";
        connection.Channels = [.. (app["channel_credentials"]?.AsArray() ?? [])
            .Select(c => c?["channel"]?.GetValue<string>())
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)];
    }

    private async Task RegisterWebhookAsync(SinchAppConnection connection, SinchCredentials credentials, CancellationToken cancellationToken)
    {
        var secret = SecretBox.NewSecret();
        var target = new Uri(new Uri(options.Value.WebhookBaseUrl), $"webhooks/sinch/{connection.AppId}").ToString();
        await Guard(async () => connection.WebhookId = await SinchWebhooks.UpsertAsync(sinch, credentials, target, secret, cancellationToken), credentials);
        connection.WebhookTarget = target;
        connection.SealedWebhookSecret = secrets.SealCredential(secret, connection.AppId);
    }

    private async Task PublishConnectedAsync(SinchAppConnection connection, CancellationToken cancellationToken)
    {
        await publish.Publish(new SinchAppConnected
        {
            SinchAppId = connection.AppId,
            SinchProjectId = connection.ProjectId,
            Region = connection.Region,
            Channels = connection.Channels,
            ProcessingMode = connection.ProcessingMode,
            ConnectedAt = connection.UpdatedAt,
        }, cancellationToken);
        await PublishSecretAsync(connection, cancellationToken);
    }

    private Task PublishSecretAsync(SinchAppConnection connection, CancellationToken cancellationToken) =>
        publish.Publish(secrets.SecretChanged(connection), cancellationToken);
}

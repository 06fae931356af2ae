using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Platform.Console.Platform;
using Platform.Console.Sessions;

namespace Platform.Console.Channels;

/// <summary>
/// The admin's Channels page under <c>/console/api/apps</c>: connect a Sinch app, see its channels, rotate its webhook
/// secret, disconnect it; each call goes to egress's <c>/api/egress/apps</c>. The client secret passes through once and
/// is never returned (egress returns no secret).
/// </summary>
public static class ChannelsApi
{
    public static IEndpointRouteBuilder MapChannelsApi(this IEndpointRouteBuilder app)
    {
        var apps = app.MapGroup("/console/api/apps").WithTags("Channels").RequireAuthorization(SessionsSetup.AdminPolicy);
        apps.MapGet("/", (PlatformApi platform, CancellationToken ct) => platform.ForwardAsync(HttpMethod.Get, "api/egress/apps", null, ct))
            .WithName("ListConnectedApps").WithSummary("Connected Sinch apps with their channels.");
        apps.MapPost("/", ConnectAsync).WithName("ConnectApp").WithSummary("Connects a Sinch app; a refusal names the wrong fields.")
            .AddEndpointFilter<AntiforgeryFilter>();
        apps.MapPost("/{appId}/rotate-webhook-secret", (string appId, PlatformApi platform, CancellationToken ct) =>
                platform.ForwardAsync(HttpMethod.Post, $"api/egress/apps/{Uri.EscapeDataString(appId)}/webhook-secret:rotate", null, ct))
            .WithName("RotateAppWebhookSecret").WithSummary("Gives the app's webhook a new secret.").AddEndpointFilter<AntiforgeryFilter>();
        apps.MapDelete("/{appId}", (string appId, PlatformApi platform, CancellationToken ct) =>
                platform.ForwardAsync(HttpMethod.Delete, $"api/egress/apps/{Uri.EscapeDataString(appId)}", null, ct))
            .WithName("DisconnectApp").WithSummary("Disconnects the app.").AddEndpointFilter<AntiforgeryFilter>();
        return app;
    }

    private static async Task<IResult> ConnectAsync(ConnectAppForm form, PlatformApi platform, CancellationToken cancellationToken)
    {
        using var response = await platform.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/egress/apps")
        {
            Content = JsonContent.Create(new
            {
                projectId = form.ProjectId?.Trim() ?? "",
                appId = form.AppId?.Trim() ?? "",
                clientId = form.ClientId?.Trim() ?? "",
                clientSecret = form.ClientSecret ?? "",
                region = form.Region?.Trim() ?? "",
            }),
        }, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return await PlatformApi.PassOnAsync(response, cancellationToken);
        }

        var status = (int)response.StatusCode;
        if (status >= 500 && status != StatusCodes.Status502BadGateway)
        {
            throw new PlatformUnavailableException($"Connecting an app answered {status}.");
        }

        var problem = await ReadProblemAsync(response, cancellationToken);
        var errors = ConnectionProblems.FieldErrors(problem);
        return Results.Problem(
            type: problem.TryGetProperty("type", out var type) ? type.GetString() : null,
            title: problem.TryGetProperty("title", out var title) ? title.GetString() : "The app could not be connected.",
            detail: problem.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? detail.GetString() : null,
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
    }

    private static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
        catch (JsonException)
        {
            return JsonDocument.Parse("{}").RootElement;
        }
    }
}

/// <summary>The connect form as typed: empty fields are named here; egress judges the rest (its messages reach the right field).</summary>
public sealed record ConnectAppForm(
    [property: Required(ErrorMessage = "Enter the project ID.")] string? ProjectId,
    [property: Required(ErrorMessage = "Enter the app ID.")] string? AppId,
    [property: Required(ErrorMessage = "Enter the client ID of an access key.")] string? ClientId,
    [property: Required(ErrorMessage = "Enter the client secret of the access key.")] string? ClientSecret,
    [property: Required(ErrorMessage = "Choose the app's region.")] string? Region);

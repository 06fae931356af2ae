using System.ComponentModel.DataAnnotations;

namespace Platform.Egress.Apps;

/// <summary>Body of <c>POST /api/egress/apps</c>.</summary>
public sealed record ConnectAppRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string ProjectId,
    [property: Required, StringLength(64, MinimumLength = 1), RegularExpression("^[A-Za-z0-9_-]+$")] string AppId,
    [property: Required, StringLength(256, MinimumLength = 1)] string ClientId,
    [property: Required, StringLength(1024, MinimumLength = 1)] string ClientSecret,
    [property: Required, RegularExpression("^(us|eu|br)$", ErrorMessage = "The region must be us, eu or br.")] string Region);

/// <summary>Body of <c>PUT /api/egress/apps/{appId}/credentials</c>.</summary>
public sealed record UpdateCredentialsRequest(
    [property: Required, StringLength(256, MinimumLength = 1)] string ClientId,
    [property: Required, StringLength(1024, MinimumLength = 1)] string ClientSecret,
    [property: RegularExpression("^(us|eu|br)$", ErrorMessage = "The region must be us, eu or br.")] string? Region);

/// <summary>A connection as the API shows it: never a secret.</summary>
public sealed record AppConnectionResponse(
    string AppId,
    string ProjectId,
    string Region,
    string DisplayName,
    string ProcessingMode,
    IReadOnlyList<string> Channels,
    AppWebhookResponse Webhook,
    DateTimeOffset ConnectedAt,
    DateTimeOffset UpdatedAt)
{
    public static AppConnectionResponse From(SinchAppConnection c) => new(
        c.AppId, c.ProjectId, c.Region, c.DisplayName, c.ProcessingMode, c.Channels,
        new AppWebhookResponse(c.WebhookId, c.WebhookTarget, SinchWebhooks.Triggers), c.ConnectedAt, c.UpdatedAt);
}

/// <summary>The platform's webhook on the app.</summary>
public sealed record AppWebhookResponse(string? Id, string Target, IReadOnlyList<string> Triggers);

/// <summary>A page of connections.</summary>
public sealed record AppConnectionList(IReadOnlyList<AppConnectionResponse> Apps);

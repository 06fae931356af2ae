using Microsoft.AspNetCore.Http.HttpResults;
using Platform.SinchEmulator.Apps;
using Platform.SinchEmulator.Callbacks;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Webhooks;

/// <summary>Create and patch body; every field optional so PATCH can send a subset.</summary>
internal sealed record WebhookRequest(
    string? AppId, string? Target, string? TargetType, string? Secret, IReadOnlyList<string>? Triggers);

internal static class WebhooksApi
{
    private const int MaxTargetLength = 742;

    public static void MapWebhooksApi(this RouteGroupBuilder sinch)
    {
        sinch.MapPost("/webhooks", CreateWebhook).WithName("CreateWebhook").WithTags("Sinch webhooks");
        sinch.MapGet("/apps/{appId}/webhooks", ListWebhooks).WithName("ListWebhooks").WithTags("Sinch webhooks");
        sinch.MapGet("/webhooks/{webhookId}", GetWebhook).WithName("GetWebhook").WithTags("Sinch webhooks");
        sinch.MapPatch("/webhooks/{webhookId}", UpdateWebhook).WithName("UpdateWebhook").WithTags("Sinch webhooks");
        sinch.MapDelete("/webhooks/{webhookId}", DeleteWebhook).WithName("DeleteWebhook").WithTags("Sinch webhooks");
    }

    private static async Task<Results<Ok<Webhook>, JsonHttpResult<SinchErrorBody>>> CreateWebhook(
        HttpRequest request, AppStore apps, WebhookStore webhooks, CancellationToken cancellationToken)
    {
        var (body, error) = await SinchRequestBody.ReadAsync<WebhookRequest>(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var webhook = new Webhook(SinchIds.New(), body!.AppId ?? "", body.Target ?? "", body.TargetType ?? "HTTP",
            body.Secret ?? "", body.Triggers ?? []);
        return Store(webhook, apps, webhooks);
    }

    private static Results<Ok<WebhookList>, JsonHttpResult<SinchErrorBody>> ListWebhooks(
        string appId, AppStore apps, WebhookStore webhooks) =>
        apps.Find(appId) is null
            ? SinchErrors.NotFound($"App {appId} not found")
            : TypedResults.Ok(new WebhookList(webhooks.ForApp(appId)));

    private static Results<Ok<Webhook>, JsonHttpResult<SinchErrorBody>> GetWebhook(string webhookId, WebhookStore webhooks) =>
        webhooks.Find(webhookId) is { } webhook ? TypedResults.Ok(webhook) : SinchErrors.NotFound($"Webhook {webhookId} not found");

    private static async Task<Results<Ok<Webhook>, JsonHttpResult<SinchErrorBody>>> UpdateWebhook(
        string webhookId, HttpRequest request, AppStore apps, WebhookStore webhooks, CancellationToken cancellationToken)
    {
        if (webhooks.Find(webhookId) is not { } existing)
        {
            return SinchErrors.NotFound($"Webhook {webhookId} not found");
        }
        var (body, error) = await SinchRequestBody.ReadAsync<WebhookRequest>(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var mask = UpdateMask.Parse(request.Query["update_mask"]);
        var updated = existing with
        {
            Target = UpdateMask.Pick(mask, "target", body!.Target, existing.Target),
            TargetType = UpdateMask.Pick(mask, "target_type", body.TargetType, existing.TargetType),
            Secret = UpdateMask.Pick(mask, "secret", body.Secret, existing.Secret),
            Triggers = UpdateMask.Pick(mask, "triggers", body.Triggers, existing.Triggers),
        };
        return Store(updated, apps, webhooks);
    }

    private static Results<Ok<EmptyResponse>, JsonHttpResult<SinchErrorBody>> DeleteWebhook(string webhookId, WebhookStore webhooks) =>
        webhooks.Remove(webhookId) ? TypedResults.Ok(new EmptyResponse()) : SinchErrors.NotFound($"Webhook {webhookId} not found");

    private static Results<Ok<Webhook>, JsonHttpResult<SinchErrorBody>> Store(Webhook webhook, AppStore apps, WebhookStore webhooks)
    {
        var violations = Validate(webhook);
        if (violations.Count > 0)
        {
            return SinchErrors.InvalidArgument(violations);
        }
        if (apps.Find(webhook.AppId) is null)
        {
            return SinchErrors.NotFound($"App {webhook.AppId} not found");
        }
        return webhooks.TryAdd(webhook) switch
        {
            WebhookConflict.DuplicateTarget => SinchErrors.InvalidArgument("target", "A webhook with this target already exists for the app"),
            WebhookConflict.TooMany => SinchErrors.InvalidArgument("app_id", $"An app can have at most {WebhookStore.MaxPerApp} webhooks"),
            _ => TypedResults.Ok(webhook),
        };
    }

    internal static List<FieldViolation> Validate(Webhook webhook)
    {
        var violations = new List<FieldViolation>();
        if (webhook.AppId.Length == 0)
        {
            violations.Add(new("app_id", "Field is mandatory"));
        }
        if (!Uri.TryCreate(webhook.Target, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            violations.Add(new("target", "Must be an absolute http(s) URL"));
        }
        else if (webhook.Target.Length > MaxTargetLength)
        {
            violations.Add(new("target", $"Must be at most {MaxTargetLength} characters"));
        }
        if (webhook.TargetType is not ("HTTP" or "DISMISS"))
        {
            violations.Add(new("target_type", "Must be HTTP or DISMISS"));
        }
        if (webhook.Triggers.Count == 0)
        {
            violations.Add(new("triggers", "At least one trigger is required"));
        }
        violations.AddRange(webhook.Triggers
            .Where(t => !Triggers.Known.Contains(t))
            .Select(t => new FieldViolation("triggers", $"Unknown trigger {t}")));
        return violations;
    }
}

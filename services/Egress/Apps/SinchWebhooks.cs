using System.Text.Json.Nodes;
using Platform.Egress.Sinch;

namespace Platform.Egress.Apps;

/// <summary>
/// The platform's webhook on an app: registered with the triggers ingress handles and a fresh secret; a webhook of the
/// platform's already on the app (same target) is updated, not duplicated (Sinch refuses a duplicate target anyway).
/// </summary>
public static class SinchWebhooks
{
    /// <summary>What ingress publishes (docs/egress.md, "Webhook").</summary>
    public static readonly IReadOnlyList<string> Triggers =
    [
        "MESSAGE_INBOUND", "MESSAGE_DELIVERY", "EVENT_INBOUND", "CONVERSATION_START", "CONVERSATION_STOP",
        "CONTACT_CREATE", "CONTACT_UPDATE", "CONTACT_MERGE", "CONTACT_DELETE", "OPT_IN", "OPT_OUT",
    ];

    /// <summary>Creates or updates the platform's webhook; returns its Sinch id.</summary>
    public static async Task<string> UpsertAsync(SinchClient sinch, SinchCredentials credentials, string target, string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sinch);
        ArgumentNullException.ThrowIfNull(credentials);
        var existing = await FindAsync(sinch, credentials, target, cancellationToken);
        var triggers = new JsonArray([.. Triggers.Select(t => JsonValue.Create(t))]);
        if (existing is not null)
        {
            await sinch.SendAsync(credentials, HttpMethod.Patch, $"webhooks/{existing}?update_mask=secret,triggers,target_type",
                new JsonObject { ["secret"] = secret, ["triggers"] = triggers, ["target_type"] = "HTTP" }, cancellationToken);
            return existing;
        }

        var created = await sinch.SendAsync(credentials, HttpMethod.Post, "webhooks", new JsonObject
        {
            ["app_id"] = credentials.AppId,
            ["target"] = target,
            ["target_type"] = "HTTP",
            ["secret"] = secret,
            ["triggers"] = triggers,
        }, cancellationToken);
        return created?["id"]?.GetValue<string>() ?? throw new SinchApiException("Sinch created the webhook without an id.");
    }

    /// <summary>Deletes the platform's webhook; one already gone is fine.</summary>
    public static async Task DeleteAsync(SinchClient sinch, SinchCredentials credentials, string? webhookId, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sinch);
        var id = webhookId ?? await FindAsync(sinch, credentials, target, cancellationToken);
        if (id is null)
        {
            return;
        }

        try
        {
            await sinch.SendAsync(credentials, HttpMethod.Delete, $"webhooks/{id}", null, cancellationToken);
        }
        catch (SinchApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Someone removed it at Sinch already: the goal is reached.
        }
    }

    private static async Task<string?> FindAsync(SinchClient sinch, SinchCredentials credentials, string target, CancellationToken cancellationToken)
    {
        var list = await sinch.SendAsync(credentials, HttpMethod.Get, $"apps/{credentials.AppId}/webhooks", null, cancellationToken);
        return list?["webhooks"]?.AsArray()
            .FirstOrDefault(w => string.Equals(w?["target"]?.GetValue<string>(), target, StringComparison.Ordinal))?["id"]?.GetValue<string>();
    }
}

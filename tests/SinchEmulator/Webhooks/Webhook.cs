namespace Platform.SinchEmulator.Webhooks;

/// <summary>Also the wire shape of docs/sinch-wire-format.md §4 (client_credentials is not emulated).</summary>
internal sealed record Webhook(string Id, string AppId, string Target, string TargetType, string Secret, IReadOnlyList<string> Triggers)
{
    public bool Fires(string trigger) => TargetType != "DISMISS" && Triggers.Contains(trigger, StringComparer.Ordinal);
}

internal sealed record WebhookList(IReadOnlyList<Webhook> Webhooks);

namespace Platform.SinchEmulator.Webhooks;

internal enum WebhookConflict
{
    None,
    TooMany,
    DuplicateTarget,
}

internal sealed class WebhookStore
{
    public const int MaxPerApp = 5;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Webhook> _webhooks = new(StringComparer.Ordinal);

    public WebhookConflict TryAdd(Webhook webhook)
    {
        lock (_gate)
        {
            var sameApp = _webhooks.Values.Where(w => w.AppId == webhook.AppId && w.Id != webhook.Id).ToList();
            if (sameApp.Exists(w => w.Target == webhook.Target))
            {
                return WebhookConflict.DuplicateTarget;
            }
            if (!_webhooks.ContainsKey(webhook.Id) && sameApp.Count >= MaxPerApp)
            {
                return WebhookConflict.TooMany;
            }
            _webhooks[webhook.Id] = webhook;
            return WebhookConflict.None;
        }
    }

    public Webhook? Find(string id)
    {
        lock (_gate)
        {
            return _webhooks.GetValueOrDefault(id);
        }
    }

    public IReadOnlyList<Webhook> ForApp(string appId)
    {
        lock (_gate)
        {
            return [.. _webhooks.Values.Where(w => w.AppId == appId).OrderBy(w => w.Id, StringComparer.Ordinal)];
        }
    }

    public IReadOnlyList<Webhook> Subscribed(string appId, string trigger)
    {
        lock (_gate)
        {
            return [.. _webhooks.Values.Where(w => w.AppId == appId && w.Fires(trigger)).OrderBy(w => w.Id, StringComparer.Ordinal)];
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _webhooks.Remove(id);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _webhooks.Clear();
        }
    }
}

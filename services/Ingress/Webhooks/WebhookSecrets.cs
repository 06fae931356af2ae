using System.Collections.Frozen;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.Ingress.Webhooks;

/// <summary>The configured apps' webhook secrets as HMAC keys, looked up by the app id in the URL.</summary>
internal sealed class WebhookSecrets(IOptions<IngressOptions> options)
{
    private readonly FrozenDictionary<string, byte[]> _keys = options.Value.Apps.ToFrozenDictionary(
        a => a.Key,
        a => Encoding.UTF8.GetBytes(a.Value.WebhookSecret),
        StringComparer.OrdinalIgnoreCase);

    public int Count => _keys.Count;

    public IEnumerable<string> AppIds => _keys.Keys;

    public bool TryGetKey(string appId, out byte[] key) => _keys.TryGetValue(appId, out key!);
}

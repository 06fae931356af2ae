using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.Ingress.Webhooks;

/// <summary>
/// The apps' webhook secrets as HMAC keys, looked up by the app id in the URL: statically configured ones, and those
/// learned at run time from egress (<c>SinchApps/</c>). A learned entry wins over configuration, also when it says the
/// app was disconnected; among learned entries the higher version wins, so changes arriving in any order converge.
/// </summary>
internal sealed class WebhookSecrets(IOptions<IngressOptions> options)
{
    private readonly FrozenDictionary<string, byte[]> _configured = options.Value.Apps.ToFrozenDictionary(
        a => a.Key,
        a => Encoding.UTF8.GetBytes(a.Value.WebhookSecret),
        StringComparer.OrdinalIgnoreCase);

    private readonly ConcurrentDictionary<string, LearnedSecret> _learned = new(StringComparer.OrdinalIgnoreCase);

    public int Count => AppIds.Count();

    public IEnumerable<string> AppIds =>
        _configured.Keys.Where(k => !_learned.ContainsKey(k)).Concat(_learned.Where(l => l.Value.Key is not null).Select(l => l.Key));

    public bool TryGetKey(string appId, out byte[] key)
    {
        if (_learned.TryGetValue(appId, out var learned))
        {
            key = learned.Key!;
            return learned.Key is not null;
        }

        return _configured.TryGetValue(appId, out key!);
    }

    /// <summary>Takes a learned secret (null: disconnected) unless a newer version is known; true when it changed anything.</summary>
    public bool Learn(string appId, byte[]? key, long version)
    {
        var changed = false;
        _learned.AddOrUpdate(
            appId,
            _ =>
            {
                changed = true;
                return new LearnedSecret(key, version);
            },
            (_, current) =>
            {
                changed = version > current.Version;
                return changed ? new LearnedSecret(key, version) : current;
            });
        return changed;
    }

    /// <summary>Everything learned at run time (configuration excluded), to answer another replica's request.</summary>
    public IReadOnlyList<(string AppId, byte[]? Key, long Version)> Learned() =>
        [.. _learned.Select(l => (l.Key, l.Value.Key, l.Value.Version))];

    private sealed record LearnedSecret(byte[]? Key, long Version);
}

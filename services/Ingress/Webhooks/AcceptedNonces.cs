using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.Ingress.Webhooks;

/// <summary>
/// Nonces of callbacks this replica answered 200, per app, kept until their signature timestamp leaves the tolerance
/// window (after that the timestamp check refuses a replay anyway). A nonce is recorded only after a 200, so Sinch's
/// retry of a callback that got 503 passes. Bounded: when full, the entry that expires first is forgotten first; a
/// replay that gets past this replica (forgotten, or sent to another replica) is published again with the same
/// deterministic message id and dropped by the consumers' inbox (docs/architecture.md, "Duplicates").
/// </summary>
internal sealed class AcceptedNonces(IOptions<IngressOptions> options)
{
    private readonly int _capacity = options.Value.ReplayCacheCapacity;
    private readonly long _toleranceSeconds = options.Value.SignatureToleranceSeconds;
    private readonly Dictionary<UInt128, long> _expiries = [];
    private readonly PriorityQueue<UInt128, long> _byExpiry = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _expiries.Count;
            }
        }
    }

    /// <summary>True when the nonce of <paramref name="key"/> was accepted for its app and has not expired.</summary>
    public bool WasAccepted(UInt128 key, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _expiries.TryGetValue(key, out var expires) && expires >= now.ToUnixTimeSeconds();
        }
    }

    /// <summary>Remembers an accepted nonce (its <see cref="Key"/>) until <paramref name="signedAtSeconds"/> plus the tolerance.</summary>
    public void Record(UInt128 key, long signedAtSeconds, DateTimeOffset now)
    {
        var expires = signedAtSeconds + _toleranceSeconds;
        var nowSeconds = now.ToUnixTimeSeconds();
        lock (_lock)
        {
            while (_byExpiry.TryPeek(out var oldest, out var oldestExpiry) &&
                   (oldestExpiry < nowSeconds || _expiries.Count >= _capacity))
            {
                _byExpiry.Dequeue();
                if (_expiries.TryGetValue(oldest, out var current) && current == oldestExpiry)
                {
                    _expiries.Remove(oldest);
                }
            }

            if (_expiries.TryAdd(key, expires))
            {
                _byExpiry.Enqueue(key, expires);
            }
        }
    }

    /// <summary>
    /// The key of an app's nonce, computed once per callback for the check and the record. A fixed-size digest keeps
    /// memory per entry independent of the nonce's length (a header, so up to kilobytes); 128 bits make a collision,
    /// which would refuse a genuine callback, practically impossible.
    /// </summary>
    public static UInt128 Key(string appId, string nonce)
    {
        Span<byte> hash = stackalloc byte[32];
        var text = appId.ToUpperInvariant() + "\n" + nonce;
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BitConverter.ToUInt128(hash);
    }
}

namespace CustomerService.Channels.WeCom;

/// <summary>
/// The nonces of one app's accepted callbacks in the last <see cref="WeComCallbacks.Window"/>, with the signature each came
/// with. The same nonce with the same signature is the same request again — WeCom's own retry when our ack was late — and
/// is acknowledged (the message's event id delivers it once); the same nonce with another signature is a replay and is
/// refused. Older requests already fail the timestamp check. Bounded: at capacity the oldest is forgotten.
/// </summary>
public sealed class WeComNonces(TimeProvider time, int capacity = WeComNonces.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly Dictionary<string, (DateTimeOffset ExpiresAt, string Signature)> _expiries = new(StringComparer.Ordinal);
    private readonly Queue<(string Nonce, DateTimeOffset ExpiresAt)> _order = new();
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

    /// <summary>The nonce was accepted in the window with another signature: someone replays it with other content.</summary>
    public bool IsReplay(string nonce, string signature)
    {
        lock (_lock)
        {
            return _expiries.TryGetValue(nonce, out var seen) && seen.ExpiresAt > time.GetUtcNow()
                && !string.Equals(seen.Signature, signature, StringComparison.OrdinalIgnoreCase);
        }
    }

    public void Remember(string nonce, string signature)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            while (_order.TryPeek(out var oldest) && (oldest.ExpiresAt <= now || _order.Count >= capacity))
            {
                _order.Dequeue();
                if (_expiries.TryGetValue(oldest.Nonce, out var seen) && seen.ExpiresAt == oldest.ExpiresAt)
                {
                    _expiries.Remove(oldest.Nonce);
                }
            }

            var expires = now + WeComCallbacks.Window;
            _expiries[nonce] = (expires, signature);
            _order.Enqueue((nonce, expires));
        }
    }
}

namespace CustomerService.Channels.WeCom;

/// <summary>
/// The nonces of one app's accepted callbacks in the last <see cref="WeComCallbacks.Window"/>: a signed request replayed
/// within the window is refused (older ones already fail the timestamp check). Bounded: at capacity the oldest is forgotten.
/// </summary>
public sealed class WeComNonces(TimeProvider time, int capacity = WeComNonces.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly Dictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);
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

    public bool WasUsed(string nonce)
    {
        lock (_lock)
        {
            return _expiries.TryGetValue(nonce, out var expiresAt) && expiresAt > time.GetUtcNow();
        }
    }

    public void Remember(string nonce)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            while (_order.TryPeek(out var oldest) && (oldest.ExpiresAt <= now || _order.Count >= capacity))
            {
                _order.Dequeue();
                if (_expiries.TryGetValue(oldest.Nonce, out var expiresAt) && expiresAt == oldest.ExpiresAt)
                {
                    _expiries.Remove(oldest.Nonce);
                }
            }

            var expires = now + WeComCallbacks.Window;
            _expiries[nonce] = expires;
            _order.Enqueue((nonce, expires));
        }
    }
}

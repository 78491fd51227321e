using System.Collections.Concurrent;

namespace CustomerService.Channels.DingTalk;

/// <summary>
/// The nonces of verified event pushes, each remembered for as long as its timestamp is accepted, so that a captured
/// push cannot be replayed. In memory: one process (embedded mode); a restart forgets, within the one-hour window.
/// </summary>
public sealed class DingTalkNonceLedger(TimeProvider time)
{
    private const int SweepEvery = 1024;
    private readonly ConcurrentDictionary<(string App, string Nonce), DateTimeOffset> _seen = new();
    private int _adds;

    internal int Count => _seen.Count;

    /// <summary>True the first time an app's nonce is seen within the window; false for a replay.</summary>
    public bool TryRecord(string app, string nonce)
    {
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _adds) % SweepEvery == 0)
        {
            foreach (var (key, expires) in _seen)
            {
                if (expires <= now) _seen.TryRemove(key, out _);
            }
        }

        // A nonce seen before but expired may be used again: its old timestamp would be refused as stale anyway.
        var expiresAt = now + 2 * DingTalkRobotSignature.MaxClockSkew;
        var added = true;
        _seen.AddOrUpdate((app, nonce), expiresAt, (_, previous) =>
        {
            added = previous <= now;
            return added ? expiresAt : previous;
        });
        return added;
    }
}

namespace CustomerService.Embedded.Storage;

internal static class RetryBackoff
{
    /// <summary>Exponential backoff: initial, 2×, 4× … capped at <paramref name="max"/>.</summary>
    public static TimeSpan After(int attempts, TimeSpan initial, TimeSpan max)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = TimeSpan.FromMilliseconds(initial.TotalMilliseconds * factor);
        return delay < max ? delay : max;
    }

    /// <summary>Error text kept for operators: type and message only, bounded.</summary>
    public static string Describe(Exception error)
    {
        var text = $"{error.GetType().Name}: {error.Message}";
        return text.Length <= 500 ? text : text[..500];
    }
}

namespace CustomerService.Evals.Reports;

internal static class Percentiles
{
    /// <summary>Nearest-rank percentile (<paramref name="p"/> in (0,1]); 0 for no values.</summary>
    public static double Of(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return 0;
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

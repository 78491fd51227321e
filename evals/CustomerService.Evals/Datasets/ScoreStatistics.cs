namespace CustomerService.Evals.Datasets;

/// <summary>How well a confidence separates right from wrong (AUROC), and how honest it is (ECE).</summary>
internal static class ScoreStatistics
{
    /// <summary>
    /// The probability that a random positive scores above a random negative (ties count half), computed
    /// from average ranks (Mann–Whitney U). Null when either class is empty.
    /// </summary>
    internal static double? Auroc(IReadOnlyList<(double Score, bool Positive)> items)
    {
        var positives = items.Count(i => i.Positive);
        var negatives = items.Count - positives;
        if (positives == 0 || negatives == 0) return null;

        var sorted = items.OrderBy(i => i.Score).ToList();
        double positiveRankSum = 0;
        for (var start = 0; start < sorted.Count;)
        {
            var end = start;
            while (end + 1 < sorted.Count && sorted[end + 1].Score == sorted[start].Score) end++;
            var averageRank = (start + end + 2) / 2.0; // ranks are 1-based
            for (var k = start; k <= end; k++)
            {
                if (sorted[k].Positive) positiveRankSum += averageRank;
            }

            start = end + 1;
        }

        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>Expected calibration error over 10 equal-width confidence bins; 1.0 falls in the last bin.</summary>
    internal static double? Ece(IReadOnlyList<(double Confidence, bool Correct)> items, int bins = 10)
    {
        if (items.Count == 0) return null;
        return items
            .GroupBy(i => Math.Min((int)(Math.Clamp(i.Confidence, 0, 1) * bins), bins - 1))
            .Sum(bin => (double)bin.Count() / items.Count * Math.Abs(bin.Average(i => i.Confidence) - bin.Average(i => i.Correct ? 1.0 : 0.0)));
    }
}

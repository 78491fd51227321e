namespace CustomerService.Core.Agent.Calibration;

/// <summary>One labelled query: the answer candidate's similarity, the runner-up's, and whether the candidate was right.</summary>
public readonly record struct CalibrationSample(double Top, double Second, bool Correct);

/// <summary>Fits a <see cref="CalibrationModel"/>: logistic regression by Newton's method, then pool-adjacent-violators.</summary>
public static class CalibrationFitter
{
    private const double Ridge = 1e-3; // keeps the Newton step defined when a feature separates the data

    public static CalibrationModel Fit(IReadOnlyList<CalibrationSample> samples, string fittedOn, AnswerScoring scoring = AnswerScoring.Similarity)
    {
        if (samples.Count < 20) throw new ArgumentException("calibration needs at least 20 labelled queries", nameof(samples));
        if (samples.All(s => s.Correct) || samples.All(s => !s.Correct))
        {
            throw new ArgumentException("calibration needs both right and wrong answers among the queries", nameof(samples));
        }

        var (weights, bias) = FitLogistic(samples);
        var draft = new CalibrationModel(CalibrationModel.CurrentVersion, CalibrationModel.FeatureNames, weights, bias, [], [], fittedOn, samples.Count);
        var (xs, ys) = Isotonic(samples.Select(s => (draft.Logistic(CalibrationModel.Vector(s.Top, s.Second)), s.Correct ? 1.0 : 0.0)).ToList());
        return draft with { IsotonicX = xs, IsotonicY = ys, Scoring = scoring };
    }

    private static (double[] Weights, double Bias) FitLogistic(IReadOnlyList<CalibrationSample> samples)
    {
        const int n = 3; // two features and the bias
        var beta = new double[n];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[n];
            var hessian = new double[n, n];
            foreach (var s in samples)
            {
                var x = CalibrationModel.Vector(s.Top, s.Second);
                double[] row = [x[0], x[1], 1];
                var p = 1 / (1 + Math.Exp(-(beta[0] * row[0] + beta[1] * row[1] + beta[2])));
                var residual = (s.Correct ? 1 : 0) - p;
                for (var i = 0; i < n; i++)
                {
                    gradient[i] += residual * row[i];
                    for (var j = 0; j < n; j++) hessian[i, j] += p * (1 - p) * row[i] * row[j];
                }
            }

            for (var i = 0; i < n; i++) { gradient[i] -= Ridge * beta[i]; hessian[i, i] += Ridge; }
            var step = Solve(hessian, gradient);
            for (var i = 0; i < n; i++) beta[i] += step[i];
            if (step.Max(Math.Abs) < 1e-8) break;
        }

        return ([beta[0], beta[1]], beta[2]);
    }

    /// <summary>Pool adjacent violators: the best non-decreasing fit, as breakpoints (mean x, mean y) per pooled block.</summary>
    internal static (double[] X, double[] Y) Isotonic(List<(double X, double Y)> points)
    {
        var blocks = new List<(double SumX, double SumY, int Count)>();
        // Equal scores are one observation of their rate: pooled first, whatever order the labels came in.
        foreach (var tie in points.GroupBy(p => p.X).OrderBy(g => g.Key))
        {
            blocks.Add((tie.Key * tie.Count(), tie.Sum(p => p.Y), tie.Count()));
            while (blocks.Count > 1 && blocks[^2].SumY / blocks[^2].Count > blocks[^1].SumY / blocks[^1].Count)
            {
                var merged = (blocks[^2].SumX + blocks[^1].SumX, blocks[^2].SumY + blocks[^1].SumY, blocks[^2].Count + blocks[^1].Count);
                blocks.RemoveAt(blocks.Count - 1);
                blocks[^1] = merged;
            }
        }

        return ([.. blocks.Select(b => b.SumX / b.Count)], [.. blocks.Select(b => b.SumY / b.Count)]);
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = new double[n, n + 1];
        for (var i = 0; i < n; i++) { for (var j = 0; j < n; j++) m[i, j] = a[i, j]; m[i, n] = b[i]; }
        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(m[r, col]));
            for (var j = 0; j <= n; j++) (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
            for (var r = 0; r < n; r++)
            {
                if (r == col || m[col, col] == 0) continue;
                var factor = m[r, col] / m[col, col];
                for (var j = col; j <= n; j++) m[r, j] -= factor * m[col, j];
            }
        }

        return [.. Enumerable.Range(0, n).Select(i => m[i, i] == 0 ? 0 : m[i, n] / m[i, i])];
    }
}

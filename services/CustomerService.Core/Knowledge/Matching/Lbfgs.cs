namespace CustomerService.Core.Knowledge.Matching;

/// <summary>
/// Limited-memory BFGS for a smooth convex objective: the classifier's trainer. A few hundred thousand
/// parameters converge in tens of iterations where plain gradient descent needs thousands.
/// </summary>
internal static class Lbfgs
{
    /// <summary>Writes f(x) and its gradient into the last argument, and returns f(x).</summary>
    public delegate double Objective(double[] x, double[] gradient);

    /// <returns>The iterations run.</returns>
    public static int Minimize(Objective objective, double[] x, int maxIterations, double tolerance = 1e-5, int memory = 8)
    {
        var n = x.Length;
        var gradient = new double[n];
        var f = objective(x, gradient);
        var s = new double[memory][];
        var y = new double[memory][];
        var rho = new double[memory];
        var alpha = new double[memory];
        var (stored, next) = (0, 0);
        var direction = new double[n];
        var candidate = new double[n];
        var candidateGradient = new double[n];

        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            if (Norm(gradient) <= tolerance * Math.Max(1, Norm(x))) return iteration;

            // Two-loop recursion: direction = -H·g from the last `stored` curvature pairs.
            Array.Copy(gradient, direction, n);
            for (var k = 0; k < stored; k++)
            {
                var j = (next - 1 - k + memory) % memory;
                alpha[j] = rho[j] * Dot(s[j], direction);
                Axpy(-alpha[j], y[j], direction);
            }

            if (stored > 0)
            {
                var last = (next - 1 + memory) % memory;
                Scale(direction, Dot(s[last], y[last]) / Dot(y[last], y[last]));
            }

            for (var k = stored - 1; k >= 0; k--)
            {
                var j = (next - 1 - k + memory) % memory;
                var beta = rho[j] * Dot(y[j], direction);
                Axpy(alpha[j] - beta, s[j], direction);
            }

            Scale(direction, -1);
            var slope = Dot(gradient, direction);
            if (slope >= 0)
            {
                // Not a descent direction (curvature pairs gone stale): restart from steepest descent.
                Array.Copy(gradient, direction, n);
                Scale(direction, -1);
                slope = -Dot(gradient, gradient);
                stored = 0;
            }

            // Backtracking until the Armijo condition holds; the first step is the quasi-Newton step.
            var step = stored == 0 ? 1 / Math.Max(1, Norm(gradient)) : 1.0;
            double candidateF;
            var tries = 0;
            while (true)
            {
                for (var i = 0; i < n; i++) candidate[i] = x[i] + step * direction[i];
                candidateF = objective(candidate, candidateGradient);
                if (candidateF <= f + 1e-4 * step * slope || ++tries >= 30) break;
                step /= 2;
            }

            if (tries >= 30) return iteration;
            s[next] ??= new double[n];
            y[next] ??= new double[n];
            for (var i = 0; i < n; i++)
            {
                s[next][i] = candidate[i] - x[i];
                y[next][i] = candidateGradient[i] - gradient[i];
            }

            var sy = Dot(s[next], y[next]);
            if (sy > 1e-12)
            {
                rho[next] = 1 / sy;
                next = (next + 1) % memory;
                stored = Math.Min(stored + 1, memory);
            }

            var improvement = f - candidateF;
            Array.Copy(candidate, x, n);
            Array.Copy(candidateGradient, gradient, n);
            f = candidateF;
            if (improvement <= 1e-9 * Math.Max(1, Math.Abs(f))) return iteration + 1;
        }

        return maxIterations;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (var i = 0; i < y.Length; i++) y[i] += a * x[i];
    }

    private static void Scale(double[] x, double a)
    {
        for (var i = 0; i < x.Length; i++) x[i] *= a;
    }
}

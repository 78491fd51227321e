using CustomerService.Abstractions.Knowledge;

namespace CustomerService.Core.Knowledge.Matching;

/// <summary>
/// A multinomial logistic regression over the FAQ entries, trained on their own example questions when the
/// knowledge base loads. Nearest-neighbour similarity weighs every shared word alike; the classifier learns
/// which words tell one entry from the others ("freeze" for a blocked card, not "card"), and its output is a
/// distribution over entries whose top probability and margin separate right answers from wrong ones far
/// better than a similarity does. An entry's weights exist only for the features of its own questions, so
/// the model stays as small as the knowledge base's text and scores a query through an inverted index.
/// </summary>
internal sealed class IntentClassifier
{
    // L2 strength: strong enough that ten examples per entry do not overfit, weak enough to keep rare cue words.
    private const double Regularization = 0.01;
    private const int MaxIterations = 200;

    private readonly FaqEntry[] _entries;
    private readonly Dictionary<string, Feature> _features;

    private sealed record Feature(int Group, double Idf, int[] Entries, float[] Weights);

    private IntentClassifier(FaqEntry[] entries, Dictionary<string, Feature> features)
    {
        _entries = entries;
        _features = features;
    }

    public static IntentClassifier Empty { get; } = new([], []);

    /// <summary>Trains on every entry's questions; deterministic for the same entries in the same order.</summary>
    public static IntentClassifier Train(IReadOnlyList<FaqEntry> entries)
    {
        List<(int Entry, Dictionary<string, int>[] Counts)> samples = [];
        for (var e = 0; e < entries.Count; e++)
        {
            foreach (var question in entries[e].Questions)
            {
                var counts = IntentFeatures.Count(question);
                if (counts.Any(c => c.Count > 0)) samples.Add((e, counts));
            }
        }

        if (samples.Count == 0 || entries.Count < 2) return Empty;

        // Smoothed idf per feature, as over documents: one sample is one document.
        var frequency = new Dictionary<string, (int Group, int Count)>(StringComparer.Ordinal);
        foreach (var (_, counts) in samples)
        for (var g = 0; g < counts.Length; g++)
        foreach (var feature in counts[g].Keys)
        {
            frequency[feature] = (g, frequency.GetValueOrDefault(feature).Count + 1);
        }

        var idf = frequency.ToDictionary(p => p.Key, p => Math.Log((1.0 + samples.Count) / (1.0 + p.Value.Count)) + 1, StringComparer.Ordinal);

        // One parameter per (entry, feature of that entry's questions).
        var parameterOf = new Dictionary<(int Entry, string Feature), int>();
        var vectors = new List<(int Parameter, int Entry, double Value)[]>(samples.Count);
        var sampleFeatures = new List<(string Feature, double Value)[]>(samples.Count);
        foreach (var (entry, counts) in samples)
        {
            var vector = Vectorize(counts, f => idf.TryGetValue(f, out var v) ? v : null);
            sampleFeatures.Add(vector);
            foreach (var (feature, _) in vector)
            {
                if (!parameterOf.ContainsKey((entry, feature))) parameterOf[(entry, feature)] = parameterOf.Count;
            }
        }

        var byFeature = parameterOf.GroupBy(p => p.Key.Feature, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => (p.Key.Entry, Parameter: p.Value)).ToArray(), StringComparer.Ordinal);
        for (var s = 0; s < samples.Count; s++)
        {
            vectors.Add([.. sampleFeatures[s].SelectMany(f => byFeature[f.Feature].Select(p => (p.Parameter, p.Entry, f.Value)))]);
        }

        var weights = new double[parameterOf.Count];
        var labels = samples.Select(s => s.Entry).ToArray();
        Lbfgs.Minimize((w, gradient) => Loss(w, gradient, vectors, labels, entries.Count), weights, MaxIterations);

        var features = byFeature.ToDictionary(
            p => p.Key,
            p => new Feature(frequency[p.Key].Group, idf[p.Key], [.. p.Value.Select(x => x.Entry)], [.. p.Value.Select(x => (float)weights[x.Parameter])]),
            StringComparer.Ordinal);
        return new IntentClassifier([.. entries], features);
    }

    /// <summary>The most probable entries, best first, with their probabilities (summing to at most 1).</summary>
    public IReadOnlyList<(FaqEntry Entry, double Probability)> Classify(string text, int top)
    {
        if (_entries.Length == 0) return [];
        var vector = Vectorize(IntentFeatures.Count(text), f => _features.TryGetValue(f, out var feature) ? feature.Idf : null);
        var logits = new double[_entries.Length];
        foreach (var (name, value) in vector)
        {
            var feature = _features[name];
            for (var k = 0; k < feature.Entries.Length; k++) logits[feature.Entries[k]] += value * feature.Weights[k];
        }

        var probabilities = Softmax(logits);
        return [.. Enumerable.Range(0, _entries.Length)
            .OrderByDescending(e => probabilities[e]).ThenBy(e => e)
            .Take(top)
            .Select(e => (_entries[e], probabilities[e]))];
    }

    // Sublinear tf × idf per feature, each group scaled to unit length; features the model has never seen are dropped.
    private static (string Feature, double Value)[] Vectorize(Dictionary<string, int>[] counts, Func<string, double?> idf)
    {
        List<(string, double)> vector = [];
        foreach (var group in counts)
        {
            var weighted = group.Select(p => (Feature: p.Key, Value: (1 + Math.Log(p.Value)) * (idf(p.Key) ?? 0))).Where(p => p.Value > 0).ToList();
            var norm = Math.Sqrt(weighted.Sum(p => p.Value * p.Value));
            if (norm > 0) vector.AddRange(weighted.Select(p => (p.Feature, p.Value / norm)));
        }

        return [.. vector];
    }

    // Softmax cross-entropy summed over the samples, plus the L2 penalty. Entries with no weight on a sample's
    // features have logit 0 for it: they still take their share of the probability.
    private static double Loss(double[] w, double[] gradient, List<(int Parameter, int Entry, double Value)[]> vectors, int[] labels, int entryCount)
    {
        double loss = 0;
        for (var i = 0; i < w.Length; i++)
        {
            loss += Regularization / 2 * w[i] * w[i];
            gradient[i] = Regularization * w[i];
        }

        var logits = new double[entryCount];
        for (var s = 0; s < vectors.Count; s++)
        {
            Array.Clear(logits);
            foreach (var (parameter, entry, value) in vectors[s]) logits[entry] += w[parameter] * value;
            var probabilities = Softmax(logits);
            loss -= Math.Log(Math.Max(probabilities[labels[s]], 1e-300));
            foreach (var (parameter, entry, value) in vectors[s])
            {
                gradient[parameter] += (probabilities[entry] - (entry == labels[s] ? 1 : 0)) * value;
            }
        }

        return loss;
    }

    private static double[] Softmax(double[] logits)
    {
        var max = logits.Max();
        var result = new double[logits.Length];
        double sum = 0;
        for (var i = 0; i < logits.Length; i++) sum += result[i] = Math.Exp(logits[i] - max);
        for (var i = 0; i < logits.Length; i++) result[i] /= sum;
        return result;
    }
}

using System.Runtime.InteropServices;
using CustomerService.Core.Knowledge.Matching;

namespace CustomerService.Core.Knowledge.Retrieval;

/// <summary>
/// Builds a <see cref="Bm25Index"/> in two passes: analyse every text once into (term id, tf) pairs in
/// flat buffers, then lay the postings out in exact-size arrays from the document frequencies, so a
/// 100,000-unit build allocates no per-term lists.
/// </summary>
internal static class Bm25IndexBuilder
{
    public static Bm25Index Build(IReadOnlyList<LexicalUnit> units, Bm25Options options)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.K1 >= 0) || double.IsInfinity(options.K1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.K1, "Bm25Options.K1 must be a finite number ≥ 0.");
        }

        if (!(options.B is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.B, "Bm25Options.B must be between 0 and 1.");
        }

        var unitIds = new string[units.Count];
        var unitFirstText = new int[units.Count + 1];
        var seen = new HashSet<string>(units.Count, StringComparer.Ordinal);
        var termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        List<int> documentFrequency = [];
        List<int> textLength = [];
        List<int> pairStart = [0];
        List<int> pairTerm = [];
        List<int> pairCount = [];
        var counts = new Dictionary<int, int>();

        for (var u = 0; u < units.Count; u++)
        {
            var unit = units[u];
            if (!seen.Add(unit.Id))
            {
                throw new ArgumentException($"Two lexical units have the id '{unit.Id}'; ids identify units in hits.", nameof(units));
            }

            unitIds[u] = unit.Id;
            unitFirstText[u] = textLength.Count;
            foreach (var text in unit.Texts)
            {
                counts.Clear();
                var terms = TextAnalyzer.Terms(text);
                foreach (var term in terms)
                {
                    if (!termIds.TryGetValue(term, out var id))
                    {
                        termIds[term] = id = termIds.Count;
                        documentFrequency.Add(0);
                    }

                    counts[id] = counts.GetValueOrDefault(id) + 1;
                }

                foreach (var (id, count) in counts)
                {
                    documentFrequency[id]++;
                    pairTerm.Add(id);
                    pairCount.Add(count);
                }

                textLength.Add(terms.Count);
                pairStart.Add(pairTerm.Count);
            }
        }

        unitFirstText[units.Count] = textLength.Count;
        var layout = new Layout(CollectionsMarshal.AsSpan(documentFrequency), pairTerm.Count);
        Fill(layout, CollectionsMarshal.AsSpan(textLength), CollectionsMarshal.AsSpan(pairStart), CollectionsMarshal.AsSpan(pairTerm),
            CollectionsMarshal.AsSpan(pairCount), options);
        termIds.TrimExcess();
        return new Bm25Index(unitIds, unitFirstText, termIds, Idf(documentFrequency, textLength), layout.Start, layout.Text, layout.Factor);
    }

    /// <summary>Posting arrays sized exactly: term t owns [Start[t], Start[t + 1]).</summary>
    private sealed class Layout
    {
        public Layout(ReadOnlySpan<int> documentFrequency, int postings)
        {
            Start = new int[documentFrequency.Length + 1];
            for (var t = 0; t < documentFrequency.Length; t++)
            {
                Start[t + 1] = Start[t] + documentFrequency[t];
            }

            Text = new int[postings];
            Factor = new Half[postings];
        }

        public int[] Start { get; }

        public int[] Text { get; }

        public Half[] Factor { get; }
    }

    // Texts are visited in order, so every term's postings end up sorted by text.
    private static void Fill(
        Layout layout, ReadOnlySpan<int> textLength, ReadOnlySpan<int> pairStart, ReadOnlySpan<int> pairTerm, ReadOnlySpan<int> pairCount, Bm25Options options)
    {
        var averageLength = AverageLength(textLength);
        var next = layout.Start.AsSpan(0, layout.Start.Length - 1).ToArray();
        for (var text = 0; text < textLength.Length; text++)
        {
            // The length part of the BM25 denominator is the same for every term of a text.
            var lengthNorm = options.K1 * (1 - options.B + options.B * textLength[text] / averageLength);
            for (var p = pairStart[text]; p < pairStart[text + 1]; p++)
            {
                var slot = next[pairTerm[p]]++;
                var tf = (double)pairCount[p];
                layout.Text[slot] = text;
                layout.Factor[slot] = (Half)(tf * (options.K1 + 1) / (tf + lengthNorm));
            }
        }
    }

    // Texts without a single term are not documents: they would only drag the average length down.
    private static double AverageLength(ReadOnlySpan<int> textLength)
    {
        long total = 0;
        var documents = 0;
        foreach (var length in textLength)
        {
            total += length;
            if (length > 0) documents++;
        }

        return documents == 0 ? 1 : (double)total / documents;
    }

    // Robertson/Spärck Jones idf with 1 added inside the log, so even a term in every text adds a little.
    private static float[] Idf(List<int> documentFrequency, List<int> textLength)
    {
        var documents = textLength.Count(length => length > 0);
        var idf = new float[documentFrequency.Count];
        for (var t = 0; t < idf.Length; t++)
        {
            idf[t] = (float)Math.Log(1 + (documents - documentFrequency[t] + 0.5) / (documentFrequency[t] + 0.5));
        }

        return idf;
    }
}

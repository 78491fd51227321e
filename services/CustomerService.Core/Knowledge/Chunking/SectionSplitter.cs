namespace CustomerService.Core.Knowledge.Chunking;

/// <summary>
/// Packs one section's text into chunks of at most MaxChars: whole paragraphs where they fit, else the sentences
/// of a longer paragraph; each chunk after the first repeats about OverlapChars of whole sentences from the one before.
/// </summary>
internal sealed class SectionSplitter(int maxChars, int overlapChars)
{
    /// <summary>Offsets of the chunks in <paramref name="text"/>; each chunk is exactly <c>text[Start..End]</c>.</summary>
    public List<(int Start, int End)> Split(string text)
    {
        var units = SentenceSplitter.Units(text, maxChars);
        var pieces = Pieces(units);
        List<(int Start, int End)> chunks = [];
        var i = 0;
        while (i < pieces.Count)
        {
            var start = chunks.Count == 0 ? pieces[i].Start : OverlapStart(text, units, chunks[^1], pieces[i]);
            var end = pieces[i++].End;
            while (i < pieces.Count && pieces[i].End - start <= maxChars)
            {
                end = pieces[i++].End;
            }

            chunks.Add((start, end));
        }

        return chunks;
    }

    /// <summary>A paragraph that fits is one piece, never cut; a longer one gives one piece per sentence.</summary>
    private List<(int Start, int End)> Pieces(List<TextUnit> units)
    {
        List<(int, int)> pieces = [];
        for (var first = 0; first < units.Count;)
        {
            var last = first;
            while (last + 1 < units.Count && units[last + 1].Paragraph == units[first].Paragraph)
            {
                last++;
            }

            if (units[last].End - units[first].Start <= maxChars)
            {
                pieces.Add((units[first].Start, units[last].End));
            }
            else
            {
                pieces.AddRange(units.Skip(first).Take(last - first + 1).Select(u => (u.Start, u.End)));
            }

            first = last + 1;
        }

        return pieces;
    }

    /// <summary>Where a chunk starts when it repeats the end of <paramref name="previous"/>, keeping it within MaxChars.</summary>
    private int OverlapStart(string text, List<TextUnit> units, (int Start, int End) previous, (int Start, int End) next)
    {
        if (overlapChars == 0)
        {
            return next.Start;
        }

        // Whole sentences back from the previous chunk's end while they fit; a single last sentence may run over by half,
        // since repeating it whole reads better than a fragment. Never the whole previous chunk.
        var start = next.Start;
        var last = LastEndingBy(units, previous.End);
        for (var k = last; k >= 0 && units[k].Start > previous.Start; k--)
        {
            var limit = k == last ? overlapChars * 3 / 2 : overlapChars;
            if (previous.End - units[k].Start > limit || next.End - units[k].Start > maxChars)
            {
                break;
            }

            start = units[k].Start;
        }

        if (start < next.Start)
        {
            return start;
        }

        // The last sentence is too long to repeat whole: repeat its tail, from a word's start where words have spaces.
        var tail = Math.Max(previous.End - overlapChars, previous.Start + 1);
        if (!char.IsWhiteSpace(text[tail - 1]) && text.AsSpan(tail, previous.End - tail).IndexOfAny(' ', '\n', '\t') is var space and >= 0)
        {
            tail += space;
        }

        tail = SentenceSplitter.SkipSpace(text, tail, previous.End);
        if (tail < previous.End && char.IsLowSurrogate(text[tail]))
        {
            tail++;
        }

        return tail < previous.End && next.End - tail <= maxChars ? tail : next.Start;
    }

    /// <summary>The last unit that ends at or before <paramref name="end"/> (units are in text order); -1 when none does.</summary>
    private static int LastEndingBy(List<TextUnit> units, int end)
    {
        int low = 0, high = units.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            if (units[middle].End <= end)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }
}

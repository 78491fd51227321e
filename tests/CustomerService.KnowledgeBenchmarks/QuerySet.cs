using System.Text;

namespace CustomerService.KnowledgeBenchmarks;

/// <param name="Kind"><c>drop</c> or <c>replace</c> (a sentence with one word or character dropped or replaced), or <c>keywords</c>.</param>
/// <param name="SourceDocumentId">The document the query was made from; a hit from it is a sanity check, not a relevance judgement.</param>
internal sealed record BenchQuery(string Text, string Kind, string SourceDocumentId);

/// <summary>
/// Deterministic queries as customers type them: a sentence of the corpus with one word or character dropped or
/// replaced (often without its final punctuation), or a few keywords. The same seed gives the same queries.
/// </summary>
internal static class QuerySet
{
    public static List<BenchQuery> Build(IReadOnlyList<QuerySeed> seeds, int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfZero(seeds.Count);
        var random = new Random(unchecked(seed * 31 + 7));
        List<BenchQuery> queries = new(count);
        for (var i = 0; i < count; i++)
        {
            var source = seeds[random.Next(seeds.Count)];
            var roll = random.NextDouble();
            if (roll < 0.2 || source.Sentences.Count == 0)
            {
                queries.Add(new BenchQuery(source.Keywords, "keywords", source.DocumentId));
                continue;
            }

            var sentence = source.Sentences[random.Next(source.Sentences.Count)];
            var drop = roll < 0.65;
            var text = source.Vocabulary.IsChinese ? PerturbChinese(sentence, drop, source.Vocabulary, random) : PerturbEnglish(sentence, drop, source.Vocabulary, random);
            queries.Add(new BenchQuery(text, drop ? "drop" : "replace", source.DocumentId));
        }

        return queries;
    }

    private static string PerturbChinese(string sentence, bool drop, Vocabulary vocabulary, Random random)
    {
        var text = new StringBuilder(random.NextDouble() < 0.5 ? sentence.TrimEnd('。', '！', '？') : sentence);
        var hanzi = Enumerable.Range(0, text.Length).Where(i => text[i] is >= '\u4E00' and <= '\u9FFF').ToArray();
        if (hanzi.Length < 4)
        {
            return text.ToString();
        }

        var at = hanzi[random.Next(hanzi.Length)];
        if (drop) text.Remove(at, 1);
        else text[at] = vocabulary.Replacements[random.Next(vocabulary.Replacements.Length)];
        return text.ToString();
    }

    private static string PerturbEnglish(string sentence, bool drop, Vocabulary vocabulary, Random random)
    {
        var trimmed = random.NextDouble() < 0.5 ? sentence.TrimEnd('.', '!', '?') : sentence;
        var words = trimmed.Split(' ').ToList();
        if (words.Count < 4)
        {
            return trimmed;
        }

        var at = random.Next(words.Count);
        if (drop)
        {
            words.RemoveAt(at);
        }
        else if (random.NextDouble() < 0.5 && words[at].Length >= 4)
        {
            // A typo: one letter inside the word becomes another.
            var letters = words[at].ToCharArray();
            letters[random.Next(1, letters.Length - 1)] = (char)('a' + random.Next(26));
            words[at] = new string(letters);
        }
        else
        {
            var pool = random.NextDouble() < 0.5 ? vocabulary.Products : vocabulary.Faults;
            words[at] = pool[random.Next(pool.Length)].Split(' ')[0];
        }

        var text = string.Join(' ', words);
        return random.NextDouble() < 0.5 ? text.ToLowerInvariant() : text;
    }
}

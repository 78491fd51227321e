using System.Text;

namespace CustomerService.KnowledgeBenchmarks;

/// <summary>One generated upload: a Markdown file as the knowledge manager would send it.</summary>
internal sealed record SyntheticDocument(string Id, string FileName, string Language, string Category, byte[] Content);

/// <summary>What queries are later made from: sentences and keywords of one document, kept so its text need not be.</summary>
internal sealed record QuerySeed(string DocumentId, Vocabulary Vocabulary, IReadOnlyList<string> Sentences, string Keywords);

/// <summary>
/// Deterministic customer-service documents, about 70 % Chinese and 30 % English: a title, then sections and
/// sub-sections of paragraphs (2–5 sentences) and numbered steps, each document mostly about one product and model.
/// Document <c>i</c> depends only on the seed and <c>i</c>, so documents are generated one at a time as they are
/// uploaded and never all held in memory.
/// </summary>
internal sealed class SyntheticCorpus(int documents, int seed)
{
    /// <summary>Characters of section text per expected chunk (600-character chunks packed from whole paragraphs, with overlap).</summary>
    private const double CharsPerChunk = 518;

    private const int SentencesKeptPerDocument = 3;

    public int Count => documents;

    public (SyntheticDocument Document, QuerySeed Seed) Generate(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, documents);
        var random = new Random(unchecked(seed * 486_187_739 + index * 16_777_619));
        var vocabulary = random.NextDouble() < 0.7 ? ChineseVocabulary.Instance : EnglishVocabulary.Instance;
        var writer = new Writer(vocabulary, random);
        var id = $"kb-{index:D5}";
        var markdown = writer.Document(KnowledgeBenchmarkOptions.ChunksPerDocument);
        var category = vocabulary.Categories[random.Next(vocabulary.Categories.Length)];
        var document = new SyntheticDocument(id, id + ".md", vocabulary.Language, category, Encoding.UTF8.GetBytes(markdown));
        return (document, new QuerySeed(id, vocabulary, writer.KeptSentences, writer.Fill(vocabulary.KeywordQueries[random.Next(vocabulary.KeywordQueries.Length)])));
    }

    private sealed class Writer(Vocabulary vocabulary, Random random)
    {
        private readonly StringBuilder _text = new();
        private readonly string _product = Pick(vocabulary.Products, random);
        private readonly string _model = $"{(char)('A' + random.Next(26))}{random.Next(1, 10)}{Pick(["", " Pro", " Max", " Lite", " Plus", "S"], random)}";
        private readonly List<string> _kept = [];
        private int _sentences;

        public IReadOnlyList<string> KeptSentences => _kept;

        public string Document(int chunks)
        {
            _text.Append("# ").Append(Fill(Pick(vocabulary.Titles, random))).Append("\n\n");
            var estimate = Section(2, 3);
            while (estimate < chunks)
            {
                _text.Append("## ").Append(Fill(Pick(vocabulary.Headings, random))).Append("\n\n");
                estimate += Section(2, 5);
                if (random.NextDouble() < 0.4)
                {
                    _text.Append("### ").Append(Fill(Pick(vocabulary.Headings, random))).Append("\n\n");
                    estimate += Section(2, 4);
                }
            }

            return _text.ToString();
        }

        /// <summary>Writes one section's body and returns about how many chunks it will give.</summary>
        private int Section(int minParagraphs, int maxParagraphs)
        {
            var start = _text.Length;
            var paragraphs = random.Next(minParagraphs, maxParagraphs + 1);
            for (var p = 0; p < paragraphs; p++)
            {
                if (random.NextDouble() < 0.15)
                {
                    var steps = random.Next(3, 6);
                    for (var s = 1; s <= steps; s++)
                    {
                        _text.Append(s).Append(". ").Append(Fill(Pick(vocabulary.Steps, random))).Append('\n');
                    }

                    _text.Append('\n');
                    continue;
                }

                var sentences = random.Next(2, 6);
                for (var s = 0; s < sentences; s++)
                {
                    if (s > 0) _text.Append(vocabulary.WordSeparator);
                    _text.Append(Sentence());
                }

                _text.Append("\n\n");
            }

            return Math.Max(1, (int)Math.Ceiling((_text.Length - start) / CharsPerChunk));
        }

        // Reservoir sampling keeps a uniform choice of the document's sentences without holding them all.
        private string Sentence()
        {
            var sentence = Fill(Pick(vocabulary.Sentences, random));
            _sentences++;
            if (_kept.Count < SentencesKeptPerDocument) _kept.Add(sentence);
            else if (random.Next(_sentences) is var slot && slot < SentencesKeptPerDocument) _kept[slot] = sentence;
            return sentence;
        }

        public string Fill(string template)
        {
            var text = new StringBuilder(template.Length + 32);
            for (var i = 0; i < template.Length; i++)
            {
                if (template[i] == '{' && i + 2 < template.Length && template[i + 2] == '}')
                {
                    text.Append(Slot(template[i + 1]));
                    i += 2;
                }
                else
                {
                    text.Append(template[i]);
                }
            }

            return text.ToString();
        }

        // Most mentions are of the document's own product and model, as in a real product manual.
        private string Slot(char slot) => slot switch
        {
            'p' => random.NextDouble() < 0.7 ? _product : Pick(vocabulary.Products, random),
            'm' => _model,
            _ => Pick(vocabulary.Pool(slot) ?? throw new InvalidOperationException($"Unknown template slot '{{{slot}}}'."), random),
        };

        private static string Pick(string[] pool, Random random) => pool[random.Next(pool.Length)];
    }
}

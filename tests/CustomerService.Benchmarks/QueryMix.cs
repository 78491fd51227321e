namespace CustomerService.Benchmarks;

/// <summary>
/// Composes customer messages: about 70% ask something the FAQ covers (half verbatim, half paraphrased),
/// about 30% are off-topic and take the hand-off path. Seeded, so every run sends the same texts.
/// </summary>
internal sealed class QueryMix(FaqCorpus corpus, int seed)
{
    public const double FaqShare = 0.70;

    private readonly Random _random = new(seed);

    public string Next()
    {
        if (_random.NextDouble() >= FaqShare)
        {
            return OffTopic();
        }

        var item = corpus.Items[_random.Next(corpus.Items.Count)];
        return _random.Next(2) == 0 ? item.Questions[_random.Next(item.Questions.Length)] : Paraphrase(item);
    }

    // Another wording of the same topic: a template the entry may not use, or one of its questions in polite framing.
    private string Paraphrase(FaqItem item)
    {
        if (_random.Next(2) == 0)
        {
            var templates = item.Chinese ? FaqVocabulary.ZhTemplates : FaqVocabulary.EnTemplates;
            return FaqCorpus.Render(templates[_random.Next(templates.Length)], item.Chinese, item.Product, item.Action);
        }

        var wrappers = item.Chinese ? FaqVocabulary.ZhWrappers : FaqVocabulary.EnWrappers;
        var question = item.Questions[_random.Next(item.Questions.Length)];
        return wrappers[_random.Next(wrappers.Length)].Replace("{q}", question, StringComparison.Ordinal);
    }

    private string OffTopic()
    {
        var chinese = _random.Next(2) == 0;
        var texts = chinese ? FaqVocabulary.ZhOffTopic : FaqVocabulary.EnOffTopic;
        var tails = chinese ? FaqVocabulary.ZhOffTopicTails : FaqVocabulary.EnOffTopicTails;
        return texts[_random.Next(texts.Length)] + tails[_random.Next(tails.Length)];
    }
}

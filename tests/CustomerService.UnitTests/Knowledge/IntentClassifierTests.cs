using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Knowledge.Matching;

namespace CustomerService.UnitTests.Knowledge;

public sealed class IntentClassifierTests
{
    // Every entry is about a card: only the cue words (lost, freeze, limit) tell them apart.
    private static readonly FaqEntry[] Cards =
    [
        new("lost", "card_lost", ["I lost my credit card", "my card is missing", "I can't find my card anywhere", "someone stole my card"], "Report it lost."),
        new("freeze", "card_freeze", ["freeze my card", "please block my credit card", "lock my card right now", "stop all payments on my card"], "Freeze it in the app."),
        new("limit", "card_limit", ["what is my credit limit", "raise my card limit", "how much can I spend on my card", "increase the limit on my credit card"], "Limits are in the app."),
    ];

    [Fact]
    public void Lbfgs_finds_the_minimum_of_a_badly_scaled_quadratic()
    {
        // f(x) = Σ (i+1)·(x_i − i)²: curvature differs 20-fold between coordinates, the minimum is x_i = i.
        var x = new double[20];
        var iterations = Lbfgs.Minimize((v, g) =>
        {
            double f = 0;
            for (var i = 0; i < v.Length; i++)
            {
                f += (i + 1) * (v[i] - i) * (v[i] - i);
                g[i] = 2 * (i + 1) * (v[i] - i);
            }

            return f;
        }, x, maxIterations: 200, tolerance: 1e-10);

        Assert.All(Enumerable.Range(0, x.Length), i => Assert.Equal(i, x[i], precision: 4));
        Assert.InRange(iterations, 1, 199);
    }

    [Theory]
    [InlineData("I want to freeze my credit card", "card_freeze")]
    [InlineData("my credit card was stolen", "card_lost")]
    [InlineData("can you raise the spending limit", "card_limit")]
    [InlineData("block the card", "card_freeze")]
    public void The_cue_word_decides_among_entries_that_share_the_rest(string query, string intent)
    {
        var classifier = IntentClassifier.Train(Cards);

        var ranked = classifier.Classify(query, 3);

        Assert.Equal(intent, ranked[0].Entry.Intent);
        Assert.True(ranked[0].Probability > ranked[1].Probability);
    }

    [Fact]
    public void Probabilities_are_a_distribution_best_first()
    {
        var ranked = IntentClassifier.Train(Cards).Classify("please freeze my card", 3);

        Assert.Equal(3, ranked.Count);
        Assert.Equal(1.0, ranked.Sum(r => r.Probability), precision: 9);
        Assert.Equal(ranked.Select(r => r.Probability).OrderDescending(), ranked.Select(r => r.Probability));
        Assert.True(ranked[0].Probability > 0.5);
    }

    [Fact]
    public void A_question_in_words_the_knowledge_base_never_uses_is_spread_evenly()
    {
        // No known feature: every entry's logit is 0, so nothing looks likely — the hand-off signal.
        var ranked = IntentClassifier.Train(Cards).Classify("天气", 3);

        Assert.All(ranked, r => Assert.Equal(1.0 / 3, r.Probability, precision: 9));
    }

    [Fact]
    public void Training_is_deterministic_and_needs_two_entries()
    {
        var first = IntentClassifier.Train(Cards).Classify("limit on my card", 3);
        var second = IntentClassifier.Train(Cards).Classify("limit on my card", 3);

        Assert.Equal(first.Select(r => (r.Entry.Id, r.Probability)), second.Select(r => (r.Entry.Id, r.Probability)));
        Assert.Empty(IntentClassifier.Train([Cards[0]]).Classify("lost card", 3));
        Assert.Empty(IntentClassifier.Train([]).Classify("lost card", 3));
    }

    [Fact]
    public void Chinese_questions_are_classified_on_their_characters()
    {
        FaqEntry[] entries =
        [
            new("return", "return", ["怎么退货", "我想退货", "退货流程是什么"], "退货说明"),
            new("invoice", "invoice", ["怎么开发票", "发票怎么开", "能开增值税发票吗"], "发票说明"),
        ];

        var ranked = IntentClassifier.Train(entries).Classify("请问如何申请退货", 2);

        Assert.Equal("return", ranked[0].Entry.Intent);
    }
}

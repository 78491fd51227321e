using CustomerService.Core.Agent;
using CustomerService.Core.Agent.Calibration;

namespace CustomerService.UnitTests.Calibration;

public sealed class CalibrationTests
{
    [Fact]
    public void Pool_adjacent_violators_merges_decreasing_runs_into_their_mean()
    {
        // y: 1, 0, 0, 1 at x 1..4 → the first three pool (mean 1/3 at mean x 2), the last stays.
        var (x, y) = CalibrationFitter.Isotonic([(1, 1), (2, 0), (3, 0), (4, 1)]);

        Assert.Equal([2.0, 4.0], x);
        Assert.Equal(1.0 / 3, y[0], precision: 10);
        Assert.Equal(1.0, y[1]);
    }

    [Fact]
    public void An_overconfident_score_is_mapped_to_the_rate_it_is_right_at()
    {
        // Raw similarity 0.9 is right only 30 % of the time, and 0.3 only 10 %: the map must say so.
        var samples = Enumerable.Range(0, 100).Select(i => new CalibrationSample(0.9, 0.5, i % 10 < 3))
            .Concat(Enumerable.Range(0, 100).Select(i => new CalibrationSample(0.3, 0.25, i % 10 < 1))).ToList();

        var model = CalibrationFitter.Fit(samples, "test");

        Assert.Equal(0.3, model.Map(0.9, 0.5), precision: 2);
        Assert.Equal(0.1, model.Map(0.3, 0.25), precision: 2);
    }

    [Fact]
    public void Higher_similarity_never_lowers_the_probability()
    {
        var random = new Random(5);
        var samples = Enumerable.Range(0, 500).Select(_ =>
        {
            var top = random.NextDouble();
            return new CalibrationSample(top, top * random.NextDouble(), random.NextDouble() < top * top);
        }).ToList();
        var model = CalibrationFitter.Fit(samples, "test");

        var probabilities = Enumerable.Range(0, 101).Select(i => model.Map(i / 100.0, 0)).ToList();

        Assert.All(probabilities, p => Assert.InRange(p, 0, 1));
        Assert.Equal(probabilities.Order(), probabilities);
        Assert.True(probabilities[^1] > probabilities[0]);
    }

    [Fact]
    public void A_model_survives_its_json_and_bad_files_say_why()
    {
        var model = CalibrationFitter.Fit([.. Enumerable.Range(0, 40).Select(i => new CalibrationSample(i / 40.0, 0, i > 20))], "kb.jsonl + dev.jsonl");

        var again = CalibrationModel.FromJson(model.ToJson());

        Assert.Equal(model.Map(0.7, 0.2), again.Map(0.7, 0.2));
        Assert.Equal("kb.jsonl + dev.jsonl", again.FittedOn);
        Assert.Contains("not a calibration file", Assert.Throws<FormatException>(() => CalibrationModel.FromJson("{")).Message, StringComparison.Ordinal);
        Assert.Contains("version 9", Assert.Throws<FormatException>(() =>
            CalibrationModel.FromJson(model.ToJson().Replace("\"version\": 1", "\"version\": 9", StringComparison.Ordinal))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fitting_needs_enough_right_and_wrong_examples()
    {
        Assert.Throws<ArgumentException>(() => CalibrationFitter.Fit([.. Enumerable.Range(0, 5).Select(i => new CalibrationSample(0.5, 0, i % 2 == 0))], "x"));
        Assert.Throws<ArgumentException>(() => CalibrationFitter.Fit([.. Enumerable.Range(0, 50).Select(_ => new CalibrationSample(0.5, 0, true))], "x"));
    }

    [Fact]
    public void A_calibration_knows_the_scores_it_was_fitted_on_and_older_files_mean_similarity()
    {
        var samples = Enumerable.Range(0, 40).Select(i => new CalibrationSample(i / 40.0, 0, i > 20)).ToList();
        var classifier = CalibrationFitter.Fit(samples, "x", AnswerScoring.IntentClassifier);

        Assert.Contains("\"scoring\": \"intent_classifier\"", classifier.ToJson(), StringComparison.Ordinal);
        Assert.Equal(AnswerScoring.IntentClassifier, CalibrationModel.FromJson(classifier.ToJson()).Scoring);
        var older = CalibrationFitter.Fit(samples, "x").ToJson().Replace(",\n  \"scoring\": \"similarity\"", "", StringComparison.Ordinal);
        Assert.DoesNotContain("scoring", older, StringComparison.Ordinal);
        Assert.Equal(AnswerScoring.Similarity, CalibrationModel.FromJson(older).Scoring);
    }

    [Fact]
    public void A_calibration_fitted_on_other_scores_stops_start_up_naming_both_keys()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("cs-calibration").FullName, "calibration.json");
        File.WriteAllText(file, CalibrationFitter.Fit([.. Enumerable.Range(0, 40).Select(i => new CalibrationSample(i / 40.0, 0, i > 20))], "x",
            AnswerScoring.IntentClassifier).ToJson());
        var options = new AgentOptions { CalibrationFile = file, FallbackMessages = new() { ["zh"] = "抱歉", ["en"] = "Sorry" } };

        var result = new AgentOptionsValidator().Validate(null, options);
        options.Scoring = AnswerScoring.IntentClassifier;

        Assert.Contains($"Agent:CalibrationFile '{file}' was fitted on IntentClassifier scores but Agent:Scoring is Similarity.", result.Failures!);
        Assert.True(new AgentOptionsValidator().Validate(null, options).Succeeded);
    }
}

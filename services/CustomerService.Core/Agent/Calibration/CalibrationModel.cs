using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerService.Core.Agent.Calibration;

/// <summary>
/// Maps a raw candidate score (retrieval similarity, or the intent classifier's probability: <see cref="Scoring"/>) to the
/// probability that the answer candidate is right: a logistic regression over the candidate's score and its margin to the runner-up, then an isotonic
/// (monotone, piecewise-linear) map of that output fitted on the same labelled queries.
/// </summary>
public sealed record CalibrationModel(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("features")] IReadOnlyList<string> Features,
    [property: JsonPropertyName("weights")] IReadOnlyList<double> Weights,
    [property: JsonPropertyName("bias")] double Bias,
    [property: JsonPropertyName("isotonic_x")] IReadOnlyList<double> IsotonicX,
    [property: JsonPropertyName("isotonic_y")] IReadOnlyList<double> IsotonicY,
    [property: JsonPropertyName("fitted_on")] string FittedOn,
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("scoring")] AnswerScoring Scoring = AnswerScoring.Similarity)
{
    public const int CurrentVersion = 1;
    public static readonly string[] FeatureNames = ["top", "margin"];
    // Files written before the intent classifier have no "scoring": they were fitted on similarity.
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };

    /// <summary>The probability that the candidate with similarity <paramref name="top"/> is the right answer.</summary>
    public double Map(double top, double second)
    {
        var logistic = Logistic(Vector(top, second));
        return Math.Round(Interpolate(logistic), 4);
    }

    internal static double[] Vector(double top, double second) => [top, Math.Max(0, top - second)];

    internal double Logistic(double[] features)
    {
        var z = Bias;
        for (var i = 0; i < features.Length; i++) z += Weights[i] * features[i];
        return 1 / (1 + Math.Exp(-z));
    }

    private double Interpolate(double x)
    {
        if (IsotonicX.Count == 0) return x;
        if (x <= IsotonicX[0]) return IsotonicY[0];
        if (x >= IsotonicX[^1]) return IsotonicY[^1];
        var i = 1;
        while (IsotonicX[i] < x) i++;
        var (x0, x1, y0, y1) = (IsotonicX[i - 1], IsotonicX[i], IsotonicY[i - 1], IsotonicY[i]);
        return x1 == x0 ? y1 : y0 + (y1 - y0) * (x - x0) / (x1 - x0);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="FormatException">The text is not a calibration this version understands; the message says why.</exception>
    public static CalibrationModel FromJson(string json)
    {
        CalibrationModel? model;
        try
        {
            model = JsonSerializer.Deserialize<CalibrationModel>(json, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a calibration file ({e.Message})", e);
        }

        if (model is null) throw new FormatException("the calibration file is empty");
        if (model.Version != CurrentVersion) throw new FormatException($"calibration version {model.Version} is not supported (expected {CurrentVersion})");
        if (!model.Features.SequenceEqual(FeatureNames) || model.Weights.Count != FeatureNames.Length)
        {
            throw new FormatException($"the calibration's features must be [{string.Join(", ", FeatureNames)}]");
        }

        if (model.IsotonicX.Count != model.IsotonicY.Count) throw new FormatException("isotonic_x and isotonic_y differ in length");
        return model;
    }
}

using Microsoft.Extensions.Options;

namespace CustomerService.Core.Knowledge.Retrieval;

public enum FusionMode
{
    /// <summary>Σ weight / (k + rank): uses only positions, so the two rankings' score scales never need to agree.</summary>
    ReciprocalRank,

    /// <summary>Σ weight · min-max-normalised score: keeps how far apart results are, at the cost of trusting each list's scale.</summary>
    Weighted,
}

/// <summary>How lexical (BM25) and vector rankings are fused into one.</summary>
public sealed class FusionOptions
{
    public const string SectionName = "Knowledge:Retrieval";

    // Weighted fusion keeps how decisive each index's scores are, which ranks only (RRF) lose; lexical leads
    // because the local hashed vectors carry no IDF. Measured on the datasets' dev splits (see evals/README.md).
    public FusionMode Mode { get; set; } = FusionMode.Weighted;

    /// <summary>RRF's k: larger flattens the difference between the first ranks and the rest; 60 is the usual choice.</summary>
    public int RrfK { get; set; } = 60;

    public double LexicalWeight { get; set; } = 0.6;

    public double VectorWeight { get; set; } = 0.4;
}

internal sealed class FusionOptionsValidator : IValidateOptions<FusionOptions>
{
    public ValidateOptionsResult Validate(string? name, FusionOptions options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Shared with <see cref="HybridFusion.Fuse"/>, so options built in code fail the same way as configured ones.</summary>
    internal static List<string> Errors(FusionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Section = FusionOptions.SectionName;
        List<string> errors = [];
        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add($"{Section}:Mode must be {string.Join(" or ", Enum.GetNames<FusionMode>())} (was {options.Mode}).");
        }

        if (options.RrfK < 1)
        {
            errors.Add($"{Section}:RrfK must be at least 1 (was {options.RrfK}).");
        }

        if (!IsWeight(options.LexicalWeight))
        {
            errors.Add($"{Section}:LexicalWeight must be a finite number ≥ 0 (was {options.LexicalWeight}).");
        }

        if (!IsWeight(options.VectorWeight))
        {
            errors.Add($"{Section}:VectorWeight must be a finite number ≥ 0 (was {options.VectorWeight}).");
        }

        if (options.LexicalWeight == 0 && options.VectorWeight == 0)
        {
            errors.Add($"{Section}:LexicalWeight and {Section}:VectorWeight cannot both be 0: every fused score would be 0.");
        }

        return errors;
    }

    private static bool IsWeight(double weight) => weight >= 0 && double.IsFinite(weight);
}

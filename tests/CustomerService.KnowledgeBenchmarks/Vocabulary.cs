namespace CustomerService.KnowledgeBenchmarks;

/// <summary>
/// The word pools and sentence templates one language's documents are written from. Templates name their
/// slots in braces: {p} product, {a} action, {f} fault, {x} fix, {c} channel, {t} period, {n} number,
/// {m} model, {r} region, {d} courier, {y} payment. Chinese templates end in 。！？, English ones in . ! ?.
/// </summary>
internal sealed record Vocabulary(
    string Language,
    string WordSeparator,
    string[] Products,
    string[] Actions,
    string[] Faults,
    string[] Fixes,
    string[] Channels,
    string[] Periods,
    string[] Regions,
    string[] Couriers,
    string[] Payments,
    string[] Numbers,
    string[] Categories,
    string[] Titles,
    string[] Headings,
    string[] Sentences,
    string[] Steps,
    string[] KeywordQueries,
    string Replacements)
{
    public bool IsChinese => Language == "zh";

    /// <summary>The pool a slot letter draws from; null for a letter that is not a slot.</summary>
    public string[]? Pool(char slot) => slot switch
    {
        'p' => Products,
        'a' => Actions,
        'f' => Faults,
        'x' => Fixes,
        'c' => Channels,
        't' => Periods,
        'r' => Regions,
        'd' => Couriers,
        'y' => Payments,
        'n' => Numbers,
        _ => null,
    };
}

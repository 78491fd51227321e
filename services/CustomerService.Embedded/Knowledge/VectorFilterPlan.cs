using CustomerService.Abstractions.Knowledge;

namespace CustomerService.Embedded.Knowledge;

/// <summary>
/// A <see cref="VectorFilter"/> translated once per search into the collection's interned codes, so
/// that checking a row compares integers. A value no point carries makes the whole filter match
/// nothing, and an empty list (no category, no tag) matches nothing either.
/// </summary>
internal sealed class VectorFilterPlan
{
    private static readonly VectorFilterPlan Everything = new() { IsEmpty = true };
    private static readonly VectorFilterPlan Nothing = new() { MatchesNothing = true };

    private int _document = VectorRowFields.None;
    private int[]? _categories;
    private int _language = VectorRowFields.None;
    private int[]? _tags;
    private long? _validAt;

    /// <summary>No condition: every row passes.</summary>
    public bool IsEmpty { get; private init; }

    public bool MatchesNothing { get; private init; }

    public static VectorFilterPlan Compile(VectorFilter? filter, IReadOnlyDictionary<string, int> terms)
    {
        if (filter is null || filter == new VectorFilter())
        {
            return Everything;
        }

        var plan = new VectorFilterPlan { _validAt = filter.ValidAt?.UtcTicks };
        if (filter.DocumentId is not null && !terms.TryGetValue(filter.DocumentId, out plan._document))
        {
            return Nothing;
        }

        if (filter.Language is not null && !terms.TryGetValue(filter.Language, out plan._language))
        {
            return Nothing;
        }

        if (filter.Categories is not null && (plan._categories = Known(filter.Categories, terms)).Length == 0)
        {
            return Nothing;
        }

        if (filter.AnyTags is not null && (plan._tags = Known(filter.AnyTags, terms)).Length == 0)
        {
            return Nothing;
        }

        return plan;
    }

    public bool Matches(in VectorRowFields row)
    {
        if (_document != VectorRowFields.None && row.Document != _document) return false;
        if (_language != VectorRowFields.None && row.Language != _language) return false;
        if (_categories is not null && Array.IndexOf(_categories, row.Category) < 0) return false;
        if (_tags is not null && !row.Tags.AsSpan().ContainsAny(_tags)) return false;
        return _validAt is not { } at || at >= row.ValidFrom && at <= row.ValidTo;
    }

    private static int[] Known(IReadOnlyList<string> values, IReadOnlyDictionary<string, int> terms) =>
        [.. values.Select(v => terms.TryGetValue(v, out var code) ? code : VectorRowFields.None).Where(c => c != VectorRowFields.None).Distinct()];
}

namespace CustomerService.Core.Knowledge.Retrieval;

/// <summary>One searchable unit: a document passage, or an FAQ entry with its variant questions.</summary>
/// <param name="Texts">
/// The passage text, or each FAQ question. A unit scores as its best text, so a long paraphrase list
/// does not inflate term frequency or make an FAQ entry look like one long document.
/// </param>
public sealed record LexicalUnit(string Id, IReadOnlyList<string> Texts);

/// <param name="Score">The BM25 score of the unit's best text; comparable only within one index.</param>
/// <param name="TextIndex">Index into <see cref="LexicalUnit.Texts"/> of the text that scored best.</param>
public sealed record LexicalHit(string Id, double Score, int TextIndex);

/// <param name="K1">Term-frequency saturation: higher lets repeated terms keep adding score.</param>
/// <param name="B">Length normalisation: 0 ignores text length, 1 normalises fully by length relative to the average.</param>
public sealed record Bm25Options(double K1 = 1.2, double B = 0.75);

/// <summary>A query term and its weight: 1 for the query's own terms, less for terms a synonym brought in.</summary>
public sealed record Bm25QueryTerm(string Term, double Weight);

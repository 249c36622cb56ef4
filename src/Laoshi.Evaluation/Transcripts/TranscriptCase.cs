namespace Laoshi.Evaluation.Transcripts;

/// <summary>One utterance's reference transcript beside a recogniser's hypothesis.</summary>
public sealed record TranscriptCase(string Item, string Truth, string Hypothesis);

/// <summary>What an edit counts: words (Chinese, Japanese and Korean characters are each a word) or characters.</summary>
public enum ErrorUnit
{
    Word,
    Character,
}

/// <summary>The alignment of one hypothesis to its reference: hits, substitutions, deletions, insertions.</summary>
public readonly record struct EditCounts(long Hits, long Substitutions, long Deletions, long Insertions)
{
    /// <summary>Units in the reference.</summary>
    public long Reference => Hits + Substitutions + Deletions;

    public long Errors => Substitutions + Deletions + Insertions;

    /// <summary>Errors over reference units; an empty reference with any insertion is 1, with none 0.</summary>
    public double Rate => Reference == 0 ? (Insertions > 0 ? 1 : 0) : (double)Errors / Reference;

    public static EditCounts operator +(EditCounts a, EditCounts b) =>
        new(a.Hits + b.Hits, a.Substitutions + b.Substitutions, a.Deletions + b.Deletions, a.Insertions + b.Insertions);
}

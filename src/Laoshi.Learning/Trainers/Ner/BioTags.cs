namespace Laoshi.Learning.Trainers.Ner;

/// <summary>A span found in a token sequence: tokens [FirstToken, EndToken) of entity type Type (an index into the types).</summary>
public readonly record struct TokenSpan(int FirstToken, int EndToken, int Type);

/// <summary>
/// The BIO tag set over K entity types: tag 0 is O (outside), 1 + 2t is B-t (begins type t), 2 + 2t is I-t
/// (continues it). I-t may only follow B-t or I-t; decoding enforces that, so every answer reads as whole spans.
/// </summary>
public sealed class BioTags(int typeCount)
{
    public const int Outside = 0;

    public int TypeCount { get; } = typeCount;

    public int Count => 1 + 2 * TypeCount;

    public static int Begin(int type) => 1 + 2 * type;

    public static int Inside(int type) => 2 + 2 * type;

    public static bool IsInside(int tag) => tag > 0 && tag % 2 == 0;

    public static int TypeOf(int tag) => (tag - 1) / 2;

    /// <summary>Whether tag may come right after previous (previous &lt; 0: the sequence starts here).</summary>
    public static bool Allowed(int previous, int tag) =>
        !IsInside(tag) || (previous > 0 && TypeOf(previous) == TypeOf(tag));

    /// <summary>The tag of every token from its spans; spans must not overlap (the caller drops those that do).</summary>
    public static int[] Encode(int tokenCount, IEnumerable<TokenSpan> spans)
    {
        var tags = new int[tokenCount];
        foreach (var span in spans)
        {
            tags[span.FirstToken] = Begin(span.Type);
            for (var i = span.FirstToken + 1; i < span.EndToken; i++) tags[i] = Inside(span.Type);
        }
        return tags;
    }

    /// <summary>The spans a tag sequence describes; a stray I- (which decoding never gives) opens a span of its own.</summary>
    public static List<TokenSpan> Decode(IReadOnlyList<int> tags)
    {
        var spans = new List<TokenSpan>();
        var start = -1;
        var type = -1;
        for (var i = 0; i <= tags.Count; i++)
        {
            var tag = i < tags.Count ? tags[i] : Outside;
            var continues = IsInside(tag) && start >= 0 && TypeOf(tag) == type;
            if (continues) continue;
            if (start >= 0) spans.Add(new TokenSpan(start, i, type));
            (start, type) = tag == Outside ? (-1, -1) : (i, TypeOf(tag));
        }
        return spans;
    }
}

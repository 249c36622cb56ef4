namespace Laoshi.Cleaning;

/// <summary>The exact similarity <see cref="NearDuplicateIndex"/> clusters by, for two texts (a preview, a test, a brute-force check).</summary>
public static class TextSimilarity
{
    /// <summary>Jaccard similarity of the two texts' character-shingle sets after the options' normalisation.</summary>
    public static double Jaccard(string a, string b, NearDuplicateOptions? options = null)
    {
        options ??= new NearDuplicateOptions();
        options.Validate();
        var shingler = new Shingler(options);
        var first = Array.Empty<uint>();
        var second = Array.Empty<uint>();
        var m = shingler.Shingles(shingler.Prepare(a), ref first);
        var n = shingler.Shingles(shingler.Prepare(b), ref second);
        return Shingler.Jaccard(first.AsSpan(0, m), second.AsSpan(0, n));
    }

    /// <summary>
    /// The text's distinct character shingles as sorted 32-bit hashes, after the options' normalisation: the set the
    /// index compares. Make these once to check many pairs with <see cref="Jaccard(ReadOnlySpan{uint}, ReadOnlySpan{uint})"/>.
    /// </summary>
    public static uint[] Shingles(string text, NearDuplicateOptions? options = null)
    {
        options ??= new NearDuplicateOptions();
        options.Validate();
        var shingler = new Shingler(options);
        var buffer = Array.Empty<uint>();
        var count = shingler.Shingles(shingler.Prepare(text), ref buffer);
        return buffer[..count];
    }

    /// <summary>Jaccard similarity of two sets from <see cref="Shingles"/>.</summary>
    public static double Jaccard(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b) => Shingler.Jaccard(a, b);
}

namespace Laoshi.Cleaning;

/// <summary>
/// Traditional ↔ simplified Chinese with OpenCC's tables (phrases first, then characters; Apache-2.0, shipped in the
/// assembly, see Chinese/Tables/SOURCE.md). Traditional → simplified is nearly always exact; simplified →
/// traditional is one-to-many (发 → 發 or 髮) and takes OpenCC's phrase or, failing one, its usual character, so it
/// can be wrong where only the meaning decides (干了 → 幹了, not 乾了). Other text passes through unchanged.
/// </summary>
public static class ChineseScript
{
    private static readonly Lazy<ConversionTable> Simplifying =
        new(() => ConversionTable.FromResources("TSPhrases", "TSCharacters"), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<ConversionTable> Traditionalizing =
        new(() => ConversionTable.FromResources("STPhrases", "STCharacters"), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>後來頭髮乾了 → 后来头发干了. Returns the same string when nothing changes.</summary>
    public static string ToSimplified(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Simplifying.Value.Convert(text);
    }

    /// <summary>后来头发 → 後來頭髮. Returns the same string when nothing changes.</summary>
    public static string ToTraditional(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Traditionalizing.Value.Convert(text);
    }
}

namespace Laoshi.Cleaning;

/// <summary>How <see cref="NearDuplicateIndex"/> turns a text into a set to compare.</summary>
public sealed record NearDuplicateOptions
{
    /// <summary>Characters per shingle. 3 suits both Chinese (no spaces between words) and alphabetic text.</summary>
    public int ShingleSize { get; init; } = 3;

    /// <summary>MinHash values per text, a multiple of 8. 64 finds ≥ 99 % of pairs at Jaccard 0.7 and above; use 128 for thresholds near 0.5.</summary>
    public int HashCount { get; init; } = 64;

    /// <summary>Normalisation before shingling (default: every step, so width, script and spacing do not count as differences).</summary>
    public NormalizationOptions Normalization { get; init; } = NormalizationOptions.All;

    /// <summary>Upper and lower case compare equal.</summary>
    public bool IgnoreCase { get; init; } = true;

    /// <summary>Seed of the hash functions; the same seed gives the same clusters.</summary>
    public int Seed { get; init; } = 20261129;

    internal void Validate()
    {
        if (ShingleSize is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(ShingleSize), ShingleSize, "1 to 64 characters");
        if (HashCount is < 8 or > 1024 || HashCount % 8 != 0)
            throw new ArgumentOutOfRangeException(nameof(HashCount), HashCount, "a multiple of 8 from 8 to 1024");
    }
}

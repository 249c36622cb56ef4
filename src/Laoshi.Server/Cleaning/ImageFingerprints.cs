using System.Globalization;
using Laoshi.Cleaning;
using SkiaSharp;

namespace Laoshi.Server.Cleaning;

/// <summary>
/// Perceptual hashes of stored images, decoded small, and their near-duplicate clusters (<see cref="PerceptualHashIndex"/>:
/// exactly the pairs a full comparison would link, without comparing every pair).
/// </summary>
internal sealed class ImageFingerprints
{
    private const int Side = 32;
    private readonly PerceptualHashIndex index = new();

    public int Count => index.Count;

    /// <summary>Decodes the image small and keeps its hash; false when it cannot be decoded.</summary>
    public bool Add(long item, Stream image)
    {
        using var decoded = SKBitmap.Decode(image);
        if (decoded is null) return false;
        // Scaling keeps the colour type (Skia will not convert while it scales); the hash makes the grey itself.
        using var small = decoded.Resize(new SKImageInfo(Side, Side, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKFilterMode.Linear));
        if (small is null) return false;
        index.Add(item.ToString(CultureInfo.InvariantCulture), PerceptualHash.ComputeFromColor(small.GetPixelSpan(), Side, Side, 4));
        return true;
    }

    /// <summary>Clusters of images linked by pairs whose similarity 1 − distance/64 is at least the threshold (distance at most 32 bits).</summary>
    public IReadOnlyList<(IReadOnlyList<long> Items, double Similarity)> Clusters(double threshold, CancellationToken ct = default)
    {
        var maxDistance = Math.Min(32, (int)Math.Floor((1 - threshold) * 64 + 1e-9));
        return index.Clusters(maxDistance, ct)
            .Select(c => ((IReadOnlyList<long>)c.Items.Select(i => long.Parse(i, CultureInfo.InvariantCulture)).Order().ToList(), c.Similarity))
            .OrderBy(c => c.Item1[0])
            .ToList();
    }
}

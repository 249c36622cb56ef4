using System.Globalization;
using System.Numerics;

namespace Laoshi.Cleaning;

/// <summary>
/// The DCT perceptual hash (pHash, as the imagehash library computes it): the image is reduced to 32 × 32 grey
/// levels by area averaging, transformed with a 2-D DCT-II, and the 8 × 8 lowest frequencies each give one bit:
/// above their median or not. Resizing, recompression and small brightness or colour changes move few bits;
/// a different picture moves about half. Bits are row-major from the most significant, so <see cref="ToHex"/> reads
/// like imagehash's string.
/// </summary>
public static class PerceptualHash
{
    private const int Side = 32, Low = 8;
    private static readonly double[] Cosines = BuildCosines();

    /// <summary>Hash of an 8-bit grey image, rows top to bottom; <paramref name="stride"/> is the bytes per row (default: width).</summary>
    public static ulong Compute(ReadOnlySpan<byte> gray, int width, int height, int stride = 0)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "the image is empty");
        if (stride == 0) stride = width;
        if (stride < width || gray.Length < (long)stride * (height - 1) + width)
            throw new ArgumentException($"{gray.Length} bytes cannot hold {width} × {height} pixels with stride {stride}", nameof(gray));
        var small = Reduce(gray, width, height, stride);
        return HashOf(small);
    }

    /// <summary>Hash of interleaved 8-bit colour (RGB, RGBA or BGRA with <paramref name="blueFirst"/>), reduced to grey by ITU-R 601 luma as PIL's "L" mode does.</summary>
    public static ulong ComputeFromColor(ReadOnlySpan<byte> pixels, int width, int height, int bytesPerPixel, bool blueFirst = false)
    {
        if (bytesPerPixel is < 3 or > 4) throw new ArgumentOutOfRangeException(nameof(bytesPerPixel), bytesPerPixel, "3 or 4");
        if (pixels.Length < (long)width * height * bytesPerPixel)
            throw new ArgumentException($"{pixels.Length} bytes cannot hold {width} × {height} pixels", nameof(pixels));
        var gray = new byte[width * height];
        var (r, b) = blueFirst ? (2, 0) : (0, 2);
        for (var i = 0; i < gray.Length; i++)
        {
            var p = pixels.Slice(i * bytesPerPixel, 3);
            gray[i] = (byte)((p[r] * 299 + p[1] * 587 + p[b] * 114 + 500) / 1000);
        }
        return Compute(gray, width, height);
    }

    /// <summary>Bits that differ: 0 for the same picture, about 32 for unrelated ones; ≤ 10 is usually the same picture.</summary>
    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    /// <summary>1 − distance / 64.</summary>
    public static double Similarity(ulong a, ulong b) => 1 - Distance(a, b) / 64.0;

    public static string ToHex(ulong hash) => hash.ToString("x16", CultureInfo.InvariantCulture);

    public static ulong Parse(string hex) => ulong.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    // Separable area averaging: each output pixel is the mean of the source area it covers (fractions at the edges),
    // which also works when the image is smaller than 32 × 32.
    private static double[] Reduce(ReadOnlySpan<byte> gray, int width, int height, int stride)
    {
        var columns = Weights(width);
        var rows = Weights(height);
        var across = new double[height * Side];
        for (var y = 0; y < height; y++)
        {
            var row = gray.Slice(y * stride, width);
            for (var x = 0; x < Side; x++)
            {
                var (from, w) = columns[x];
                var sum = 0.0;
                for (var k = 0; k < w.Length; k++) sum += row[from + k] * w[k];
                across[y * Side + x] = sum;
            }
        }
        var small = new double[Side * Side];
        for (var y = 0; y < Side; y++)
        {
            var (from, w) = rows[y];
            for (var x = 0; x < Side; x++)
            {
                var sum = 0.0;
                for (var k = 0; k < w.Length; k++) sum += across[(from + k) * Side + x] * w[k];
                small[y * Side + x] = sum;
            }
        }
        return small;
    }

    private static (int From, double[] Weights)[] Weights(int length)
    {
        var scale = (double)length / Side;
        var result = new (int, double[])[Side];
        for (var i = 0; i < Side; i++)
        {
            var start = i * scale;
            var end = (i + 1) * scale;
            var from = (int)Math.Floor(start);
            var to = Math.Min(length, (int)Math.Ceiling(end));
            var weights = new double[to - from];
            for (var s = from; s < to; s++) weights[s - from] = (Math.Min(end, s + 1) - Math.Max(start, s)) / scale;
            result[i] = (from, weights);
        }
        return result;
    }

    private static ulong HashOf(double[] small)
    {
        // Only the 8 lowest frequencies of each axis are needed: 8 × 32 then 8 × 8 sums instead of a full 32 × 32 DCT.
        Span<double> partial = stackalloc double[Low * Side];
        for (var u = 0; u < Low; u++)
        {
            for (var x = 0; x < Side; x++)
            {
                var sum = 0.0;
                for (var y = 0; y < Side; y++) sum += small[y * Side + x] * Cosines[u * Side + y];
                partial[u * Side + x] = sum;
            }
        }
        Span<double> low = stackalloc double[Low * Low];
        for (var u = 0; u < Low; u++)
        {
            for (var v = 0; v < Low; v++)
            {
                var sum = 0.0;
                for (var x = 0; x < Side; x++) sum += partial[u * Side + x] * Cosines[v * Side + x];
                low[u * Low + v] = sum;
            }
        }
        // Rounding leaves ~1e-13 noise where a coefficient is really zero (a flat or symmetric image); zero it so the
        // bits do not depend on floating-point accidents.
        var scale = Math.Abs(low[0]) + 1;
        for (var i = 0; i < low.Length; i++)
        {
            if (Math.Abs(low[i]) < scale * 1e-9) low[i] = 0;
        }
        Span<double> sorted = stackalloc double[Low * Low];
        low.CopyTo(sorted);
        sorted.Sort();
        var median = (sorted[31] + sorted[32]) / 2;
        ulong hash = 0;
        for (var i = 0; i < Low * Low; i++)
        {
            if (low[i] > median) hash |= 1UL << (63 - i);
        }
        return hash;
    }

    private static double[] BuildCosines()
    {
        var table = new double[Low * Side];
        for (var u = 0; u < Low; u++)
        {
            for (var x = 0; x < Side; x++) table[u * Side + x] = Math.Cos(Math.PI * u * (2 * x + 1) / (2.0 * Side));
        }
        return table;
    }
}

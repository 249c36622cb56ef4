namespace Laoshi.Cleaning.Tests;

public sealed class PerceptualHashTests
{
    [Fact]
    public void A_resized_brightened_noisy_copy_stays_close_and_a_different_picture_is_far()
    {
        var scene = Scene(640, 480, seed: 1);
        var hash = PerceptualHash.Compute(scene, 640, 480);
        var smaller = Resize(scene, 640, 480, 200, 150);
        var brighter = scene.Select(p => (byte)Math.Min(255, p + 25)).ToArray();
        var noisy = AddNoise(scene, seed: 3, amplitude: 12);
        Assert.InRange(PerceptualHash.Distance(hash, PerceptualHash.Compute(smaller, 200, 150)), 0, 6);
        Assert.InRange(PerceptualHash.Distance(hash, PerceptualHash.Compute(brighter, 640, 480)), 0, 4);
        Assert.InRange(PerceptualHash.Distance(hash, PerceptualHash.Compute(noisy, 640, 480)), 0, 6);
        var other = PerceptualHash.Compute(Scene(640, 480, seed: 2), 640, 480);
        Assert.InRange(PerceptualHash.Distance(hash, other), 16, 64);
    }

    [Fact]
    public void Stride_and_colour_input_give_the_grey_hash()
    {
        var scene = Scene(64, 48, seed: 4);
        var padded = new byte[80 * 48];
        for (var y = 0; y < 48; y++) scene.AsSpan(y * 64, 64).CopyTo(padded.AsSpan(y * 80));
        var rgba = scene.SelectMany(p => new[] { p, p, p, (byte)255 }).ToArray();
        var hash = PerceptualHash.Compute(scene, 64, 48);
        Assert.Equal(hash, PerceptualHash.Compute(padded, 64, 48, stride: 80));
        Assert.Equal(hash, PerceptualHash.ComputeFromColor(rgba, 64, 48, bytesPerPixel: 4));
    }

    [Fact]
    public void Tiny_images_hash_and_hex_round_trips()
    {
        var tiny = new byte[] { 0, 255, 255, 0, 0, 255, 255, 0, 0 };
        var hash = PerceptualHash.Compute(tiny, 3, 3);
        Assert.Equal(hash, PerceptualHash.Parse(PerceptualHash.ToHex(hash)));
        Assert.Equal(16, PerceptualHash.ToHex(hash).Length);
        Assert.Equal(1.0, PerceptualHash.Similarity(hash, hash));
        Assert.Throws<ArgumentException>(() => PerceptualHash.Compute(tiny, 4, 4));
    }

    [Fact]
    public void A_flat_image_has_only_its_average_above_the_median_whatever_its_level()
    {
        Assert.Equal(0x8000000000000000UL, PerceptualHash.Compute(Enumerable.Repeat((byte)128, 100).ToArray(), 10, 10));
        Assert.Equal(0x8000000000000000UL, PerceptualHash.Compute(Enumerable.Repeat((byte)31, 4000).ToArray(), 80, 50));
    }

    // A few seeded soft blobs and bars on a gradient: structure at the low frequencies pHash looks at.
    private static byte[] Scene(int width, int height, int seed)
    {
        var random = new Random(seed);
        var shapes = Enumerable.Range(0, 6).Select(_ => (X: random.NextDouble() * width, Y: random.NextDouble() * height,
            R: (0.1 + random.NextDouble() * 0.25) * width, V: random.Next(-120, 120))).ToArray();
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var value = 60.0 + 80.0 * x / width;
                foreach (var s in shapes)
                {
                    var d = Math.Sqrt((x - s.X) * (x - s.X) + (y - s.Y) * (y - s.Y));
                    if (d < s.R) value += s.V * (1 - d / s.R);
                }
                pixels[y * width + x] = (byte)Math.Clamp(value, 0, 255);
            }
        }
        return pixels;
    }

    private static byte[] Resize(byte[] pixels, int width, int height, int newWidth, int newHeight)
    {
        var result = new byte[newWidth * newHeight];
        for (var y = 0; y < newHeight; y++)
        {
            for (var x = 0; x < newWidth; x++) result[y * newWidth + x] = pixels[y * height / newHeight * width + x * width / newWidth];
        }
        return result;
    }

    private static byte[] AddNoise(byte[] pixels, int seed, int amplitude)
    {
        var random = new Random(seed);
        return pixels.Select(p => (byte)Math.Clamp(p + random.Next(-amplitude, amplitude + 1), 0, 255)).ToArray();
    }
}

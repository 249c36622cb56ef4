using SkiaSharp;

namespace Laoshi.Learning.Tests.Trainers;

/// <summary>
/// Generated pictures of two kinds an image classifier must tell apart by shape, not colour: stripes (bands of two
/// random colours, random width and direction) and dots (random circles on a random background).
/// </summary>
public static class PatternImages
{
    private const int Side = 96;

    public static string Stripes(string path, Random random)
    {
        using var bitmap = new SKBitmap(Side, Side);
        using var canvas = new SKCanvas(bitmap);
        var (background, foreground) = Colours(random);
        canvas.Clear(background);
        using var paint = new SKPaint { Color = foreground, IsAntialias = true };
        var width = random.Next(5, 12);
        var vertical = random.Next(2) == 0;
        for (var at = random.Next(width); at < Side; at += 2 * width)
            canvas.DrawRect(vertical ? SKRect.Create(at, 0, width, Side) : SKRect.Create(0, at, Side, width), paint);
        return Save(bitmap, path);
    }

    public static string Dots(string path, Random random)
    {
        using var bitmap = new SKBitmap(Side, Side);
        using var canvas = new SKCanvas(bitmap);
        var (background, foreground) = Colours(random);
        canvas.Clear(background);
        using var paint = new SKPaint { Color = foreground, IsAntialias = true };
        var count = random.Next(6, 14);
        for (var i = 0; i < count; i++)
            canvas.DrawCircle(random.Next(8, Side - 8), random.Next(8, Side - 8), random.Next(4, 9), paint);
        return Save(bitmap, path);
    }

    // Keep the two colours of a picture far apart, so the pattern is always visible.
    private static (SKColor Background, SKColor Foreground) Colours(Random random)
    {
        var dark = new SKColor((byte)random.Next(0, 90), (byte)random.Next(0, 90), (byte)random.Next(0, 90));
        var light = new SKColor((byte)random.Next(170, 256), (byte)random.Next(170, 256), (byte)random.Next(170, 256));
        return random.Next(2) == 0 ? (dark, light) : (light, dark);
    }

    private static string Save(SKBitmap bitmap, string path)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}

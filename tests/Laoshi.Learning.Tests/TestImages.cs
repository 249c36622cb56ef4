using SkiaSharp;

namespace Laoshi.Learning.Tests;

/// <summary>Writes plain-colour PNG files for image models to read.</summary>
public static class TestImages
{
    public static string Png(string path, int width, int height, SKColor colour)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}

using SkiaSharp;

namespace Laoshi.Formats.Tests.DatasetSupport;

/// <summary>Small real images drawn with SkiaSharp, so that probes and headers meet genuine encoder output.</summary>
public static class TestImages
{
    public static string Write(string path, int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint { Color = SKColors.OrangeRed };
            canvas.DrawRect(width / 4f, height / 4f, width / 2f, height / 2f, paint);
        }
        using var data = bitmap.Encode(format, 90);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    /// <summary>A 16-bit PCM WAV of silence.</summary>
    public static string WriteWav(string path, int sampleRate, int channels, double seconds)
    {
        var dataBytes = (int)(sampleRate * seconds) * channels * 2;
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8);
        writer.Write(36 + dataBytes);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)channels);
        writer.Write(sampleRate);
        writer.Write(sampleRate * channels * 2);
        writer.Write((short)(channels * 2));
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(dataBytes);
        writer.Write(new byte[dataBytes]);
        return path;
    }
}

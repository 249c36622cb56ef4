using SkiaSharp;

namespace Laoshi.Learning.External;

/// <summary>
/// An image drawn into a model's input size, and how to map input pixels back to the original: original =
/// (input − Pad) / Scale. Stretching (classifiers) uses separate scales; letterboxing (detectors) keeps the aspect.
/// </summary>
internal sealed record LetterboxedImage(int OriginalWidth, int OriginalHeight, double ScaleX, double ScaleY, double PadX, double PadY)
{
    /// <summary>Decodes the image and writes it as RGB planes (C×H×W) into <paramref name="destination"/>.</summary>
    public static LetterboxedImage Draw(Stream encoded, string reference, int width, int height, bool keepAspect,
        ImagePreprocessing preprocessing, Span<float> destination)
    {
        using var source = SKBitmap.Decode(encoded)
            ?? throw new ModelBackendException($"'{reference}' is not an image that can be decoded");
        double scaleX = (double)width / source.Width, scaleY = (double)height / source.Height;
        double padX = 0, padY = 0;
        if (keepAspect)
        {
            scaleX = scaleY = Math.Min(scaleX, scaleY);
            padX = (width - source.Width * scaleX) / 2;
            padY = (height - source.Height * scaleY) / 2;
        }
        using var canvasBitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(canvasBitmap))
        {
            // YOLO's letterbox colour; it never shows for stretched images.
            canvas.Clear(new SKColor(114, 114, 114));
            using var image = SKImage.FromBitmap(source);
            var target = SKRect.Create((float)padX, (float)padY, (float)(source.Width * scaleX), (float)(source.Height * scaleY));
            canvas.DrawImage(image, target, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        }
        var pixels = canvasBitmap.GetPixelSpan();
        var plane = width * height;
        for (var i = 0; i < plane; i++)
        {
            destination[i] = preprocessing.Apply(pixels[i * 4], 0);
            destination[plane + i] = preprocessing.Apply(pixels[i * 4 + 1], 1);
            destination[2 * plane + i] = preprocessing.Apply(pixels[i * 4 + 2], 2);
        }
        return new LetterboxedImage(source.Width, source.Height, scaleX, scaleY, padX, padY);
    }
}

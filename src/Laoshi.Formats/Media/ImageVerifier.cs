using Laoshi.Core.Errors;
using SkiaSharp;

namespace Laoshi.Formats.Media;

/// <summary>
/// Decodes a whole image with SkiaSharp to prove it is readable: a header can be intact while the pixels
/// after it are cut off. JPEG is decoded scaled down, so memory stays small for large photos.
/// </summary>
internal static class ImageVerifier
{
    public static void Verify(Stream stream, string name, long maxPixels)
    {
        stream.Position = 0;
        using var managed = new SKManagedStream(stream, disposeManagedStream: false);
        using var codec = SKCodec.Create(managed, out var created);
        if (codec is null)
            throw Undecodable(name, created.ToString());

        var size = codec.Info;
        if ((long)size.Width * size.Height > maxPixels)
            throw new BadInputException($"image too large: {size.Width}x{size.Height} pixels is over the limit of {maxPixels}", name);

        // JPEG decodes at an eighth of the size in the codec itself while still reading every byte, which is
        // all a damage check needs; formats that cannot scale fall back to a full-size decode.
        var scaled = codec.GetScaledDimensions(0.125f);
        var result = Decode(codec, scaled);
        if (result == SKCodecResult.InvalidScale && scaled != new SKSizeI(size.Width, size.Height))
            result = Decode(codec, new SKSizeI(size.Width, size.Height));
        if (result != SKCodecResult.Success)
            throw Undecodable(name, result == SKCodecResult.IncompleteInput ? "the data is truncated" : result.ToString());
    }

    private static SKCodecResult Decode(SKCodec codec, SKSizeI size)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        return codec.GetPixels(info, bitmap.GetPixels());
    }

    private static BadInputException Undecodable(string name, string reason) =>
        new($"undecodable image {name}: {reason}", name);
}

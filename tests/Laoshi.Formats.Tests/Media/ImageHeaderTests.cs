using Laoshi.Formats.Media;
using Laoshi.Formats.Tests.DatasetSupport;
using Laoshi.Formats.Tests.Support;
using SkiaSharp;

namespace Laoshi.Formats.Tests.Media;

public sealed class ImageHeaderTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, 640, 480)]
    [InlineData(SKEncodedImageFormat.Jpeg, 333, 17)]
    [InlineData(SKEncodedImageFormat.Webp, 101, 99)]
    public void Reads_the_size_of_encoded_images(SKEncodedImageFormat format, int width, int height)
    {
        var path = TestImages.Write(folder.File("image"), width, height, format);

        var header = ImageHeader.TryReadFile(path);

        Assert.NotNull(header);
        Assert.Equal((width, height), (header.Width, header.Height));
    }

    [Fact]
    public void Reads_gif_and_bmp_headers()
    {
        var gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
        byte[] bmp = [.. "BM"u8, 0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0, 3, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF, 1, 0, 24, 0, .. new byte[40]];

        Assert.Equal(new ImageHeaderInfo("image/gif", 1, 1), ImageHeader.TryRead(new MemoryStream(gif)));
        // A negative height stores rows top-down; the size is still 3 x 2.
        Assert.Equal(new ImageHeaderInfo("image/bmp", 3, 2), ImageHeader.TryRead(new MemoryStream(bmp)));
    }

    [Fact]
    public void Text_is_not_an_image()
    {
        Assert.Null(ImageHeader.TryRead(new MemoryStream("just some words, long enough to fill a header"u8.ToArray())));
    }
}

namespace Laoshi.Formats.Media;

/// <summary>The media types the probe recognises, and the file extensions exporters give them.</summary>
public static class MediaTypes
{
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Gif = "image/gif";
    public const string Bmp = "image/bmp";
    public const string WebP = "image/webp";
    public const string Wav = "audio/wav";
    public const string Mp3 = "audio/mpeg";
    public const string Ogg = "audio/ogg";
    public const string Flac = "audio/flac";
    public const string Text = "text/plain";

    /// <summary>The usual extension (with the dot) for a media type; ".bin" when unknown.</summary>
    public static string Extension(string mediaType) => mediaType switch
    {
        Png => ".png",
        Jpeg => ".jpg",
        Gif => ".gif",
        Bmp => ".bmp",
        WebP => ".webp",
        Wav => ".wav",
        Mp3 => ".mp3",
        Ogg => ".ogg",
        Flac => ".flac",
        Text => ".txt",
        _ => ".bin",
    };
}

namespace Laoshi.Storage;

/// <summary>Guesses a media type from the first bytes, then from the file name, for blobs stored without one.</summary>
internal static class MediaTypes
{
    public const string Unknown = "application/octet-stream";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".png"] = "image/png", [".gif"] = "image/gif",
        [".webp"] = "image/webp", [".bmp"] = "image/bmp", [".tif"] = "image/tiff", [".tiff"] = "image/tiff",
        [".wav"] = "audio/wav", [".mp3"] = "audio/mpeg", [".ogg"] = "audio/ogg", [".flac"] = "audio/flac",
        [".m4a"] = "audio/mp4", [".txt"] = "text/plain", [".json"] = "application/json",
    };

    public static string Guess(ReadOnlySpan<byte> head, string? originalName)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])) return "image/png";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (head.StartsWith("GIF8"u8)) return "image/gif";
        if (head.StartsWith("BM"u8)) return "image/bmp";
        if (head.Length >= 12 && head.StartsWith("RIFF"u8))
        {
            if (head[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
            if (head[8..12].SequenceEqual("WAVE"u8)) return "audio/wav";
        }
        if (head.StartsWith("fLaC"u8)) return "audio/flac";
        if (head.StartsWith("OggS"u8)) return "audio/ogg";
        if (head.StartsWith("ID3"u8)) return "audio/mpeg";
        var extension = originalName is null ? null : Path.GetExtension(originalName);
        return extension is not null && ByExtension.TryGetValue(extension, out var type) ? type : Unknown;
    }
}

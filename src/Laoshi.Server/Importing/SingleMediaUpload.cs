namespace Laoshi.Server.Importing;

/// <summary>
/// A browser uploads picked image and audio files one request each. Such a body is not a data file but one
/// item: it is put alone in a temporary folder and imported with the folder format, which probes it and
/// stores it as a blob like any folder import.
/// </summary>
internal static class SingleMediaUpload
{
    /// <summary>The file's media extension (".png", ".wav", …) when its first bytes say image or audio; else null.</summary>
    public static async Task<string?> MediaExtensionAsync(string file, CancellationToken cancellationToken)
    {
        var head = new byte[16];
        int length;
        await using (var stream = File.OpenRead(file)) length = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return Sniff(head.AsSpan(0, length));
    }

    private static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])) return ".png";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return ".jpg";
        if (head.StartsWith("GIF8"u8)) return ".gif";
        if (head.Length >= 12 && head.StartsWith("RIFF"u8))
        {
            if (head[8..12].SequenceEqual("WEBP"u8)) return ".webp";
            if (head[8..12].SequenceEqual("WAVE"u8)) return ".wav";
        }
        if (head.StartsWith("fLaC"u8)) return ".flac";
        if (head.StartsWith("OggS"u8)) return ".ogg";
        if (head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && head[1] != 0xFF)) return ".mp3";
        return null;
    }

    /// <summary>Moves the saved upload into a new temporary folder, under its own name (made safe), and returns the folder.</summary>
    public static string FolderOf(string file, string uploadName, string extension, List<string> temporary)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"laoshi-import-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        temporary.Add(folder);
        var name = Path.GetFileName(uploadName.Replace('\\', '/'));
        name = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')).TrimStart('.');
        if (name.Length == 0) name = "upload";
        if (!string.Equals(Path.GetExtension(name), extension, StringComparison.OrdinalIgnoreCase) && !KnownMediaExtension(Path.GetExtension(name)))
            name += extension;
        File.Move(file, Path.Combine(folder, name));
        temporary.Remove(file);
        return folder;
    }

    private static bool KnownMediaExtension(string extension) => extension.ToLowerInvariant() is
        ".png" or ".jpg" or ".jpeg" or ".gif" or ".webp" or ".wav" or ".flac" or ".ogg" or ".mp3";
}

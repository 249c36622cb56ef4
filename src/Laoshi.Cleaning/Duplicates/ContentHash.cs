using System.Security.Cryptography;
using System.Text;

namespace Laoshi.Cleaning;

/// <summary>
/// Lower-case hex SHA-256 of content: the same hash the blob store names blobs by, so two blobs are exact duplicates
/// when their stored hashes are equal, and a text's hash can be compared with a blob's.
/// </summary>
public static class ContentHash
{
    public static string OfBytes(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The hash of the text's UTF-8 bytes, as given.</summary>
    public static string OfText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(HashText(text));
    }

    /// <summary>The hash of the text after <paramref name="normalizer"/>: texts that differ only in what it removes hash the same.</summary>
    public static string OfText(string text, TextNormalizer normalizer) => OfText(normalizer.Normalize(text));

    public static async Task<string> OfStreamAsync(Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(content, ct));
    }

    internal static byte[] HashText(string text)
    {
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (length <= 1024)
        {
            Span<byte> buffer = stackalloc byte[length];
            var written = Encoding.UTF8.GetBytes(text, buffer);
            return SHA256.HashData(buffer[..written]);
        }
        return SHA256.HashData(Encoding.UTF8.GetBytes(text));
    }
}

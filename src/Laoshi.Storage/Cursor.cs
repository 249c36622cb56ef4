using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Laoshi.Core.Errors;

namespace Laoshi.Storage;

/// <summary>Opaque keyset cursors: the last id of a page, so that paging never skips or repeats a row.</summary>
internal static class Cursor
{
    private const string Prefix = "after:";

    public static string Encode(long lastId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + lastId.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The id to continue after; 0 (before every id) when there is no cursor.</summary>
    public static long Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                return id;
        }
        catch (FormatException)
        {
        }
        throw new BadInputException("the cursor is not one this server gave out; start again without it", field: "cursor");
    }

    public static int CheckLimit(int limit, int max = 1000)
    {
        if (limit < 1 || limit > max) throw new BadInputException($"limit must be between 1 and {max}, not {limit}", field: "limit");
        return limit;
    }
}

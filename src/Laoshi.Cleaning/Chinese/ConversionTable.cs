using System.Reflection;
using System.Text;

namespace Laoshi.Cleaning;

/// <summary>
/// One direction of Chinese script conversion: OpenCC's phrase and character dictionaries, applied by longest match
/// from left to right (OpenCC's own segmentation for these tables), so a phrase such as 頭髮 wins over its characters.
/// Immutable once built; safe to share between threads.
/// </summary>
internal sealed class ConversionTable
{
    private readonly Dictionary<string, string> _entries;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    // For each UTF-16 unit, the longest key starting with it (0: none); one read decides most characters.
    private readonly byte[] _longestKeyFrom = new byte[char.MaxValue + 1];
    // Single BMP character → single BMP character, the common case, without a dictionary look-up.
    private readonly char[] _single = new char[char.MaxValue + 1];

    private ConversionTable(IEnumerable<(string Key, string Value)> entries)
    {
        _entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            _entries[key] = value;
            var length = (byte)Math.Min(key.Length, byte.MaxValue);
            if (length > _longestKeyFrom[key[0]]) _longestKeyFrom[key[0]] = length;
            if (key.Length == 1 && value.Length == 1) _single[key[0]] = value[0];
        }
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _entries.Count;

    /// <summary>Builds a table from OpenCC text dictionaries; a key found in an earlier one wins (phrases first).</summary>
    public static ConversionTable FromResources(params string[] names)
    {
        var entries = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            foreach (var (key, value) in Read(name))
            {
                if (seen.Add(key)) entries.Add((key, value));
            }
        }
        return new ConversionTable(entries);
    }

    public string Convert(string text)
    {
        var first = FirstConvertible(text);
        if (first < 0) return text;
        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, first);
        var span = text.AsSpan();
        var i = first;
        var changed = false;
        while (i < span.Length)
        {
            var c = span[i];
            var longest = Math.Min(_longestKeyFrom[c], span.Length - i);
            var matched = false;
            for (var length = longest; length >= 2; length--)
            {
                if (_lookup.TryGetValue(span.Slice(i, length), out var phrase))
                {
                    changed |= !span.Slice(i, length).SequenceEqual(phrase);
                    builder.Append(phrase);
                    i += length;
                    matched = true;
                    break;
                }
            }
            if (matched) continue;
            var single = _single[c];
            if (single != '\0')
            {
                changed |= single != c;
                builder.Append(single);
            }
            else if (longest >= 1 && _lookup.TryGetValue(span.Slice(i, 1), out var value))
            {
                changed |= value.Length != 1 || value[0] != c;
                builder.Append(value);
            }
            else builder.Append(c);
            i++;
        }
        // Many characters start a phrase key without being converted; the caller can then keep its own string.
        return changed ? builder.ToString() : text;
    }

    private int FirstConvertible(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (_longestKeyFrom[text[i]] != 0) return i;
        }
        return -1;
    }

    private static IEnumerable<(string Key, string Value)> Read(string name)
    {
        var resource = $"Laoshi.Cleaning.Tables.{name}.txt";
        using var stream = typeof(ConversionTable).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the Chinese conversion table {resource} is missing from the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0) continue;
            var values = line.AsSpan(tab + 1);
            var space = values.IndexOf(' ');
            // OpenCC lists the usual conversion first; the others are alternatives for a person to choose from.
            yield return (line[..tab], (space < 0 ? values : values[..space]).ToString());
        }
    }
}

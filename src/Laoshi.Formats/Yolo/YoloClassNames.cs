using Laoshi.Core.Errors;

namespace Laoshi.Formats.Yolo;

/// <summary>
/// Reads a YOLO dataset's class names from classes.txt (one per line) or from the names key of data.yaml in
/// the forms Ultralytics writes: an inline list, a block list, or a block map of index to name. This is not a
/// YAML parser; anything else in the file is ignored.
/// </summary>
internal static class YoloClassNames
{
    public static readonly string[] YamlNames = ["data.yaml", "dataset.yaml", "data.yml", "dataset.yml"];

    /// <summary>The class names by index, and the file they came from; throws when the folder has neither file.</summary>
    public static async Task<(IReadOnlyList<string> Names, string File)> ReadAsync(string root, CancellationToken cancellationToken)
    {
        foreach (var candidate in new[] { "classes.txt", Path.Combine("labels", "classes.txt") })
        {
            var path = Path.Combine(root, candidate);
            if (File.Exists(path)) return (await ReadClassesTxtAsync(path, cancellationToken), candidate);
        }
        foreach (var candidate in YamlNames)
        {
            var path = Path.Combine(root, candidate);
            if (File.Exists(path)) return (ParseYaml(await File.ReadAllLinesAsync(path, cancellationToken), candidate), candidate);
        }
        throw new BadInputException("no classes.txt or data.yaml with the class names", root);
    }

    private static async Task<IReadOnlyList<string>> ReadClassesTxtAsync(string path, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            if (line.Trim() is { Length: > 0 } name) names.Add(name);
        }
        return names;
    }

    public static IReadOnlyList<string> ParseYaml(IReadOnlyList<string> lines, string file)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = StripComment(lines[i]);
            if (!line.StartsWith("names:", StringComparison.Ordinal)) continue;
            var rest = line["names:".Length..].Trim();
            if (rest.StartsWith('['))
            {
                // An inline list may wrap over several lines until its closing bracket.
                var text = rest;
                while (!text.Contains(']') && i + 1 < lines.Count) text += " " + StripComment(lines[++i]).Trim();
                if (!text.EndsWith(']')) throw new BadInputException("names: the inline list has no closing ']'", file, i + 1, field: "names");
                return SplitInline(text[1..^1]).Select(Unquote).ToList();
            }
            if (rest.Length > 0) throw new BadInputException("names: expected a list or a map of class names", file, i + 1, field: "names");
            return ParseBlock(lines, i + 1, file);
        }
        throw new BadInputException("no 'names:' key with the class names", file, field: "names");
    }

    private static List<string> ParseBlock(IReadOnlyList<string> lines, int start, string file)
    {
        var list = new List<string>();
        var map = new SortedDictionary<int, string>();
        for (var i = start; i < lines.Count; i++)
        {
            var raw = StripComment(lines[i]);
            if (raw.Trim().Length == 0) continue;
            if (!char.IsWhiteSpace(raw[0]) && !raw.StartsWith('-')) break; // the next top-level key
            var entry = raw.Trim();
            if (entry.StartsWith('-'))
            {
                list.Add(Unquote(entry[1..].Trim()));
                continue;
            }
            var colon = entry.IndexOf(':');
            if (colon <= 0 || !int.TryParse(entry[..colon].Trim(), out var index) || index < 0)
                throw new BadInputException($"names: expected '- name' or 'index: name', got '{entry}'", file, i + 1, field: "names");
            if (!map.TryAdd(index, Unquote(entry[(colon + 1)..].Trim())))
                throw new BadInputException($"names: class {index} is named twice", file, i + 1, field: "names");
        }
        if (map.Count == 0) return list;
        if (list.Count > 0) throw new BadInputException("names: mixes a list and a map", file, start, field: "names");
        var names = new List<string>();
        foreach (var (index, name) in map)
        {
            if (index != names.Count) throw new BadInputException($"names: class {names.Count} is missing", file, start, field: "names");
            names.Add(name);
        }
        return names;
    }

    private static IEnumerable<string> SplitInline(string text)
    {
        var current = new System.Text.StringBuilder();
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is null && c is '\'' or '"') quote = c;
            else if (quote == c) quote = null;
            if (quote is null && c == ',')
            {
                yield return current.ToString().Trim();
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (current.ToString().Trim() is { Length: > 0 } last) yield return last;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'') return value[1..^1].Replace("''", "'");
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') return value[1..^1].Replace("\\\"", "\"");
        return value;
    }

    private static string StripComment(string line)
    {
        // A '#' starts a comment only outside quotes and after a space (or at the start).
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is null && c is '\'' or '"') quote = c;
            else if (quote == c) quote = null;
            else if (quote is null && c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1]))) return line[..i].TrimEnd();
        }
        return line.TrimEnd();
    }
}

using System.Globalization;
using System.Text.Json;

namespace Laoshi.Quality.Tests;

/// <summary>Seeded rating data sets, written as the JSONL the CLI and the Python references read.</summary>
public sealed record Rating(string Item, string Annotator, object Label);

public static class Ratings
{
    /// <summary>
    /// Items with a true class; each annotator labels it (unless missing) right with probability `accuracy`, else at random.
    /// Numeric labels are 1..classes; nominal ones "c0".."cN".
    /// </summary>
    public static List<Rating> Generate(int seed, int items, int annotators, int classes, double missing, bool numeric,
        double accuracy = 0.6, int? perItem = null)
    {
        var random = new Random(seed);
        var rows = new List<Rating>();
        for (var i = 0; i < items; i++)
        {
            var truth = random.Next(classes);
            var who = Enumerable.Range(0, annotators).ToList();
            if (perItem is { } count) who = who.OrderBy(_ => random.Next()).Take(count).ToList();
            foreach (var a in who)
            {
                if (perItem is null && random.NextDouble() < missing) continue;
                var label = random.NextDouble() < accuracy ? truth : random.Next(classes);
                rows.Add(new Rating($"item{i:D4}", $"ann{a}", numeric ? label + 1 : $"c{label}"));
            }
        }
        return rows;
    }

    public static RatingTable Table(IEnumerable<Rating> rows)
    {
        var builder = new RatingTableBuilder();
        foreach (var row in rows)
        {
            if (row.Label is string text) builder.Add(row.Item, row.Annotator, text);
            else builder.Add(row.Item, row.Annotator, Convert.ToDouble(row.Label, CultureInfo.InvariantCulture));
        }
        return builder.Build();
    }

    public static string WriteJsonLines(IEnumerable<Rating> rows, string path)
    {
        using var writer = new StreamWriter(path);
        foreach (var row in rows)
            writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["item"] = row.Item, ["annotator"] = row.Annotator, ["label"] = row.Label }));
        return path;
    }
}

/// <summary>A temp folder removed after the test.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("laoshi-quality-").FullName;
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public void Dispose() => Directory.Delete(Path, recursive: true);
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Laoshi.Core.Errors;
using Laoshi.Evaluation.Classification;

namespace Laoshi.Evaluation.Tests;

/// <summary>
/// Files in the same order are cut into chunks of lines parsed on every core, each core with its own accumulator, merged
/// at the end: the figures must be the very ones (to the last digit) that one accumulator gives, whatever the lines
/// look like where a chunk ends, and every other file must still be read and reported as before.
/// </summary>
public sealed class ParallelClassificationFileTests : IDisposable
{
    private static readonly string[] Labels = ["spam", "ham", "中性", "other"];
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("laoshi-parallel-classification-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => folder.Delete(recursive: true);

    /// <summary>Seeded cases with four-decimal scores (the shape models write), some with long item names.</summary>
    private static List<ClassificationCase> Cases(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var truth = Labels[random.Next(Labels.Length)];
            var predicted = random.NextDouble() < 0.7 ? truth : Labels[random.Next(Labels.Length)];
            var scores = Labels.ToDictionary(l => l, l => Math.Round(random.NextDouble() * 0.5 + (l == predicted ? 0.5 : 0), i % 5 == 0 ? 6 : 4));
            var item = i % 97 == 0 ? $"item-{i}-{new string('x', random.Next(100, 3000))}" : $"item-{i}";
            return new ClassificationCase(item, [truth], [predicted], scores);
        })];
    }

    private static string Json(string text) => JsonSerializer.Serialize(text);

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string TruthLine(ClassificationCase c) => $"{{\"item\":{Json(c.Item)},\"label\":{Json(c.Truth[0])}}}";

    private static string PredictionLine(ClassificationCase c) =>
        $"{{\"item\":{Json(c.Item)},\"label\":{Json(c.Predicted[0])},\"scores\":{{{string.Join(",", c.Scores!.Select(s => $"{Json(s.Key)}:{Number(s.Value)}"))}}}}}";

    private string Write(string name, IEnumerable<string> lines, string newline = "\n", bool finalNewline = true)
    {
        var path = Path.Combine(folder.FullName, name);
        var text = string.Join(newline, lines);
        File.WriteAllText(path, finalNewline ? text + newline : text, new UTF8Encoding(false));
        return path;
    }

    private static string Figures(ClassificationReport report) => report.ToJson().ToJsonString();

    [Fact]
    public async Task Chunks_of_both_files_give_the_very_figures_of_one_accumulator()
    {
        // 5,000 lines: several chunks, lines of very different lengths where they are cut.
        var cases = Cases(5000, 1);
        var expected = Figures(ClassificationMetrics.Compute(cases));
        var (truthPath, predictionsPath) = (Write("t.jsonl", cases.Select(TruthLine)), Write("p.jsonl", cases.Select(PredictionLine)));
        var report = await ClassificationFiles.ComputeAsync(truthPath, predictionsPath, null, Ct);
        Assert.Equal(expected, Figures(report));
        Assert.Equal(5000, report.Items);
        // That was the chunked reader's work, not the general reader's.
        var aligned = await AlignedClassificationFiles.TryAccumulateAsync(truthPath, predictionsPath, null, Ct);
        Assert.Equal(expected, Figures(aligned!.Build()));

        // The general reader (predictions in another order) agrees to the last digit too.
        var shuffled = cases.OrderBy(c => c.Item.GetHashCode(StringComparison.Ordinal)).Select(PredictionLine);
        var (truth2, shuffledPath) = (Write("t2.jsonl", cases.Select(TruthLine)), Write("p2.jsonl", shuffled));
        Assert.Null(await AlignedClassificationFiles.TryAccumulateAsync(truth2, shuffledPath, null, Ct));
        var general = await ClassificationFiles.ComputeAsync(truth2, shuffledPath, null, Ct);
        Assert.Equal(expected, Figures(general));
    }

    [Fact]
    public async Task Crlf_blank_lines_and_a_missing_final_newline_change_nothing()
    {
        var cases = Cases(3000, 2);
        var expected = Figures(ClassificationMetrics.Compute(cases));
        var truth = cases.Select(TruthLine).ToList();
        var predictions = cases.Select(PredictionLine).ToList();

        var (truthCrlf, predictionsCrlf) = (Write("t-crlf.jsonl", truth, "\r\n"), Write("p-crlf.jsonl", predictions, "\r\n"));
        Assert.Equal(expected, Figures(await ClassificationFiles.ComputeAsync(truthCrlf, predictionsCrlf, null, Ct)));
        Assert.NotNull(await AlignedClassificationFiles.TryAccumulateAsync(truthCrlf, predictionsCrlf, null, Ct));

        var noFinalNewline = await ClassificationFiles.ComputeAsync(Write("t-end.jsonl", truth, finalNewline: false),
            Write("p-end.jsonl", predictions, finalNewline: false), null, Ct);
        Assert.Equal(expected, Figures(noFinalNewline));
        var oneWithout = await ClassificationFiles.ComputeAsync(Write("t-end2.jsonl", truth), Write("p-end2.jsonl", predictions, "\r\n", finalNewline: false), null, Ct);
        Assert.Equal(expected, Figures(oneWithout));

        // Blank lines at the same places (around a chunk's end), at different places, and trailing in one file only.
        static List<string> WithBlanks(List<string> lines, params int[] at)
        {
            var copy = new List<string>(lines);
            foreach (var index in at.OrderDescending()) copy.Insert(index, index % 2 == 0 ? "" : "   ");
            return copy;
        }
        var (truthBlank, predictionsBlank) = (Write("t-blank.jsonl", WithBlanks(truth, 0, 1023, 1024, 2047)),
            Write("p-blank.jsonl", WithBlanks(predictions, 0, 1023, 1024, 2047)));
        Assert.Equal(expected, Figures(await ClassificationFiles.ComputeAsync(truthBlank, predictionsBlank, null, Ct)));
        Assert.NotNull(await AlignedClassificationFiles.TryAccumulateAsync(truthBlank, predictionsBlank, null, Ct));
        var different = await ClassificationFiles.ComputeAsync(Write("t-blank2.jsonl", WithBlanks(truth, 5, 1500)),
            Write("p-blank2.jsonl", WithBlanks(predictions, 2999)), null, Ct);
        Assert.Equal(expected, Figures(different));
        var (truthTrailing, predictionsTrailing) = (Write("t-blank3.jsonl", [.. truth, "", ""]), Write("p-blank3.jsonl", predictions));
        Assert.Equal(expected, Figures(await ClassificationFiles.ComputeAsync(truthTrailing, predictionsTrailing, null, Ct)));
        Assert.NotNull(await AlignedClassificationFiles.TryAccumulateAsync(truthTrailing, predictionsTrailing, null, Ct));
    }

    [Fact]
    public async Task A_bad_line_past_the_first_chunks_is_named_by_its_own_line_number()
    {
        var cases = Cases(4000, 3);
        var truth = cases.Select(TruthLine).ToList();
        var predictions = cases.Select(PredictionLine).ToList();
        truth[2999] = "{\"item\":\"item-2999\",\"label\":7}";
        var error = await Assert.ThrowsAsync<BadInputException>(() =>
            ClassificationFiles.ComputeAsync(Write("t.jsonl", truth, "\r\n"), Write("p.jsonl", predictions), null, Ct));
        Assert.Equal((Path.Combine(folder.FullName, "t.jsonl"), 3000L, "label"), (error.Errors[0].File, error.Errors[0].Line, error.Errors[0].Field));

        // Blank lines before it count as lines.
        predictions[2500] = "{\"item\":\"item-2500\",\"label\":\"ham\",\"scores\":{\"ham\":\"high\"}}";
        var withBlanks = new List<string>(predictions);
        withBlanks.InsertRange(1000, ["", ""]);
        error = await Assert.ThrowsAsync<BadInputException>(() =>
            ClassificationFiles.ComputeAsync(Write("t2.jsonl", cases.Select(TruthLine)), Write("p2.jsonl", withBlanks), null, Ct));
        Assert.Equal((Path.Combine(folder.FullName, "p2.jsonl"), 2503L, "scores.ham"), (error.Errors[0].File, error.Errors[0].Line, error.Errors[0].Field));

        // A file cut short: the items left over are named as before.
        error = await Assert.ThrowsAsync<BadInputException>(() =>
            ClassificationFiles.ComputeAsync(Write("t3.jsonl", cases.Select(TruthLine)), Write("p3.jsonl", cases.Take(3998).Select(PredictionLine)), null, Ct));
        Assert.Contains("2 items has no prediction", error.Message);
        Assert.Contains("'item-3998' (line 3999)", error.Message);
    }

    [Fact]
    public async Task Multi_label_files_in_chunks_agree_with_one_accumulator()
    {
        var random = new Random(4);
        var cases = Enumerable.Range(0, 3000).Select(i =>
        {
            string[] Pick() => [.. Labels.Where(_ => random.NextDouble() < 0.4)];
            return new ClassificationCase($"{i}", Pick(), Pick(), Labels.ToDictionary(l => l, _ => Math.Round(random.NextDouble(), 3)));
        }).ToList();
        var truth = cases.Select(c => $"{{\"item\":{Json(c.Item)},\"label\":[{string.Join(",", c.Truth.Select(Json))}]}}");
        var predictions = cases.Select(c => $"{{\"item\":{Json(c.Item)},\"label\":[{string.Join(",", c.Predicted.Select(Json))}],\"scores\":{{{string.Join(",",
            c.Scores!.Select(s => $"{Json(s.Key)}:{Number(s.Value)}"))}}}}}");
        var report = await ClassificationFiles.ComputeAsync(Write("t.jsonl", truth), Write("p.jsonl", predictions), null, Ct);
        Assert.True(report.MultiLabel);
        Assert.NotNull(await AlignedClassificationFiles.TryAccumulateAsync(Path.Combine(folder.FullName, "t.jsonl"), Path.Combine(folder.FullName, "p.jsonl"), null, Ct));
        Assert.Equal(Figures(ClassificationMetrics.Compute(cases)), Figures(report));

        var error = await Assert.ThrowsAsync<BadInputException>(() => ClassificationFiles.ComputeAsync(Path.Combine(folder.FullName, "t.jsonl"),
            Path.Combine(folder.FullName, "p.jsonl"), new ClassificationOptions { MultiLabel = false }, Ct));
        Assert.Contains("single-label", error.Message);
    }

    [Fact]
    public async Task Scores_are_read_as_the_very_doubles_their_text_names()
    {
        // Short numbers take one exact division; long ones (17 digits, many leading zeros, 16 digits) the full parser;
        // exponents the general JSON reader. Every threshold of the curves must be the double itself.
        string[] written = ["0.1", "0.30000000000000004", "0.000000000000000123", "123456789012345.6", "-0.0", "0", "1", "0.9999", "1e-5",
            "2.5E+2", "0.12345678901234567890123", "-17.25", "0.7", "0.70"];
        var cases = written.Select((text, i) => new ClassificationCase($"{i}", [i % 2 == 0 ? "a" : "b"], ["a"],
            new Dictionary<string, double> { ["a"] = double.Parse(text, CultureInfo.InvariantCulture) })).ToList();
        var truth = cases.Select(TruthLine);
        var predictions = written.Select((text, i) => $"{{\"item\":\"{i}\",\"label\":\"a\",\"scores\":{{\"a\":{text}}}}}");
        var report = await ClassificationFiles.ComputeAsync(Write("t.jsonl", truth), Write("p.jsonl", predictions), null, Ct);
        Assert.Equal(Figures(ClassificationMetrics.Compute(cases)), Figures(report));
    }

    [Fact]
    public void Merged_accumulators_give_the_figures_of_one_whatever_the_split_or_order()
    {
        // Four-decimal scores (counted on the grid), seven-decimal ones (counted by value, then too many and sorted), a
        // label only one part sees, multi-label cases with fractional per-sample figures, and a schema label nobody uses.
        var random = new Random(5);
        var cases = Enumerable.Range(0, 90_000).Select(i =>
        {
            var truth = i == 17 ? "rare" : Labels[random.Next(Labels.Length)];
            string[] predicted = i % 50 == 0 ? [truth, Labels[random.Next(Labels.Length)]] : [random.NextDouble() < 0.6 ? truth : Labels[random.Next(Labels.Length)]];
            var scores = Labels.ToDictionary(l => l, l => Math.Round(random.NextDouble(), l == "ham" ? 7 : 4));
            return new ClassificationCase($"{i}", [truth], predicted.Distinct().ToArray(), scores);
        }).ToList();
        var options = new ClassificationOptions { Labels = ["unused"] };
        var expected = Figures(ClassificationMetrics.Compute(cases, options));
        Assert.Equal(expected, Figures(ClassificationMetrics.Compute(cases.OrderBy(_ => random.Next()), options)));
        foreach (var parts in new[] { 2, 3, 7 })
        {
            var accumulators = Enumerable.Range(0, parts).Select(_ => new ClassificationAccumulator(options)).ToArray();
            for (var i = 0; i < cases.Count; i++) accumulators[(i / 1000 + i) % parts].Add(cases[i]);
            foreach (var part in accumulators.Skip(1)) accumulators[0].Merge(part);
            Assert.Equal(expected, Figures(accumulators[0].Build()));
        }
        var one = new ClassificationAccumulator();
        Assert.Throws<ArgumentException>(() => one.Merge(one));
        Assert.Throws<ArgumentException>(() => one.Merge(new ClassificationAccumulator(new ClassificationOptions { CalibrationBins = 5 })));
    }
}

using Laoshi.Core.Errors;
using Laoshi.Evaluation.Classification;

namespace Laoshi.Evaluation.Tests;

/// <summary>What a user of classification metrics sees beyond the reference figures: files, errors, curves, calibration.</summary>
public sealed class ClassificationBehaviourTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("laoshi-classification-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => folder.Delete(recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    [Fact]
    public async Task Files_in_any_order_give_the_same_figures_as_the_cases_themselves()
    {
        var random = new Random(11);
        var labels = new[] { "spam", "ham", "中性" };
        var cases = Enumerable.Range(0, 3000).Select(i =>
        {
            var truth = labels[random.Next(3)];
            var predicted = random.NextDouble() < 0.7 ? truth : labels[random.Next(3)];
            var scores = labels.ToDictionary(l => l, l => Math.Round(random.NextDouble() * 0.5 + (l == predicted ? 0.5 : 0), 3));
            return new ClassificationCase($"item-{i}", [truth], [predicted], scores);
        }).ToList();
        var expected = ClassificationMetrics.Compute(cases).ToJson();

        static string Json(string s) => System.Text.Json.JsonSerializer.Serialize(s);
        var truthLines = cases.Select(c => $"{{\"item\": {Json(c.Item)}, \"label\": {Json(c.Truth[0])}}}").ToArray();
        var predLines = cases.Select(c => $"{{\"item\": {Json(c.Item)}, \"label\": {Json(c.Predicted[0])}, \"scores\": {{{string.Join(", ",
            c.Scores!.Select(s => $"{Json(s.Key)}: {s.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"))}}}}}").ToArray();
        var sameOrder = await ClassificationFiles.ComputeAsync(Write("t.jsonl", truthLines), Write("p.jsonl", predLines), null, Ct);
        JsonAssert.Close(expected, sameOrder.ToJson());
        // Compact lines (no spaces, as programs write them) take the reader's fast path; the figures are the same.
        var compactTruth = cases.Select(c => $"{{\"item\":{Json(c.Item)},\"label\":{Json(c.Truth[0])}}}").ToArray();
        var compactPred = cases.Select(c => $"{{\"item\":{Json(c.Item)},\"label\":{Json(c.Predicted[0])},\"scores\":{{{string.Join(",",
            c.Scores!.Select(s => $"{Json(s.Key)}:{s.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"))}}}}}").ToArray();
        var compact = await ClassificationFiles.ComputeAsync(Write("tc.jsonl", compactTruth), Write("pc.jsonl", compactPred), null, Ct);
        JsonAssert.Close(expected, compact.ToJson());
        var shuffled = predLines.OrderBy(_ => random.Next()).ToArray();
        var anyOrder = await ClassificationFiles.ComputeAsync(Write("t2.jsonl", truthLines), Write("p2.jsonl", shuffled), null, Ct);
        JsonAssert.Close(expected, anyOrder.ToJson());
    }

    [Fact]
    public async Task A_bad_line_names_the_file_the_line_and_the_field()
    {
        var truth = Write("truth.jsonl", "{\"item\": \"1\", \"label\": \"a\"}", "{\"item\": \"2\", \"label\": 7}");
        var pred = Write("pred.jsonl", "{\"item\": \"1\", \"label\": \"a\"}", "{\"item\": \"2\", \"label\": \"b\"}");
        var error = await Assert.ThrowsAsync<BadInputException>(() => ClassificationFiles.ComputeAsync(truth, pred, null, Ct));
        Assert.Equal((truth, 2L, "label"), (error.Errors[0].File, error.Errors[0].Line, error.Errors[0].Field));

        var badScore = Write("pred2.jsonl", "{\"item\": \"1\", \"label\": \"a\", \"scores\": {\"a\": \"high\"}}");
        error = await Assert.ThrowsAsync<BadInputException>(() => ClassificationFiles.ComputeAsync(Write("t1.jsonl", "{\"item\": \"1\", \"label\": \"a\"}"), badScore, null, Ct));
        Assert.Equal((badScore, 1L, "scores.a"), (error.Errors[0].File, error.Errors[0].Line, error.Errors[0].Field));

        var notJson = Write("pred3.jsonl", "{\"item\": \"1\", \"label\": \"a\"", "");
        error = await Assert.ThrowsAsync<BadInputException>(() => ClassificationFiles.ComputeAsync(Write("t3.jsonl", "{\"item\": \"1\", \"label\": \"a\"}"), notJson, null, Ct));
        Assert.Contains("line 1", error.Message);
    }

    [Fact]
    public async Task Items_without_a_partner_are_named()
    {
        var truth = Write("truth.jsonl", "{\"item\": \"1\", \"label\": \"a\"}", "{\"item\": \"2\", \"label\": \"b\"}", "{\"item\": \"3\", \"label\": \"b\"}");
        var pred = Write("pred.jsonl", "{\"item\": \"1\", \"label\": \"a\"}", "{\"item\": \"3\", \"label\": null}");
        var error = await Assert.ThrowsAsync<BadInputException>(() => ClassificationFiles.ComputeAsync(truth, pred, null, Ct));
        Assert.Contains("1 item has no prediction", error.Message);
        Assert.Contains("'2' (line 2)", error.Message);

        var extra = Write("pred2.jsonl", "{\"item\": \"1\", \"label\": \"a\"}", "{\"item\": \"2\", \"label\": \"a\"}", "{\"item\": \"3\", \"label\": \"a\"}", "{\"item\": 4, \"label\": \"a\"}");
        error = await Assert.ThrowsAsync<BadInputException>(() => ClassificationFiles.ComputeAsync(truth, extra, null, Ct));
        Assert.Contains("'4' (line 4)", error.Message);
        Assert.Contains("has no truth", error.Message);

        // A prediction of nothing ("label": null) is an answer, and a wrong one.
        var abstained = Write("pred3.jsonl", "{\"item\": \"1\", \"label\": \"a\"}", "{\"item\": \"2\", \"label\": \"b\"}", "{\"item\": \"3\", \"label\": null}");
        var report = await ClassificationFiles.ComputeAsync(truth, abstained, null, Ct);
        Assert.Equal(2 / 3.0, report.Accuracy, 12);
    }

    [Fact]
    public void Curves_run_from_the_origin_to_the_corner_within_the_point_budget()
    {
        var random = new Random(5);
        var cases = Enumerable.Range(0, 5000).Select(i =>
        {
            var truth = random.NextDouble() < 0.3 ? "yes" : "no";
            var p = Math.Clamp(random.NextDouble() * 0.6 + (truth == "yes" ? 0.4 : 0), 0, 1);
            return new ClassificationCase($"{i}", [truth], [p >= 0.5 ? "yes" : "no"], new Dictionary<string, double> { ["yes"] = p, ["no"] = 1 - p });
        }).ToList();
        var report = ClassificationMetrics.Compute(cases, new ClassificationOptions { CurvePoints = 50 });
        var yes = report.Curves.Single(c => c.Label == "yes");
        Assert.InRange(yes.Roc.Count, 2, 51);
        Assert.Equal((0.0, 0.0), (yes.Roc[0].FalsePositiveRate, yes.Roc[0].TruePositiveRate));
        Assert.Equal((1.0, 1.0), (yes.Roc[^1].FalsePositiveRate, yes.Roc[^1].TruePositiveRate));
        Assert.True(yes.Roc.Zip(yes.Roc.Skip(1)).All(p => p.Second.FalsePositiveRate >= p.First.FalsePositiveRate && p.Second.TruePositiveRate >= p.First.TruePositiveRate));
        Assert.Equal(1.0, yes.Pr[^1].Recall);
        Assert.Equal(10, report.Reliability.Count);
        Assert.Equal(5000, report.Reliability.Sum(b => b.Count));
        var json = report.ToJson();
        Assert.NotNull(json["curves"]!["yes"]!["roc"]);
        Assert.Null(json["curves"]!["yes"]!["roc"]![0]!["threshold"]);
    }

    [Fact]
    public void A_perfectly_calibrated_model_has_an_ece_near_zero_and_an_overconfident_one_does_not()
    {
        var random = new Random(9);
        List<ClassificationCase> Model(Func<double, double> stated) => [.. Enumerable.Range(0, 20000).Select(i =>
        {
            var confidence = 0.5 + random.NextDouble() * 0.5;
            var right = random.NextDouble() < confidence;
            return new ClassificationCase($"{i}", ["a"], [right ? "a" : "b"], new Dictionary<string, double> { [right ? "a" : "b"] = stated(confidence) });
        })];
        var calibrated = ClassificationMetrics.Compute(Model(c => c));
        var overconfident = ClassificationMetrics.Compute(Model(c => Math.Min(1, c + 0.2)));
        Assert.InRange(calibrated.Ece!.Value, 0, 0.02);
        Assert.InRange(overconfident.Ece!.Value, 0.12, 0.25);
    }

    [Fact]
    public void Single_label_options_refuse_multi_label_cases_naming_the_item()
    {
        var accumulator = new ClassificationAccumulator(new ClassificationOptions { MultiLabel = false });
        accumulator.Add(new ClassificationCase("ok", ["a"], ["a"]));
        var error = Assert.Throws<BadInputException>(() => accumulator.Add(new ClassificationCase("two", ["a", "b"], ["a"])));
        Assert.Contains("'two'", error.Message);
        var forced = ClassificationMetrics.Compute([new ClassificationCase("1", ["a"], ["a"]), new("2", ["b"], ["a"])], new ClassificationOptions { MultiLabel = true });
        Assert.True(forced.MultiLabel);
        Assert.Null(forced.Confusion);
        Assert.NotNull(forced.Samples);
        var schema = ClassificationMetrics.Compute([new ClassificationCase("1", ["a"], ["a"])], new ClassificationOptions { Labels = ["a", "unused"] });
        Assert.Equal(0.5, schema.Macro.F1);
    }

    [Fact]
    public void Cases_added_by_label_id_give_the_same_figures_as_cases_added_by_name()
    {
        var random = new Random(23);
        var labels = new[] { "cat", "dog", "bird" };
        var byName = new ClassificationAccumulator();
        var byId = new ClassificationAccumulator();
        var ids = labels.Select(byId.LabelId).ToArray();
        for (var i = 0; i < 5000; i++)
        {
            var truth = random.Next(3);
            var predicted = random.NextDouble() < 0.6 ? truth : random.Next(3);
            var scores = labels.Select((_, k) => Math.Round(random.NextDouble() * 0.5 + (k == predicted ? 0.5 : 0), 3)).ToArray();
            byName.Add(new ClassificationCase($"{i}", [labels[truth]], [labels[predicted]], labels.Zip(scores).ToDictionary(p => p.First, p => p.Second)));
            byId.Add(ids[truth], ids[predicted], ids, scores);
        }
        JsonAssert.Close(byName.Build().ToJson(), byId.Build().ToJson());
        Assert.Throws<ArgumentOutOfRangeException>(() => byId.Add(ids[0], 99, [], []));
    }

    [Theory]
    [InlineData(9, 150000)]
    [InlineData(6, 30000)]
    [InlineData(2, 30000)]
    public void Large_score_columns_rank_exactly_by_the_definition_of_auc(int decimals, int count)
    {
        // More than 65,536 distinct scores (9 decimals, 150,000 cases) are counted by value until there are too many,
        // then radix-sorted; fewer stay counted by value: negative scores, zeros of both signs and ties included.
        var random = new Random(17);
        var cases = Enumerable.Range(0, count).Select(i =>
        {
            var truth = random.NextDouble() < 0.4 ? "a" : "b";
            var score = i % 7 == 0 ? (i % 2 == 0 ? 0.0 : -0.0) : Math.Round(random.NextDouble() * 4 - 2 + (truth == "a" ? 0.8 : 0), i % 3 == 0 ? 1 : decimals);
            return new ClassificationCase($"{i}", [truth], [score > 0 ? "a" : "b"], new Dictionary<string, double> { ["a"] = score });
        }).ToList();
        var large = ClassificationMetrics.Compute(cases).PerClass.Single(c => c.Label == "a");
        // The same AUC from its definition: the chance a positive outranks a negative, ties counting half.
        var positives = cases.Where(c => c.Truth[0] == "a").Select(c => c.Scores!["a"]).Order().ToArray();
        var negatives = cases.Where(c => c.Truth[0] == "b").Select(c => c.Scores!["a"]).Order().ToArray();
        double wins = 0;
        foreach (var p in positives)
        {
            var below = LowerBound(negatives, p);
            var equal = LowerBound(negatives, BitIncrement(p)) - below;
            wins += below + equal / 2.0;
        }
        Assert.Equal(wins / ((double)positives.Length * negatives.Length), large.RocAuc!.Value, 12);
    }

    private static double BitIncrement(double value) => value == 0 ? double.Epsilon : Math.BitIncrement(value);

    private static int LowerBound(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle] < value) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}

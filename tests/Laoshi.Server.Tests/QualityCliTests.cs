using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>`laoshi agreement` and `laoshi aggregate` as a user types them, on files and on a project.</summary>
public sealed class QualityCliTests() : CliFolders("laoshi-quality-cli")
{
    /// <summary>Krippendorff (2011), section C: 4 observers, 12 units, with gaps.</summary>
    private string ReliabilityData()
    {
        int?[][] values =
        [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
            [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
        ];
        var lines = new List<string>();
        for (var observer = 0; observer < 4; observer++)
            for (var unit = 0; unit < 12; unit++)
                if (values[observer][unit] is { } v) lines.Add($$"""{"item": "unit{{unit + 1}}", "annotator": "{{"ABCD"[observer]}}", "label": {{v}}}""");
        return Write("reliability.jsonl", string.Join('\n', lines) + "\n");
    }

    /// <summary>Error text with the console's line wrapping undone.</summary>
    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private static double Value(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonNode.Parse(result.Output)!;
        return json["value"]!.GetValue<double>();
    }

    [Fact]
    public async Task Agreement_of_a_file_prints_krippendorffs_published_alphas_as_json()
    {
        var file = ReliabilityData();
        var nominal = await CliProcess.RunAsync(data, "agreement", "--input", file, "--metric", "krippendorff", "--json");
        Assert.Equal(0.743, Math.Round(Value(nominal), 3));
        var json = JsonNode.Parse(nominal.Output)!;
        Assert.Equal("krippendorff", json["metric"]!.GetValue<string>());
        Assert.Equal(12, json["items"]!.GetValue<int>());
        Assert.Equal(4, json["annotators"]!.GetValue<int>());
        Assert.Equal(6, json["pairs"]!.AsArray().Count);
        Assert.Equal(5, json["per_label"]!.AsArray().Count);

        var interval = await CliProcess.RunAsync(data, "agreement", "--input", file, "--metric", "krippendorff", "--level", "interval", "--json");
        Assert.Equal(0.849, Math.Round(Value(interval), 3));

        var percent = await CliProcess.RunAsync(data, "agreement", "--input", file, "--metric", "percent", "--json");
        Assert.InRange(Value(percent), 0.5, 1);

        var text = await CliProcess.RunAsync(data, "agreement", "--input", file, "--level", "ordinal");
        Assert.Contains("krippendorff alpha (ordinal): 0.815", text.Output);
    }

    [Fact]
    public async Task Cohen_needs_two_annotators_and_fleiss_the_same_count_per_item_and_both_say_so()
    {
        var file = ReliabilityData();
        var cohen = await CliProcess.RunAsync(data, "agreement", "--input", file, "--metric", "cohen");
        Assert.NotEqual(0, cohen.ExitCode);
        Assert.Contains("exactly two annotators; the data has 4", Flat(cohen.Error));

        var fleiss = await CliProcess.RunAsync(data, "agreement", "--input", file, "--metric", "fleiss");
        Assert.NotEqual(0, fleiss.ExitCode);
        Assert.Contains("item 'unit2' has 4", Flat(fleiss.Error));
        Assert.Contains("item 'unit1' (the first) has 3", Flat(fleiss.Error));

        var pair = Write("pair.jsonl", """
            {"item": "a", "annotator": "x", "label": "cat"}
            {"item": "a", "annotator": "y", "label": "cat"}
            {"item": "b", "annotator": "x", "label": "dog"}
            {"item": "b", "annotator": "y", "label": "cat"}
            {"item": "c", "annotator": "x", "label": "dog"}
            {"item": "c", "annotator": "y", "label": "dog"}
            """);
        // Observed 2/3, expected (1/3·2/3 + 2/3·1/3) = 4/9: kappa = (2/3 − 4/9) / (1 − 4/9) = 0.4
        Assert.Equal(0.4, Value(await CliProcess.RunAsync(data, "agreement", "--input", pair, "--metric", "cohen", "--json")), 1e-12);
        // Fleiss: P̄ = 2/3, p = (1/2, 1/2), P̄e = 1/2: kappa = 1/3.
        Assert.Equal(1.0 / 3, Value(await CliProcess.RunAsync(data, "agreement", "--input", pair, "--metric", "fleiss", "--json")), 1e-12);
    }

    [Fact]
    public async Task A_bad_line_is_an_error_naming_file_line_and_field()
    {
        var file = Write("bad.jsonl", """
            {"item": "a", "annotator": "x", "label": "cat"}

            {"item": "a", "annotator": "y", "label": ["cat"]}
            """);
        var result = await CliProcess.RunAsync(data, "agreement", "--input", file, "--metric", "percent");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("bad.jsonl, line 3, field 'label'", Flat(result.Error));

        var missing = Write("missing.jsonl", """{"item": "a", "label": "cat"}""");
        var noAnnotator = await CliProcess.RunAsync(data, "agreement", "--input", missing);
        Assert.NotEqual(0, noAnnotator.ExitCode);
        Assert.Contains("missing.jsonl, line 1, field 'annotator'", Flat(noAnnotator.Error));

        var twice = Write("twice.jsonl", """
            {"item": "a", "annotator": "x", "label": "cat"}
            {"item": "a", "annotator": "x", "label": "dog"}
            """);
        var duplicate = await CliProcess.RunAsync(data, "aggregate", "--input", twice, "--out", Path.Combine(work, "out.jsonl"));
        Assert.NotEqual(0, duplicate.ExitCode);
        Assert.Contains("twice.jsonl, line 2, field 'annotator'", Flat(duplicate.Error));
        Assert.Contains("first on line 1", Flat(duplicate.Error));
        Assert.False(File.Exists(Path.Combine(work, "out.jsonl")));
    }

    [Fact]
    public async Task Aggregate_writes_one_label_per_item_deterministically()
    {
        var lines = new List<string>();
        var random = new Random(5);
        for (var i = 0; i < 200; i++)
        {
            var truth = random.Next(3);
            for (var a = 0; a < 5; a++)
            {
                var label = random.NextDouble() < 0.7 ? truth : random.Next(3);
                lines.Add($$"""{"item": "i{{i}}", "annotator": "a{{a}}", "label": "class {{label}}"}""");
            }
        }
        var input = Write("ratings.jsonl", string.Join('\n', lines));
        foreach (var method in new[] { "majority", "dawid-skene" })
        {
            var first = Path.Combine(work, $"{method}-1.jsonl");
            var second = Path.Combine(work, $"{method}-2.jsonl");
            var run = await CliProcess.RunAsync(data, "aggregate", "--input", input, "--method", method, "--out", first);
            Assert.True(run.ExitCode == 0, run.Error);
            await CliProcess.RunAsync(data, "aggregate", "--input", input, "--method", method, "--out", second);
            Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
            Assert.False(File.Exists(first + ".partial"));
            var rows = File.ReadAllLines(first).Select(l => JsonNode.Parse(l)!).ToList();
            Assert.Equal(200, rows.Count);
            Assert.Equal("i0", rows[0]["item"]!.GetValue<string>());
            Assert.All(rows, r => Assert.StartsWith("class ", r["label"]!.GetValue<string>()));
            Assert.All(rows, r => Assert.InRange(r["confidence"]!.GetValue<double>(), 0.2, 1));
        }
    }

    [Fact]
    public async Task Agreement_and_aggregate_of_a_project_read_its_current_answers()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(data, "project", "create", "feelings", "--schema", Write("s.xml", TestSchemas.TextConfig))).ExitCode);
        string Answer(string who, string choice) =>
            $$$"""{"completed_by": "{{{who}}}", "lead_time": 4, "result": [{"id": "r", "from_name": "emotion", "to_name": "text", "type": "choices", "value": {"choices": ["{{{choice}}}"]}}]}""";
        var tasks = Write("tasks.jsonl", string.Join('\n',
            $$$"""{"data": {"text": "one"}, "annotations": [{{{Answer("alice", "joy")}}}, {{{Answer("bob", "joy")}}}]}""",
            $$$"""{"data": {"text": "two"}, "annotations": [{{{Answer("alice", "sadness")}}}, {{{Answer("bob", "joy")}}}]}""",
            $$$"""{"data": {"text": "three"}, "annotations": [{{{Answer("alice", "sadness")}}}, {{{Answer("bob", "sadness")}}}]}"""));
        var imported = await CliProcess.RunAsync(data, "import", "feelings", tasks);
        Assert.True(imported.ExitCode == 0, imported.Error);

        var cohen = await CliProcess.RunAsync(data, "agreement", "feelings", "--metric", "cohen", "--json");
        Assert.Equal(0.4, Value(cohen), 1e-12); // the same 2-of-3 table as the file case
        Assert.Equal("emotion", JsonNode.Parse(cohen.Output)!["control"]!.GetValue<string>());

        var wrongControl = await CliProcess.RunAsync(data, "agreement", "feelings", "--control", "entities");
        Assert.NotEqual(0, wrongControl.ExitCode);
        Assert.Contains("'entities' is not a choices or rating control", Flat(wrongControl.Error));

        var output = Path.Combine(work, "agreed.jsonl");
        var aggregated = await CliProcess.RunAsync(data, "aggregate", "feelings", "--method", "majority", "--out", output);
        Assert.True(aggregated.ExitCode == 0, aggregated.Error);
        var labels = File.ReadAllLines(output).Select(l => JsonNode.Parse(l)!["label"]!.GetValue<string>()).ToList();
        Assert.Equal(["joy", "joy", "sadness"], labels); // the tie on "two" goes to the label that sorts first
    }
}

using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>`laoshi metrics classification|ner|wer` as a CI pipeline runs them: files in, JSON out, gates deciding the exit code.</summary>
public sealed class MetricsCliTests() : CliFolders("laoshi-metrics-cli")
{
    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private (string Truth, string Pred) Classification()
    {
        var truth = Write("truth.jsonl", """
            {"item": "1", "label": "cat"}
            {"item": "2", "label": "dog"}
            {"item": "3", "label": "cat"}
            {"item": "4", "label": "bird"}
            """);
        var pred = Write("pred.jsonl", """
            {"item": "1", "label": "cat", "scores": {"cat": 0.8, "dog": 0.1, "bird": 0.1}}
            {"item": "3", "label": "dog", "scores": {"cat": 0.3, "dog": 0.6, "bird": 0.1}}
            {"item": "2", "label": "dog", "scores": {"cat": 0.2, "dog": 0.7, "bird": 0.1}}
            {"item": "4", "label": "bird", "scores": {"cat": 0.1, "dog": 0.2, "bird": 0.7}}
            """);
        return (truth, pred);
    }

    [Fact]
    public async Task Classification_prints_the_issues_json_names()
    {
        var (truth, pred) = Classification();
        var result = await CliProcess.RunAsync(data, "metrics", "classification", "--truth", truth, "--pred", pred, "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonNode.Parse(result.Output)!.AsObject();
        foreach (var name in new[] { "accuracy", "precision_macro", "recall_macro", "f1_macro", "f1_micro", "f1_weighted", "roc_auc_macro", "ece" })
            Assert.True(json[name] is JsonValue, $"{name} missing from {result.Output}");
        Assert.Equal(0.75, json["accuracy"]!.GetValue<double>());
        Assert.Equal(1.0, json["per_class"]!["cat"]!["precision"]!.GetValue<double>());
        Assert.Equal(2, json["per_class"]!["cat"]!["support"]!.GetValue<long>());
        Assert.Equal("""["bird","cat","dog"]""", json["confusion"]!["labels"]!.ToJsonString());
        Assert.Equal("[[1,0,0],[0,1,1],[0,0,1]]", json["confusion"]!["matrix"]!.ToJsonString());

        var text = await CliProcess.RunAsync(data, "metrics", "classification", "--truth", truth, "--pred", pred);
        Assert.Contains("accuracy 0.7500", text.Output);
    }

    [Fact]
    public async Task A_failing_gate_exits_1_and_says_which()
    {
        var (truth, pred) = Classification();
        var passing = await CliProcess.RunAsync(data, "metrics", "classification", "--truth", truth, "--pred", pred,
            "--gate", "accuracy>=0.75", "--gate", "per_class.bird.f1==1");
        Assert.True(passing.ExitCode == 0, passing.Output + passing.Error);
        Assert.Contains("gate accuracy>=0.75: passed", passing.Output);

        var failing = await CliProcess.RunAsync(data, "metrics", "classification", "--truth", truth, "--pred", pred, "--json",
            "--gate", "accuracy>=0.75", "--gate", "f1_macro>=0.9");
        Assert.Equal(1, failing.ExitCode);
        Assert.Contains("gate f1_macro>=0.9: FAILED", failing.Error);
        Assert.Contains("1 of 2 gates failed", failing.Error);
        var json = JsonNode.Parse(failing.Output)!;
        Assert.False(json["gates"]![1]!["passed"]!.GetValue<bool>());

        var unknown = await CliProcess.RunAsync(data, "metrics", "classification", "--truth", truth, "--pred", pred, "--gate", "f1>=0.9");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no metric 'f1'", Flat(unknown.Error));
        Assert.Contains("f1_macro", unknown.Error);

        var malformed = await CliProcess.RunAsync(data, "metrics", "classification", "--truth", truth, "--pred", pred, "--gate", "f1_macro=>0.9");
        Assert.Equal(1, malformed.ExitCode);
        Assert.Contains("'f1_macro=>0.9'", Flat(malformed.Error));
    }

    [Fact]
    public async Task A_bad_prediction_line_is_named_by_file_and_line()
    {
        var (truth, _) = Classification();
        var pred = Write("bad.jsonl", "{\"item\": \"1\", \"label\": \"cat\"}\n{\"item\": \"2\", \"labels\": \"dog\"}\n");
        var result = await CliProcess.RunAsync(data, "metrics", "classification", "--truth", truth, "--pred", pred);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.jsonl, line 2, field 'label'", Flat(result.Error));
    }

    [Fact]
    public async Task Ner_scores_spans_by_conllevals_rules()
    {
        var conll = Write("ner.txt", """
            张 B-PER B-PER
            三 I-PER I-PER
            在 O O
            北 B-LOC B-ORG
            京 I-LOC I-ORG

            Li B-PER B-PER
            """);
        var result = await CliProcess.RunAsync(data, "metrics", "ner", "--conll", conll, "--json", "--gate", "per_type.PER.f1>=1");
        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonNode.Parse(result.Output)!;
        Assert.Equal((3L, 3L, 2L), (json["phrases"]!.GetValue<long>(), json["found"]!.GetValue<long>(), json["correct"]!.GetValue<long>()));
        Assert.Equal(2 / 3.0, json["precision"]!.GetValue<double>(), 12);
        Assert.Equal(1, json["per_type"]!["ORG"]!["found"]!.GetValue<long>());

        var wrongScheme = await CliProcess.RunAsync(data, "metrics", "ner", "--conll", Write("iobes.txt", "a S-PER S-PER\n"), "--scheme", "iob2");
        Assert.Equal(1, wrongScheme.ExitCode);
        Assert.Contains("line 1", wrongScheme.Error);
    }

    [Fact]
    public async Task Wer_gives_rates_and_edit_counts_by_word_or_character()
    {
        var truth = Write("ref.txt", "the cat sat on the mat\n今天天气很好\n");
        var pred = Write("hyp.txt", "the cat sit on mat please\n今天天汽很好\n");
        var words = await CliProcess.RunAsync(data, "metrics", "wer", "--truth", truth, "--pred", pred, "--json");
        Assert.True(words.ExitCode == 0, words.Error);
        var json = JsonNode.Parse(words.Output)!;
        // 3 errors in 6 words, then 1 in 6 characters (Chinese scored by character).
        Assert.Equal(4 / 12.0, json["wer"]!.GetValue<double>(), 12);
        Assert.Equal((2L, 1L, 1L, 9L), (json["substitutions"]!.GetValue<long>(), json["deletions"]!.GetValue<long>(),
            json["insertions"]!.GetValue<long>(), json["hits"]!.GetValue<long>()));
        Assert.NotNull(json["cer"]);

        var characters = await CliProcess.RunAsync(data, "metrics", "wer", "--truth", truth, "--pred", pred, "--unit", "char", "--gate", "cer<=0.01");
        Assert.Equal(1, characters.ExitCode);
        Assert.Contains("gate cer<=0.01: FAILED", characters.Output);
    }
}

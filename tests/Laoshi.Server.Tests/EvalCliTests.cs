using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>`laoshi eval` as a CI step: gates decide the exit code, the HTML report is written, evaluations are kept and compared.</summary>
public sealed class EvalCliTests() : CliFolders("laoshi-eval-cli")
{
    [Fact]
    public async Task Eval_exits_1_when_a_gate_fails_writes_the_report_and_evaluations_compare()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(data, "project", "create", "feelings", "--schema", Write("s.xml", TestSchemas.TextConfig))).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(data, "import", "feelings", Write("t.jsonl", EvaluationData.Jsonl()))).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(data, "snapshot", "create", "feelings", "test")).ExitCode);

        var report = Path.Combine(work, "v1.html");
        var failing = await CliProcess.RunAsync(data, "eval", "feelings", "--model", "predictions:v1", "--snapshot", "test",
            "--gate", "accuracy>=0.5", "--gate", "f1_macro>=0.85", "--report", report);
        Assert.True(failing.ExitCode == 1, failing.Output + failing.Error);
        Assert.Contains("gate accuracy>=0.5: passed (accuracy = 0.5)", failing.Output);
        Assert.Contains("gate f1_macro>=0.85: FAILED", failing.Output);
        Assert.Contains("<svg", await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken));

        var passing = await CliProcess.RunAsync(data, "eval", "feelings", "--model", "predictions:v2", "--snapshot", "test",
            "--gate", "f1_macro>=0.85", "--gate", "entities.f1==1", "--json");
        Assert.True(passing.ExitCode == 0, passing.Output + passing.Error);
        var json = JsonNode.Parse(passing.Output)!;
        Assert.Equal(0.875, json["report"]!["controls"]!["emotion"]!["metrics"]!["accuracy"]!.GetValue<double>(), 1e-12);
        Assert.All(json["gates"]!.AsArray(), g => Assert.True(g!["passed"]!.GetValue<bool>()));

        var compare = await CliProcess.RunAsync(data, "evaluations", "compare", "feelings", "1", "2", "--json");
        Assert.True(compare.ExitCode == 0, compare.Error);
        Assert.Equal(1, JsonNode.Parse(compare.Output)!["controls"]!["emotion"]!["flips"]!["right_to_wrong"]!.GetValue<int>());
        var list = await CliProcess.RunAsync(data, "evaluations", "list", "feelings");
        Assert.Contains("predictions:v2", list.Output);

        var unknownGate = await CliProcess.RunAsync(data, "eval", "feelings", "--model", "predictions:v2", "--snapshot", "test", "--gate", "nonsense>=1");
        Assert.Equal(1, unknownGate.ExitCode);
        Assert.Contains("nonsense", unknownGate.Output + unknownGate.Error);
    }
}

using System.CommandLine;
using Laoshi.Evaluation.Behaviour;
using Laoshi.Server.Behaviour;

namespace Laoshi.Cli.Commands;

/// <summary>
/// `laoshi behaviour`: runs a CheckList-style suite (mft / inv / dir tests from a JSON file) against a model and prints
/// each test's failure rate with failing examples; --gate over the JSON names (failure_rate, tests.NAME.failure_rate)
/// makes it a CI check.
/// </summary>
public static class BehaviourCommand
{
    public static Command Create(GlobalOptions global)
    {
        var suite = new Option<string>("--suite") { Description = "Suite file (JSON): tests of type mft (templates + slots + expect), inv (perturbation) and dir (label + direction)", Required = true };
        var model = new Option<string>("--model") { Description = "NAME, NAME@VERSION, path/to/model.onnx, http(s)://backend or predictions:VERSION", Required = true };
        var project = new Option<string>("--project") { Description = "Project whose schema the model answers in (name or id)", Required = true };
        var batch = new Option<int>("--batch-size") { Description = "Texts per model call", DefaultValueFactory = _ => 32 };
        var examples = new Option<int>("--examples") { Description = "Failing examples kept per test", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print JSON: suite, model, cases, failed, failure_rate, tests: {NAME: {type, cases, failed, failure_rate, examples}}" };
        var gate = new GateOption();
        var command = new Command("behaviour", "Behaviour tests (CheckList): minimum functionality, invariance and directional expectations, run against a model.")
        {
            suite, model, project, batch, examples, json,
        };
        gate.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var gates = gate.Parse(result);
            var tests = await BehaviourSuiteFile.ReadAsync(result.GetValue(suite)!, ct);
            await using var bench = await global.OpenAsync(result, ct);
            await using var opened = await bench.ModelResolver.OpenAsync(result.GetValue(project)!, result.GetValue(model)!, ct);
            var runner = new BehaviourRunner(opened, new BehaviourRunOptions
            {
                BatchSize = result.GetValue(batch),
                MaxExamples = result.GetValue(examples),
                ChineseScript = new ChineseScriptConverter(),
            });
            var report = await runner.RunAsync(tests, ct);
            return GateOption.Finish(gates, report.ToJson(), result.GetValue(json), () => Console.Write(report.ToText()));
        });
        return command;
    }
}

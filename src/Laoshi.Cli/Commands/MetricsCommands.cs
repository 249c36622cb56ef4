using System.CommandLine;
using System.Globalization;
using Laoshi.Evaluation.Classification;
using Laoshi.Evaluation.Spans;
using Laoshi.Evaluation.Transcripts;

namespace Laoshi.Cli.Commands;

/// <summary>`laoshi metrics classification|ner|wer`: files in, figures out (JSON names of issue 5), each with --gate.</summary>
public static class MetricsCommands
{
    public static Command Create(GlobalOptions global)
    {
        _ = global;
        var command = new Command("metrics", "Scores predictions against the truth from files: classification, NER spans, transcripts.");
        command.Subcommands.Add(Classification());
        command.Subcommands.Add(Ner());
        command.Subcommands.Add(Wer());
        command.Subcommands.Add(DetectionMetricsCommand.Create());
        return command;
    }

    private static Command Classification()
    {
        var truth = new Option<string>("--truth") { Description = "JSONL, one {\"item\", \"label\"} a line (label: a string, or a list for multi-label)", Required = true };
        var pred = new Option<string>("--pred") { Description = "JSONL, one {\"item\", \"label\", \"scores\": {\"class\": p}} a line (scores optional)", Required = true };
        var multiLabel = new Option<bool>("--multi-label") { Description = "Score as multi-label even when every item has one label" };
        var bins = new Option<int>("--bins") { Description = "Confidence bins of the reliability diagram and ECE", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON (accuracy, f1_macro, per_class, confusion, ...)" };
        var gate = new GateOption();
        var command = new Command("classification", "Accuracy, precision/recall/F1 (per class; macro, micro, weighted), confusion, ROC-AUC, PR-AUC and ECE, as scikit-learn.")
        {
            truth, pred, multiLabel, bins, json,
        };
        gate.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var gates = gate.Parse(result);
            var options = new ClassificationOptions { MultiLabel = result.GetValue(multiLabel) ? true : null, CalibrationBins = result.GetValue(bins) };
            var report = await ClassificationFiles.ComputeAsync(result.GetValue(truth)!, result.GetValue(pred)!, options, ct);
            return GateOption.Finish(gates, report.ToJson(), result.GetValue(json), () => PrintClassification(report));
        });
        return command;
    }

    private static Command Ner()
    {
        var conll = new Option<string>("--conll") { Description = "conlleval input: token ... gold predicted, one token a line, a blank line between sentences", Required = true };
        var scheme = new Option<string>("--scheme") { Description = "iob1, iob2 or iobes", DefaultValueFactory = _ => "iob2" };
        scheme.AcceptOnlyFromAmong("iob1", "iob2", "iobes");
        var json = new Option<bool>("--json") { Description = "Print precision, recall, f1, phrases, found, correct and per_type as JSON" };
        var gate = new GateOption();
        var command = new Command("ner", "Span precision/recall/F1 by conlleval's rules: a span counts only when its type and both boundaries match.")
        {
            conll, scheme, json,
        };
        gate.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var gates = gate.Parse(result);
            var path = result.GetValue(conll)!;
            if (!File.Exists(path)) throw new Laoshi.Core.Errors.BadInputException($"file not found: {path}", path, field: "conll");
            var chosen = Enum.Parse<ConllScheme>(result.GetValue(scheme)!, ignoreCase: true);
            using var reader = new StreamReader(path);
            var report = await ConllEval.EvaluateAsync(reader, chosen, path, ct);
            return GateOption.Finish(gates, report.ToJson(), result.GetValue(json), () => PrintSpans(report));
        });
        return command;
    }

    private static Command Wer()
    {
        var truth = new Option<string>("--truth") { Description = "Reference transcripts: one utterance a line, or JSONL {\"item\", \"text\"}", Required = true };
        var pred = new Option<string>("--pred") { Description = "Hypotheses, in the same form as --truth", Required = true };
        var unit = new Option<string>("--unit") { Description = "word or char: what the edit counts are of (Chinese is scored by character either way)", DefaultValueFactory = _ => "word" };
        unit.AcceptOnlyFromAmong("word", "char");
        var json = new Option<bool>("--json") { Description = "Print wer, cer, substitutions, deletions, insertions and hits as JSON" };
        var gate = new GateOption();
        var command = new Command("wer", "Word and character error rates (Levenshtein alignment) with substitutions, deletions and insertions.")
        {
            truth, pred, unit, json,
        };
        gate.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var gates = gate.Parse(result);
            var chosen = result.GetValue(unit) == "char" ? ErrorUnit.Character : ErrorUnit.Word;
            var report = await TranscriptFiles.ComputeAsync(result.GetValue(truth)!, result.GetValue(pred)!, chosen, ct);
            return GateOption.Finish(gates, report.ToJson(), result.GetValue(json), () => PrintErrorRates(report));
        });
        return command;
    }

    private static string F(double? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "-";

    private static void PrintClassification(ClassificationReport report)
    {
        Console.WriteLine($"{report.Items:N0} items, {report.Labels.Count} labels{(report.MultiLabel ? ", multi-label" : "")}");
        Console.WriteLine($"accuracy {F(report.Accuracy)}{(report.MultiLabel ? " (subset)" : "")}");
        Console.WriteLine($"macro     precision {F(report.Macro.Precision)}  recall {F(report.Macro.Recall)}  f1 {F(report.Macro.F1)}");
        Console.WriteLine($"micro     precision {F(report.Micro.Precision)}  recall {F(report.Micro.Recall)}  f1 {F(report.Micro.F1)}");
        Console.WriteLine($"weighted  precision {F(report.Weighted.Precision)}  recall {F(report.Weighted.Recall)}  f1 {F(report.Weighted.F1)}");
        if (report.Samples is { } samples)
            Console.WriteLine($"samples   precision {F(samples.Precision)}  recall {F(samples.Recall)}  f1 {F(samples.F1)}");
        if (report.RocAucMacro is not null || report.PrAucMacro is not null)
            Console.WriteLine($"roc_auc_macro {F(report.RocAucMacro)}  pr_auc_macro {F(report.PrAucMacro)}  ece {F(report.Ece)}");
        var width = Math.Max(5, report.PerClass.Select(c => c.Label.Length).DefaultIfEmpty(0).Max());
        Console.WriteLine($"{"label".PadRight(width)}  precision  recall     f1  support");
        foreach (var c in report.PerClass)
            Console.WriteLine($"{c.Label.PadRight(width)}  {F(c.Precision),9}  {F(c.Recall),6}  {F(c.F1),5}  {c.Support,7:N0}");
    }

    private static void PrintSpans(SpanReport report)
    {
        Console.WriteLine($"processed {report.Tokens:N0} tokens with {report.Phrases:N0} phrases; found: {report.Found:N0} phrases; correct: {report.Correct:N0}.");
        Console.WriteLine($"accuracy {F(report.TokenAccuracy)}  precision {F(report.Precision)}  recall {F(report.Recall)}  f1 {F(report.F1)}");
        foreach (var type in report.PerType)
            Console.WriteLine($"  {type.Type}: precision {F(type.Precision)}  recall {F(type.Recall)}  f1 {F(type.F1)}  found {type.Found:N0}");
    }

    private static void PrintErrorRates(ErrorRateReport report)
    {
        var counts = report.Counts;
        Console.WriteLine($"{report.Utterances:N0} utterances: wer {F(report.Wer)}  cer {F(report.Cer)}");
        Console.WriteLine($"{(report.Unit == ErrorUnit.Word ? "words" : "characters")}: {counts.Hits:N0} hits, {counts.Substitutions:N0} substitutions, {counts.Deletions:N0} deletions, {counts.Insertions:N0} insertions");
    }
}

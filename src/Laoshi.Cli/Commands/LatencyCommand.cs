using System.CommandLine;
using System.Globalization;
using Laoshi.Learning.Latency;
using Laoshi.Server.Models;

namespace Laoshi.Cli.Commands;

/// <summary>`laoshi latency`: latency percentiles and throughput of a model endpoint on the project's items.</summary>
public static class LatencyCommand
{
    public static Command Create(GlobalOptions global)
    {
        var model = new Option<string>("--model") { Description = "NAME, NAME@VERSION, path/to/model.onnx or http(s)://backend", Required = true };
        var project = new Option<string>("--project") { Description = "Project whose items are sent (the first --sample-items)", Required = true };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once", DefaultValueFactory = _ => 1 };
        var requests = new Option<int>("--requests") { Description = "Requests measured", DefaultValueFactory = _ => 100 };
        var batch = new Option<int>("--batch-size") { Description = "Items per request", DefaultValueFactory = _ => 1 };
        var sample = new Option<int>("--sample-items") { Description = "How many of the project's items to cycle through", DefaultValueFactory = _ => 100 };
        var chart = new Option<string?>("--chart") { Description = "Write a latency histogram (SVG) to this file" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("latency", "Measure a model endpoint: p50/p95/p99 latency and requests per second at a concurrency.")
            { model, project, concurrency, requests, batch, sample, chart, json };
        command.SetAction(async (result, ct) =>
        {
            await using var bench = await global.OpenAsync(result, ct);
            var options = new LatencyOptions(result.GetValue(concurrency), result.GetValue(requests), result.GetValue(batch));
            var report = await ModelLatency.RunAsync(bench.Store, bench.ModelResolver, result.GetValue(project)!, result.GetValue(model)!, options,
                result.GetValue(sample), ct);
            if (result.GetValue(chart) is { Length: > 0 } path) await File.WriteAllTextAsync(path, LatencyChart.ToSvg(report), ct);
            if (result.GetValue(json))
            {
                Console.WriteLine(report.ToJson().ToJsonString());
            }
            else
            {
                static string Ms(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
                Console.WriteLine($"{report.Model}: {report.Requests} requests at concurrency {report.Concurrency}, {report.Errors} errors");
                Console.WriteLine($"  p50 {Ms(report.P50Ms)} ms  p95 {Ms(report.P95Ms)} ms  p99 {Ms(report.P99Ms)} ms  max {Ms(report.MaxMs)} ms");
                Console.WriteLine($"  {report.RequestsPerSecond.ToString("0.#", CultureInfo.InvariantCulture)} requests/s, {report.ItemsPerSecond.ToString("0.#", CultureInfo.InvariantCulture)} items/s");
                if (report.FirstError is not null) Console.WriteLine($"  first error: {report.FirstError}");
            }
            return report.Errors == 0 ? 0 : 1;
        });
        return command;
    }
}

using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Server.Api;
using Laoshi.Server.Jobs;

namespace Laoshi.Server.Evaluation;

/// <summary>
/// Runs an evaluation as a background job (kind "evaluation"; parameters model, snapshot, snapshot_version). Safe to run
/// again after a crash: the evaluation is stored in one transaction at the end, so a rerun stores it once.
/// </summary>
public sealed class EvaluationJobHandler(EvaluationService evaluations) : IJobHandler
{
    public const string JobKind = "evaluation";

    public string Kind => JobKind;

    public async Task<JsonNode?> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var project = context.Project ?? throw new BadInputException("an evaluation job needs a project", field: "project");
        var version = ApiJson.OptionalNumber(context.Parameters, "snapshot_version");
        var outcome = await evaluations.RunAsync(new EvaluationRequest(project,
                ApiJson.RequiredString(context.Parameters, "model"), ApiJson.RequiredString(context.Parameters, "snapshot"),
                version is null ? null : (int)version.Value, context.CreatedBy),
            context.Progress, cancellationToken);
        await context.Progress.LogAsync($"evaluation {outcome.Info.Id}: {outcome.Info.ItemCount} items in {outcome.Info.DurationMs / 1000:F1} s", cancellationToken);
        return new JsonObject { ["evaluation"] = outcome.Info.Id, ["summary"] = JsonNode.Parse(outcome.Info.Summary) };
    }
}

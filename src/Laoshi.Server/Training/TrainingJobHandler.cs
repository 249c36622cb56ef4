using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Server.Jobs;

namespace Laoshi.Server.Training;

/// <summary>
/// The "training" job: parameters are the body of POST /projects/{p}/runs; the result is {"run_id": N} with the
/// registered model. A job run again after a crash reuses its run row and trains from the start.
/// </summary>
public sealed class TrainingJobHandler(TrainingService training) : IJobHandler
{
    public const string JobKind = "training";

    public string Kind => JobKind;

    public async Task<JsonNode?> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var project = context.Project ?? throw new BadInputException("training needs a project", field: "project");
        var request = TrainingRequest.FromJson(context.Parameters, project, context.CreatedBy);
        var run = await training.RunAsync(request, context.Progress, context.JobId, cancellationToken);
        var result = new JsonObject { ["run_id"] = run.Id };
        if (run.ModelName is not null) result["model"] = new JsonObject { ["name"] = run.ModelName, ["version"] = run.ModelVersion };
        return result;
    }
}

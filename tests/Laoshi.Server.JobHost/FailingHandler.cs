using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Server.Jobs;

namespace Laoshi.Server.JobHost;

/// <summary>Test work that fails the way a handler should: a BadInputException naming what is wrong.</summary>
public sealed class FailingHandler : IJobHandler
{
    public const string KindName = "test-fail";

    public string Kind => KindName;

    public async Task<JsonNode?> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        await context.Progress.LogAsync("about to fail", cancellationToken);
        throw new BadInputException(context.Parameters["message"]?.GetValue<string>() ?? "this job always fails", field: "message");
    }
}

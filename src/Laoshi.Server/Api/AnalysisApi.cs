using Laoshi.Server.Access;
using Laoshi.Server.Analysis;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

public static class AnalysisApi
{
    public static RouteGroupBuilder MapAnalysisApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{p}/analysis", async (string p, int? top, int? bins, LaoshiStore store, ProjectAnalysis analysis, CancellationToken ct) =>
        {
            var project = await store.Projects.GetUncountedAsync(p, ct);
            return TypedResults.Ok(await analysis.AnalyzeAsync(project, top ?? 20, bins ?? 20, ct));
        }).WithName("GetProjectAnalysis").RequireProjectRole(ProjectRole.Annotator)
          .WithSummary("Dataset statistics over current answers: label distribution and imbalance, co-occurrence, text length, distinctive terms per label (log-odds, informative Dirichlet prior), image size and aspect, box heat maps, audio duration, answers per item.");

        api.MapGet("/projects/{p}/analysis/knowledge", async (string p, int? terms, int? examples, LaoshiStore store, ProjectAnalysis analysis,
            CancellationToken ct) =>
        {
            var project = await store.Projects.GetUncountedAsync(p, ct);
            return TypedResults.Ok(await analysis.KnowledgeAsync(project, terms ?? 10, examples ?? 3, ct));
        }).WithName("GetProjectKnowledge").RequireProjectRole(ProjectRole.Reviewer)
          .WithSummary("Per label: its definition from the rules, distinctive terms, and typical and borderline examples (nearest to and farthest from the label's centre in a hashed TF-IDF space).");

        return api;
    }
}

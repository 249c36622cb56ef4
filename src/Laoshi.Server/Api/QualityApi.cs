using Laoshi.Core.Errors;
using Laoshi.Quality;
using Laoshi.Server.Access;
using Laoshi.Server.Quality;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

public static class QualityApi
{
    public static RouteGroupBuilder MapQualityApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{p}/agreement", async (string p, string? metric, string? level, string? control,
            LaoshiStore store, ProjectQuality quality, CancellationToken ct) =>
        {
            var project = await store.Projects.GetAsync(p, ct);
            var chosenMetric = AgreementMetric.Krippendorff;
            if (metric is not null && !AgreementMetrics.TryParse(metric, out chosenMetric))
                throw new BadInputException($"unknown metric '{metric}'; use cohen, fleiss, krippendorff or percent", field: "metric");
            var chosenLevel = MeasurementLevel.Nominal;
            if (level is not null && !AgreementMetrics.TryParse(level, out chosenLevel))
                throw new BadInputException($"unknown level '{level}'; use nominal, ordinal, interval or ratio", field: "level");
            return TypedResults.Ok(await quality.AgreementAsync(project, chosenMetric, chosenLevel, control, ct));
        }).WithName("GetProjectAgreement").RequireProjectRole(ProjectRole.Reviewer)
          .WithSummary("Agreement over the current answers of a choices or rating control: per project, per label (one-vs-rest) and per annotator pair.");

        api.MapGet("/projects/{p}/agreement/regions", async (string p, string? control, double? iou, LaoshiStore store, ProjectQuality quality,
            CancellationToken ct) =>
        {
            var project = await store.Projects.GetAsync(p, ct);
            return TypedResults.Ok(await quality.RegionAgreementAsync(project, control, iou ?? 0.5, ct));
        }).WithName("GetProjectRegionAgreement").RequireProjectRole(ProjectRole.Reviewer)
          .WithSummary("Boxes matched greedily by IoU (same label), or text spans by exact and overlap F1, per pair of annotators.");

        api.MapGet("/projects/{p}/quality", async (string p, string? control, LaoshiStore store, ProjectQuality quality, CancellationToken ct) =>
        {
            var project = await store.Projects.GetAsync(p, ct);
            return TypedResults.Ok(await quality.QualityAsync(project, control, ct));
        }).WithName("GetProjectQuality").RequireProjectRole(ProjectRole.Reviewer)
          .WithSummary("Agreement per UTC day, and per annotator: speed (items per hour, median seconds) and agreement with the others.");

        return api;
    }
}

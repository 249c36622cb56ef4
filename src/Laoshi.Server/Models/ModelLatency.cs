using Laoshi.Core.Models;
using Laoshi.Learning.Latency;
using Laoshi.Storage;

namespace Laoshi.Server.Models;

/// <summary>Latency and throughput of a model reference on a sample of the project's own items (the first ones by id).</summary>
public static class ModelLatency
{
    public static async Task<LatencyReport> RunAsync(LaoshiStore store, IModelResolver resolver, string project, string reference,
        LatencyOptions options, int sampleItems, CancellationToken ct)
    {
        var target = await store.Projects.ResolveAsync(project, ct);
        var page = await store.Items.ListAsync(target.Id, new ItemQuery(Limit: Math.Clamp(sampleItems, 1, 1000)), ct);
        var items = page.Items.Select(i => new ModelInput(i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), i.Data)).ToList();
        await using var model = await resolver.OpenAsync(project, reference, ct);
        return await LatencyProbe.RunAsync(model, items, options, ct);
    }
}

using System.Globalization;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Learning.Thresholds;

namespace Laoshi.Server.Models;

/// <summary>
/// What each confidence threshold of a classifier gives on a test snapshot: the model (without its thresholds) answers
/// the snapshot's items in batches, and each answer is compared with the item's frozen answer for the same control.
/// Items without an answer for that control are skipped. Streams: memory stays flat at any snapshot size.
/// </summary>
public static class ModelThresholdReport
{
    private const int Batch = 32;

    public static async Task<(string Control, IReadOnlyList<ClassThresholds> Classes, long Items)> BuildAsync(ModelRegistry registry, string project,
        string name, int version, string snapshot, int? snapshotVersion, CancellationToken ct)
    {
        var target = await registry.Store.Projects.ResolveAsync(project, ct);
        var entry = await registry.Store.Models.GetAsync(target.Id, name, version, ct);
        if (entry.Kind == ModelKinds.OnnxDetector)
            throw new BadInputException("the threshold report is for classifiers; detectors are measured by evaluation (AP at each IoU)", field: "model");
        var snapshotInfo = await registry.Store.Snapshots.GetAsync(target.Id, snapshot, snapshotVersion, ct);
        var (modelTarget, _, labels) = ModelSettings.Target(entry.Settings, registry.Schemas.For(target), ControlTypes.Choices);
        var control = modelTarget.Control;
        var accumulator = new ThresholdAccumulator(labels, entry.Thresholds);
        await using var model = await registry.OpenAsync(target, entry, ct, applyThresholds: false);

        long items = 0;
        var batch = new List<(ModelInput Input, HashSet<string> Truth)>(Batch);
        async Task FlushAsync()
        {
            if (batch.Count == 0) return;
            var answers = await model.PredictAsync([.. batch.Select(b => b.Input)], ct);
            for (var i = 0; i < batch.Count; i++)
            {
                var region = answers[i].Regions.FirstOrDefault(r => r.FromName == control && r.Labels.Count > 0);
                accumulator.Add(batch[i].Truth, region?.Labels[0], region?.Score ?? answers[i].Score);
            }
            items += batch.Count;
            batch.Clear();
        }

        await foreach (var item in registry.Store.Export.StreamAsync(target.Id, snapshotInfo.Name, snapshotInfo.Version, ct))
        {
            var truth = item.Annotations.SelectMany(a => a.Result).Where(r => r.FromName == control).SelectMany(r => r.Labels).ToHashSet(StringComparer.Ordinal);
            if (truth.Count == 0) continue;
            batch.Add((new ModelInput(item.Id.ToString(CultureInfo.InvariantCulture), item.Data), truth));
            if (batch.Count == Batch) await FlushAsync();
        }
        await FlushAsync();
        return (control, accumulator.Build(), items);
    }
}

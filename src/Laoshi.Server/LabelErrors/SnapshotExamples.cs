using System.Globalization;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Schema;
using Laoshi.Learning.External;
using Laoshi.Learning.Training;
using Laoshi.Server.Api;
using Laoshi.Server.Evaluation;
using Laoshi.Storage;

namespace Laoshi.Server.LabelErrors;

/// <summary>
/// A snapshot's answered items as single-label examples of one choices control: the example id is the item id, its
/// data the control's field under the trainer's data key (text, image or audio), its label the class the item's agreed
/// (or first) answer chose. Items without an answer for the control are skipped; the classes are the control's labels
/// that occur, in the order the rules declare them.
/// </summary>
public static class SnapshotExamples
{
    public static async Task<(TrainingSet Data, SnapshotInfo Snapshot, long Skipped)> ReadAsync(
        LaoshiStore store, ProjectSchemas schemas, ProjectRef project, string snapshotName, int? snapshotVersion, string? controlName, CancellationToken ct)
    {
        var snapshot = await store.Snapshots.GetAsync(project.Id, snapshotName, snapshotVersion, ct);
        var schema = schemas.For(project);
        var control = Control(schema, controlName);
        var field = schema.Field(control.ToName) ?? throw new BadInputException($"control '{control.Name}' describes no field", field: "control");
        var dataKey = field.Kind switch
        {
            FieldKind.Text => "text",
            FieldKind.Image => "image",
            _ => "audio",
        };
        var examples = new List<TrainingExample>();
        long skipped = 0;
        await foreach (var item in store.Export.StreamAsync(project.Id, snapshot.Name, snapshot.Version, ct))
        {
            var truth = ItemTruth.Of(item);
            var labels = truth is null ? [] : ControlRegions.Labels(ControlRegions.Of(truth, control.Name));
            if (labels.Count != 1 || item.Data[field.Value] is not JsonValue value || !value.TryGetValue<string>(out var data))
            {
                skipped++;
                continue;
            }
            examples.Add(new TrainingExample(item.Id.ToString(CultureInfo.InvariantCulture), new JsonObject { [dataKey] = data }, labels));
        }
        var present = examples.Select(e => e.Labels[0]).ToHashSet(StringComparer.Ordinal);
        var classes = control.Labels.Select(l => l.Value).Where(present.Contains).ToList();
        classes.AddRange(present.Where(p => !classes.Contains(p)).Order(StringComparer.Ordinal));
        if (classes.Count < 2)
            throw new BadInputException(
                $"snapshot '{snapshot.Name}' v{snapshot.Version} has {examples.Count} items answered with one '{control.Name}' label and {classes.Count} class(es) among them; label-error detection needs at least two",
                field: "snapshot");
        return (new TrainingSet(examples, classes, false, dataKey, new ModelTarget(control.Name, control.ToName)), snapshot, skipped);
    }

    private static SchemaControl Control(ProjectSchema schema, string? name)
    {
        var candidates = schema.Controls.Where(c => c.Type == ControlTypes.Choices && !c.PerRegion).ToList();
        if (name is not null)
            return candidates.FirstOrDefault(c => c.Name == name)
                ?? throw new BadInputException($"'{name}' is not a choices control of this project; they are: {string.Join(", ", candidates.Select(c => c.Name))}", field: "control");
        return candidates.FirstOrDefault()
            ?? throw new BadInputException("the project has no choices control; label-error detection checks classification labels", field: "control");
    }
}

using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Learning.External;
using Laoshi.Learning.Training;
using Laoshi.Storage;

namespace Laoshi.Server.Training;

/// <summary>
/// Turns a snapshot into what a trainer learns from. The control is the one named, else the first that fits the
/// trainer's task: an item-level choices control on a text, image or audio field for classifiers (multi-label when it
/// allows several choices), a labels control on a text field for ner. Each example keeps only the data key the
/// control's field reads; its labels come from the item's agreed answer, else its first annotation. Items nobody
/// answered for that control are skipped and counted. Training and label-error detection both read snapshots here.
/// </summary>
public sealed class TrainingSetReader(LaoshiStore store)
{
    /// <summary>The control a trainer of <paramref name="task"/> learns, named or found in the schema.</summary>
    public static (SchemaControl Control, SchemaField Field) ControlFor(ProjectSchema schema, string task, string? controlName)
    {
        var (type, kind) = task switch
        {
            TrainerTasks.TextClassification => (ControlTypes.Choices, FieldKind.Text),
            TrainerTasks.ImageClassification => (ControlTypes.Choices, FieldKind.Image),
            TrainerTasks.AudioClassification => (ControlTypes.Choices, FieldKind.Audio),
            TrainerTasks.Ner => (ControlTypes.Labels, FieldKind.Text),
            _ => throw new BadInputException($"trainers of task '{task}' cannot learn from a project", field: "trainer"),
        };
        // A per-region choices control classifies regions, not the item, so it is no item label to learn.
        bool Fits(SchemaControl c) => c.Type == type && !c.PerRegion && schema.Field(c.ToName)?.Kind == kind;
        var what = $"a {type} control on a {FieldKinds.Name(kind)} field";
        SchemaControl control;
        if (controlName is not null)
        {
            control = schema.Control(controlName) ?? throw new BadInputException($"the project has no control '{controlName}'", path: "$.control", field: "control");
            if (!Fits(control))
                throw new BadInputException(
                    $"control '{controlName}' is a {(control.PerRegion ? "per-region " : "")}{control.Type} control on '{control.ToName}'; a {task} trainer needs {what}",
                    path: "$.control", field: "control");
        }
        else
        {
            control = schema.Controls.FirstOrDefault(Fits)
                ?? throw new BadInputException($"the project has no {what}, which a {task} trainer learns from", field: "trainer");
        }
        return (control, schema.Field(control.ToName)!);
    }

    /// <summary>
    /// The snapshot's examples for a trainer of <paramref name="task"/>. <see cref="TrainingLabels.AsControl"/> keeps what
    /// the control allows (several labels on a multiple-choice control, the first otherwise);
    /// <see cref="TrainingLabels.Single"/> keeps only items answered with exactly one label and never reads multi-label,
    /// as label-error detection needs one given label per item. Skipped counts the snapshot's items left out.
    /// </summary>
    public async Task<SnapshotTrainingSet> ReadAsync(long projectId, ProjectSchema schema, SnapshotInfo snapshot, string task, string? controlName,
        TrainingLabels mode, CancellationToken cancellationToken)
    {
        var (control, field) = ControlFor(schema, task, controlName);
        var ner = task == TrainerTasks.Ner;
        var single = mode == TrainingLabels.Single;
        if (ner && single)
            throw new BadInputException("single-label examples are read for classification trainers; an ner trainer tags spans", field: "trainer");
        var examples = new List<TrainingExample>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long skipped = 0;
        await foreach (var item in store.Export.StreamAsync(projectId, snapshot.Name, snapshot.Version, cancellationToken))
        {
            if (item.Annotations.Count == 0)
            {
                skipped++;
                continue;
            }
            var regions = item.Annotations[0].Result.Where(r => r.FromName == control.Name).ToList();
            var data = new JsonObject { [field.Value] = item.Data[field.Value]?.DeepClone() };
            var id = item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (ner)
            {
                // An answered item without entities teaches that such text has none, so it stays.
                var spans = regions.Where(r => r.Type == RegionTypes.Labels && r.Start is not null && r.End is not null)
                    .SelectMany(r => r.Labels.Select(l => new LabelledSpan(r.Start!.Value, r.End!.Value, l))).ToList();
                foreach (var span in spans) seen.Add(span.Label);
                examples.Add(new TrainingExample(id, data, [.. spans.Select(s => s.Label).Distinct(StringComparer.Ordinal)], spans));
                continue;
            }
            var labels = regions.SelectMany(r => r.Labels).Distinct(StringComparer.Ordinal).ToList();
            // Single: an item without its data, or answered with several labels, has no one given label to check.
            if (labels.Count == 0 || single && (labels.Count > 1 || data[field.Value] is not JsonValue))
            {
                skipped++;
                continue;
            }
            if (!control.Multiple) labels = [labels[0]];
            foreach (var label in labels) seen.Add(label);
            examples.Add(new TrainingExample(id, data, labels));
        }
        // Schema order first, then any label the answers use that the schema no longer lists; a class nobody used is left out.
        var schemaLabels = control.Labels.Select(l => l.Value).ToList();
        IReadOnlyList<string> classes = [.. schemaLabels.Where(seen.Contains), .. seen.Where(l => !schemaLabels.Contains(l)).Order(StringComparer.Ordinal)];
        if (ner) classes = [.. schemaLabels, .. seen.Where(l => !schemaLabels.Contains(l)).Order(StringComparer.Ordinal)];
        var answered = single ? $"answered with one '{control.Name}' label" : $"answered for control '{control.Name}'";
        if (examples.Count == 0)
            throw new BadInputException($"snapshot '{snapshot.Name}' version {snapshot.Version} has no items {answered}", field: "snapshot");
        if (!ner && classes.Count < 2)
            throw new BadInputException(
                $"the {examples.Count} items of snapshot '{snapshot.Name}' version {snapshot.Version} {answered} use {classes.Count} class; " +
                $"{(single ? "finding label errors" : "training")} needs at least two",
                field: "snapshot");
        return new SnapshotTrainingSet(new TrainingSet(examples, classes, control.Multiple && !ner && !single, field.Value, new ModelTarget(control.Name, field.Name)), skipped);
    }
}

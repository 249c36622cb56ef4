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
/// trainer's task: a choices control on a text, image or audio field for classifiers (multi-label when it allows
/// several choices), a labels control on a text field for ner. Each example keeps only the data key the control's
/// field reads; its labels come from the item's agreed answer, else its first annotation. Items nobody answered for
/// that control are skipped.
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
        bool Fits(SchemaControl c) => c.Type == type && schema.Field(c.ToName)?.Kind == kind;
        var what = $"a {type} control on a {FieldKinds.Name(kind)} field";
        SchemaControl control;
        if (controlName is not null)
        {
            control = schema.Control(controlName) ?? throw new BadInputException($"the project has no control '{controlName}'", path: "$.control", field: "control");
            if (!Fits(control))
                throw new BadInputException($"control '{controlName}' is a {control.Type} control on '{control.ToName}'; a {task} trainer needs {what}",
                    path: "$.control", field: "control");
        }
        else
        {
            control = schema.Controls.FirstOrDefault(Fits)
                ?? throw new BadInputException($"the project has no {what}, which a {task} trainer learns from", field: "trainer");
        }
        return (control, schema.Field(control.ToName)!);
    }

    public async Task<TrainingSet> ReadAsync(long projectId, ProjectSchema schema, SnapshotInfo snapshot, string task, string? controlName,
        CancellationToken cancellationToken)
    {
        var (control, field) = ControlFor(schema, task, controlName);
        var ner = task == TrainerTasks.Ner;
        var examples = new List<TrainingExample>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in store.Export.StreamAsync(projectId, snapshot.Name, snapshot.Version, cancellationToken))
        {
            if (item.Annotations.Count == 0) continue;
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
            }
            else
            {
                var labels = regions.SelectMany(r => r.Labels).Distinct(StringComparer.Ordinal).ToList();
                if (labels.Count == 0) continue;
                if (!control.Multiple) labels = [labels[0]];
                foreach (var label in labels) seen.Add(label);
                examples.Add(new TrainingExample(id, data, labels));
            }
        }
        // Schema order first, then any label the answers use that the schema no longer lists; a class nobody used is left out.
        var schemaLabels = control.Labels.Select(l => l.Value).ToList();
        IReadOnlyList<string> classes = [.. schemaLabels.Where(seen.Contains), .. seen.Where(l => !schemaLabels.Contains(l)).Order(StringComparer.Ordinal)];
        if (ner) classes = [.. schemaLabels, .. seen.Where(l => !schemaLabels.Contains(l)).Order(StringComparer.Ordinal)];
        if (examples.Count == 0)
            throw new BadInputException($"snapshot '{snapshot.Name}' version {snapshot.Version} has no answered items for control '{control.Name}'", field: "snapshot");
        if (!ner && classes.Count < 2)
            throw new BadInputException($"the answers in snapshot '{snapshot.Name}' use {classes.Count} class of control '{control.Name}'; training needs at least two",
                field: "snapshot");
        return new TrainingSet(examples, classes, control.Multiple && !ner, field.Value, new ModelTarget(control.Name, field.Name));
    }
}

using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Learning.Trainers.Learners;
using Laoshi.Learning.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Laoshi.Learning.Trainers.TextNgram;

/// <summary>
/// "text-ngram": text classification (one label or several per text) from word and character n-grams featurised by
/// ML.NET, with a linear (L-BFGS maximum entropy / logistic regression) or LightGBM learner. See
/// <see cref="TextNgramSettings.Declared"/> for its parameters.
/// </summary>
public sealed class TextNgramTrainer : ITrainer
{
    public const string TrainerName = "text-ngram";

    public string Name => TrainerName;

    public string Task => TrainerTasks.TextClassification;

    public string Description =>
        "Word and character n-grams (character n-grams carry Chinese) with a linear or LightGBM classifier; one label or several per text. Fast to train, no downloads.";

    public IReadOnlyList<TrainerParameter> Parameters => TextNgramSettings.Declared;

    public Task<ITrainedModel> TrainAsync(TrainingSet data, ParameterValues parameters, TrainingContext context, CancellationToken cancellationToken)
    {
        var settings = TextNgramSettings.From(parameters);
        var texts = Check(data);
        return System.Threading.Tasks.Task.Run<ITrainedModel>(
            () => Train(data, texts, settings, parameters.ToJson(), context, cancellationToken), cancellationToken);
    }

    public async Task<ITrainedModel> LoadAsync(Stream artifact, TrainingContext context, CancellationToken cancellationToken) =>
        await TextNgramArtifact.LoadAsync(artifact, context.Version, cancellationToken);

    /// <summary>The text a model reads from an item's data; errors name the item (or example) and the field.</summary>
    internal static string TextOf(JsonObject data, string field, string who) =>
        data[field] switch
        {
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            null => throw new BadInputException($"{who} has no '{field}' text", path: $"data.{field}", field: field),
            _ => throw new BadInputException($"{who}: '{field}' must be a string", path: $"data.{field}", field: field),
        };

    private static List<string> Check(TrainingSet data)
    {
        if (data.Examples.Count == 0) throw new BadInputException("there are no examples to train on", field: "examples");
        if (data.Classes.Count < 2)
            throw new BadInputException($"a classifier needs at least two classes; the data has {data.Classes.Count}", field: "label");
        var known = new HashSet<string>(data.Classes, StringComparer.Ordinal);
        if (known.Count != data.Classes.Count) throw new BadInputException("the class list names a class twice", field: "label");
        var texts = new List<string>(data.Examples.Count);
        foreach (var example in data.Examples)
        {
            texts.Add(TextOf(example.Data, data.DataField, $"example {example.Id}"));
            if (!data.MultiLabel && example.Labels.Count != 1)
                throw new BadInputException(
                    $"example {example.Id} has {example.Labels.Count} labels; a single-label classifier needs exactly one", path: $"examples.{example.Id}.label", field: "label");
            foreach (var label in example.Labels)
                if (!known.Contains(label))
                    throw new BadInputException(
                        $"example {example.Id} is labelled '{label}', which is not one of the classes ({string.Join(", ", data.Classes)})",
                        path: $"examples.{example.Id}.label", field: "label");
        }
        return texts;
    }

    private static TextNgramModel Train(
        TrainingSet data, List<string> texts, TextNgramSettings settings, JsonObject parameters, TrainingContext context, CancellationToken ct)
    {
        // ML.NET's own cancellation is internal to it, so training stops between its steps (and per class).
        var ml = new MLContext(context.Seed);
        return Fit(ml, data, texts, settings, parameters, context, ct);
    }

    private static TextNgramModel Fit(
        MLContext ml, TrainingSet data, List<string> texts, TextNgramSettings settings, JsonObject parameters, TrainingContext context, CancellationToken ct)
    {
        var classes = data.Classes;
        var index = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var rows = data.Examples.Select((e, i) => new TextRow
        {
            Text = texts[i],
            Label = data.MultiLabel ? 0u : (uint)index[e.Labels[0]],
        }).ToList();
        // The label is a key with one value per class, so the classifier's score i is class i even when a class is
        // missing from these examples (a fold, a small sample).
        var schema = SchemaDefinition.Create(typeof(TextRow));
        schema[NgramColumns.Label].ColumnType = new KeyDataViewType(typeof(uint), classes.Count);
        var input = ml.Data.LoadFromEnumerable(rows, schema);

        Report(context, 0.05, $"featurising {rows.Count} texts");
        var featurizer = NgramFeaturizer.Create(ml, settings).Fit(input);
        var features = ml.Data.Cache(featurizer.Transform(input));
        ct.ThrowIfCancellationRequested();
        var manifest = new TextNgramManifest(
            TextNgramManifest.CurrentFormat, TrainerName, [.. classes], data.MultiLabel, data.DataField,
            data.Target.Control, data.Target.Field, parameters, []);

        if (!data.MultiLabel)
        {
            Report(context, 0.3, $"training the {settings.Learner} classifier on {classes.Count} classes");
            var classifier = ClassifierLearners.Multiclass(ml, settings.Learners, context.Seed).Fit(features);
            Report(context, 1, "trained");
            return new TextNgramModel(ml, manifest, featurizer, input.Schema, classifier, [], features.Schema, context.Version);
        }

        var perClass = new ITransformer?[classes.Count];
        var constants = new double?[classes.Count];
        DataViewSchema? classifierInput = null;
        for (var c = 0; c < classes.Count; c++)
        {
            ct.ThrowIfCancellationRequested();
            Report(context, 0.3 + 0.7 * c / classes.Count, $"training the {settings.Learner} yes/no classifier for '{classes[c]}'");
            var has = data.Examples.Select(e => e.Labels.Contains(classes[c], StringComparer.Ordinal)).ToArray();
            var positives = has.Count(h => h);
            if (positives == 0 || positives == has.Length)
            {
                // Training saw only one answer for this class: nothing to learn, so keep the answer it saw.
                constants[c] = positives == 0 ? 0 : 1;
                continue;
            }
            // The fitted featuriser is applied again (cheap) rather than copying vectors into a new view: it keeps
            // the feature column exactly as prediction will see it.
            var binaryView = ml.Data.Cache(featurizer.Transform(ml.Data.LoadFromEnumerable(
                texts.Select((t, i) => new BinaryTextRow { Text = t, Label = has[i] }))));
            perClass[c] = ClassifierLearners.Binary(ml, settings.Learners, context.Seed).Fit(binaryView);
            classifierInput = binaryView.Schema;
        }
        Report(context, 1, "trained");
        return new TextNgramModel(ml, manifest with { ConstantProbabilities = constants }, featurizer, input.Schema,
            null, perClass, classifierInput ?? features.Schema, context.Version);
    }

    private static void Report(TrainingContext context, double fraction, string message) =>
        context.Progress?.Report(new TrainingProgress(fraction, message));
}

using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Learning.Audio;
using Laoshi.Learning.Trainers.Learners;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Trainers.AudioMfcc;

/// <summary>
/// "audio-mfcc": classifies voice clips (emotion, speaker trait, sound kind) from MFCC statistics, their deltas and
/// prosody (see <see cref="AudioFeatures"/>) with a linear or gradient-boosted classifier; single- and multi-label.
/// Clips are WAV files read through the training context's media source.
/// </summary>
public sealed class AudioMfccTrainer : ITrainer
{
    public const string TrainerName = "audio-mfcc";

    public string Name => TrainerName;

    public string Task => TrainerTasks.AudioClassification;

    public string Description =>
        "Audio clips (WAV) → MFCC mean/spread, deltas, pitch, loudness, zero crossings, duration and voiced share → a linear (L-BFGS) or LightGBM classifier.";

    public IReadOnlyList<TrainerParameter> Parameters { get; } =
    [
        new("learner", ParameterTypes.Choice, "linear", "linear: maximum-entropy (logistic) regression, quick and steady on few clips; lightgbm: boosted trees, for more clips.",
            Choices: [LearnerSettings.Linear, LearnerSettings.LightGbm]),
        new("l2", ParameterTypes.Float, 0.01, "linear: L2 regularisation; larger keeps weights small against overfitting.", Min: 1e-4, Max: 10, LogScale: true),
        new("iterations", ParameterTypes.Int, 100, "lightgbm: boosting rounds.", Min: 10, Max: 1000, LogScale: true),
        new("learning_rate", ParameterTypes.Float, 0.1, "lightgbm: shrinkage of each tree's step.", Min: 0.01, Max: 0.5, LogScale: true),
        new("leaves", ParameterTypes.Int, 8, "lightgbm: leaves per tree.", Min: 2, Max: 64, LogScale: true),
        new("min_leaf", ParameterTypes.Int, 2, "lightgbm: fewest clips in a leaf.", Min: 1, Max: 50),
        new("n_mfcc", ParameterTypes.Int, 13, "MFCC coefficients per frame.", Min: 8, Max: 40),
        new("deltas", ParameterTypes.Bool, true, "Add the mean and spread of MFCC deltas (how fast the timbre changes)."),
        new("frame_ms", ParameterTypes.Float, 25.0, "Analysis frame length in milliseconds (hop 10 ms).", Min: 10, Max: 60),
        new("max_seconds", ParameterTypes.Float, 30.0, "Only the first this many seconds of each clip are analysed.", Min: 1, Max: 600),
    ];

    public async Task<ITrainedModel> TrainAsync(TrainingSet data, ParameterValues parameters, TrainingContext context, CancellationToken cancellationToken)
    {
        if (data.Classes.Count < 2) throw new BadInputException("audio-mfcc needs at least two classes", field: "label");
        if (data.Examples.Count == 0) throw new BadInputException("audio-mfcc needs examples to learn from", field: "snapshot");
        var features = new AudioFeatureOptions(parameters.Int("n_mfcc"), parameters.Bool("deltas"), parameters.Float("frame_ms"), parameters.Float("max_seconds"));
        // "iterations" are boosting rounds here; the linear learner runs L-BFGS to convergence, without L1.
        var settings = new LearnerSettings(parameters.Choice("learner"), L2: parameters.Float("l2"), L1: 0, LinearIterations: null,
            Leaves: parameters.Int("leaves"), MinLeaf: parameters.Int("min_leaf"), LearningRate: parameters.Float("learning_rate"), Trees: parameters.Int("iterations"));
        var classIndex = data.Classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);

        var vectors = new List<float[]>(data.Examples.Count);
        var labels = new List<IReadOnlyList<int>>(data.Examples.Count);
        foreach (var example in data.Examples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var known = example.Labels.Where(classIndex.ContainsKey).Select(l => classIndex[l]).Distinct().ToList();
            if (known.Count == 0 && !data.MultiLabel) continue;
            var reference = AudioInput.Reference(new Core.Models.ModelInput(example.Id, example.Data), data.DataField);
            var clip = await AudioInput.ReadAsync(context.Media, example.Id, reference, features.MaxSeconds, cancellationToken);
            vectors.Add(AudioFeatures.Extract(clip, features));
            labels.Add(data.MultiLabel ? known : [known[0]]);
            context.Progress?.Report(new TrainingProgress(0.8 * vectors.Count / data.Examples.Count, $"features of {vectors.Count:N0} of {data.Examples.Count:N0} clips"));
        }
        if (vectors.Count == 0) throw new BadInputException("no example carries one of the classes", field: "label");

        context.Progress?.Report(new TrainingProgress(0.8, $"training the {settings.Learner} classifier"));
        var classifier = await System.Threading.Tasks.Task.Run(
            () => FeatureClassifier.Train(vectors, labels, data.Classes.Count, data.MultiLabel, settings, context.Seed), cancellationToken);
        var (mean, spread) = Standardisation(vectors);
        context.Progress?.Report(new TrainingProgress(1, "trained"));
        return new AudioMfccModel(features, classifier, data.Classes, data.MultiLabel, data.DataField, data.Target, mean, spread, context.Media,
            context.Version, context.Seed);
    }

    public async Task<ITrainedModel> LoadAsync(Stream artifact, TrainingContext context, CancellationToken cancellationToken) =>
        await AudioMfccModel.LoadAsync(artifact, context, cancellationToken);

    /// <summary>Per-feature mean and standard deviation (1 where a feature never varies), for the embedding.</summary>
    private static (float[] Mean, float[] Spread) Standardisation(IReadOnlyList<float[]> vectors)
    {
        var length = vectors[0].Length;
        var mean = new float[length];
        var spread = new float[length];
        for (var i = 0; i < length; i++)
        {
            var m = vectors.Average(v => (double)v[i]);
            var s = Math.Sqrt(vectors.Average(v => Math.Pow(v[i] - m, 2)));
            mean[i] = (float)m;
            spread[i] = s > 1e-9 ? (float)s : 1f;
        }
        return (mean, spread);
    }
}

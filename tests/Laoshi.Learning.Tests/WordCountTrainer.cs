using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests;

/// <summary>
/// A tiny multinomial naive Bayes over words, standing in for a real text trainer wherever a test needs class
/// probabilities quickly and deterministically: parameter search (its parameters really change the answers), active
/// learning (it also embeds texts as hashed word counts, for the diversity strategy) and label-error detection. It
/// records what it did (trainings, the examples each training saw, the items asked about), so tests can check what a
/// search ran or that no example is judged by a model that learned it.
/// </summary>
public sealed class WordCountTrainer : ITrainer
{
    public const string TrainerName = "word-count";

    private readonly Lock _gate = new();
    private readonly List<HashSet<string>> _trainedOn = [];
    private readonly List<string> _asked = [];

    public string Name => TrainerName;
    public string Task => TrainerTasks.TextClassification;
    public string Description => "naive Bayes over words (tests only)";

    public IReadOnlyList<TrainerParameter> Parameters { get; } =
    [
        new("alpha", ParameterTypes.Float, JsonValue.Create(1.0), "add-alpha smoothing", 0.001, 1000, LogScale: true),
        new("min_count", ParameterTypes.Int, JsonValue.Create(1), "ignore words seen fewer times", 1, 5),
        new("lowercase", ParameterTypes.Bool, JsonValue.Create(true), "fold case"),
        new("prior", ParameterTypes.Choice, JsonValue.Create("data"), "class prior", Choices: ["data", "uniform"]),
    ];

    /// <summary>How many models it trained.</summary>
    public int Trainings
    {
        get
        {
            lock (_gate) return _trainedOn.Count;
        }
    }

    /// <summary>The example ids each training saw, in training order.</summary>
    public IReadOnlyList<HashSet<string>> TrainedOn
    {
        get
        {
            lock (_gate) return [.. _trainedOn];
        }
    }

    /// <summary>The item ids its models were asked about, in order.</summary>
    public IReadOnlyList<string> Asked
    {
        get
        {
            lock (_gate) return [.. _asked];
        }
    }

    public Task<ITrainedModel> TrainAsync(TrainingSet data, ParameterValues parameters, TrainingContext context, CancellationToken cancellationToken)
    {
        lock (_gate) _trainedOn.Add([.. data.Examples.Select(e => e.Id)]);
        var lower = parameters.Bool("lowercase");
        var counts = data.Classes.ToDictionary(c => c, _ => new Dictionary<string, int>(StringComparer.Ordinal), StringComparer.Ordinal);
        var docs = data.Classes.ToDictionary(c => c, _ => 0, StringComparer.Ordinal);
        foreach (var example in data.Examples)
        {
            var label = example.Labels[0];
            docs[label]++;
            foreach (var word in Words(example.Data, data.DataField, lower))
                counts[label][word] = counts[label].GetValueOrDefault(word) + 1;
        }
        var minCount = parameters.Int("min_count");
        foreach (var table in counts.Values)
            foreach (var rare in table.Where(w => w.Value < minCount).Select(w => w.Key).ToList()) table.Remove(rare);
        var state = new State(data.Classes, data.DataField, data.Target.Control, data.Target.Field, lower, parameters.Float("alpha"),
            parameters.Choice("prior") == "uniform", docs, counts);
        return System.Threading.Tasks.Task.FromResult<ITrainedModel>(new Model(this, state, context.Version));
    }

    public async Task<ITrainedModel> LoadAsync(Stream artifact, TrainingContext context, CancellationToken cancellationToken) =>
        new Model(this, (await JsonSerializer.DeserializeAsync<State>(artifact, cancellationToken: cancellationToken))!, context.Version);

    private static string[] Words(JsonObject data, string field, bool lower)
    {
        var text = data[field]?.GetValue<string>() ?? "";
        return (lower ? text.ToLowerInvariant() : text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private void Record(IEnumerable<string> asked)
    {
        lock (_gate) _asked.AddRange(asked);
    }

    public sealed record State(IReadOnlyList<string> Classes, string DataField, string Control, string Field, bool Lower, double Alpha, bool Uniform,
        Dictionary<string, int> Docs, Dictionary<string, Dictionary<string, int>> Counts);

    private sealed class Model(WordCountTrainer trainer, State state, string version) : ITrainedModel, IEmbeddingModel
    {
        private const int EmbeddingSize = 64;

        public string Version => version;
        public string Trainer => TrainerName;
        public IReadOnlyList<string> Classes => state.Classes;

        public Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken)
        {
            trainer.Record(inputs.Select(i => i.ItemId));
            return System.Threading.Tasks.Task.FromResult<IReadOnlyList<ModelAnswer>>([.. inputs.Select(Answer)]);
        }

        private ModelAnswer Answer(ModelInput input)
        {
            var words = Words(input.Data, state.DataField, state.Lower);
            var vocabulary = state.Counts.Values.SelectMany(c => c.Keys).Distinct().Count() + 1;
            var logs = state.Classes.Select(c =>
            {
                var table = state.Counts[c];
                var total = table.Values.Sum();
                var prior = state.Uniform ? 1.0 / state.Classes.Count : (state.Docs[c] + 1.0) / (state.Docs.Values.Sum() + state.Classes.Count);
                return Math.Log(prior) + words.Sum(w => Math.Log((table.GetValueOrDefault(w) + state.Alpha) / (total + state.Alpha * vocabulary)));
            }).ToList();
            var max = logs.Max();
            var exp = logs.Select(l => Math.Exp(l - max)).ToList();
            var sum = exp.Sum();
            var scores = state.Classes.Select((c, i) => (c, p: exp[i] / sum)).ToDictionary(x => x.c, x => x.p, StringComparer.Ordinal);
            var best = scores.MaxBy(s => s.Value);
            var region = new Region
            {
                Id = input.ItemId, FromName = state.Control, ToName = state.Field, Type = RegionTypes.Choices, Labels = [best.Key], Score = best.Value,
            };
            return new ModelAnswer(input.ItemId, [region], best.Value, scores);
        }

        public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken) =>
            System.Threading.Tasks.Task.FromResult<IReadOnlyList<float[]>>([.. inputs.Select(i =>
            {
                var vector = new float[EmbeddingSize];
                foreach (var word in Words(i.Data, state.DataField, state.Lower)) vector[Bucket(word)]++;
                return vector;
            })]);

        // FNV-1a: string hash codes change from one process to the next, and a replayed test must embed alike.
        private static int Bucket(string word)
        {
            var hash = 2166136261u;
            foreach (var c in word) hash = (hash ^ c) * 16777619u;
            return (int)(hash % EmbeddingSize);
        }

        public Task SaveAsync(Stream destination, CancellationToken cancellationToken) =>
            JsonSerializer.SerializeAsync(destination, state, cancellationToken: cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

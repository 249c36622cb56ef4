using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.Search;

/// <summary>
/// A tiny word-count naive Bayes trainer for search tests: quick, deterministic, and its smoothing really changes the
/// answers, so searches have something to find. It counts the trainings it did so tests can see what a search ran.
/// </summary>
public sealed class WordCountTrainer : ITrainer
{
    public int Trainings { get; private set; }

    public string Name => "word-count";
    public string Task => TrainerTasks.TextClassification;
    public string Description => "naive Bayes over lower-cased words (test trainer)";

    public IReadOnlyList<TrainerParameter> Parameters { get; } =
    [
        new("alpha", ParameterTypes.Float, JsonValue.Create(1.0), "add-alpha smoothing", 0.001, 1000, LogScale: true),
        new("min_count", ParameterTypes.Int, JsonValue.Create(1), "ignore words seen fewer times", 1, 5),
        new("lowercase", ParameterTypes.Bool, JsonValue.Create(true), "fold case"),
        new("prior", ParameterTypes.Choice, JsonValue.Create("data"), "class prior", Choices: ["data", "uniform"]),
    ];

    public Task<ITrainedModel> TrainAsync(TrainingSet data, ParameterValues parameters, TrainingContext context, CancellationToken cancellationToken)
    {
        Trainings++;
        var lower = parameters.Bool("lowercase");
        var counts = data.Classes.ToDictionary(c => c, _ => new Dictionary<string, int>(StringComparer.Ordinal), StringComparer.Ordinal);
        var docs = data.Classes.ToDictionary(c => c, _ => 0, StringComparer.Ordinal);
        foreach (var example in data.Examples)
        {
            var label = example.Labels[0];
            docs[label]++;
            foreach (var word in Words(example.Data[data.DataField]!.GetValue<string>(), lower))
                counts[label][word] = counts[label].GetValueOrDefault(word) + 1;
        }
        // ParameterValues.Int cannot read the whole numbers ParameterValues itself stores (a TryGetValue<double> on an int), so read it here.
        var stored = parameters.Values["min_count"]!.AsValue();
        var minCount = stored.TryGetValue<int>(out var whole) ? whole : (int)stored.GetValue<double>();
        foreach (var table in counts.Values)
            foreach (var rare in table.Where(w => w.Value < minCount).Select(w => w.Key).ToList()) table.Remove(rare);
        var state = new State(data.Classes, data.DataField, data.Target.Control, data.Target.Field, lower, parameters.Float("alpha"),
            parameters.Choice("prior") == "uniform", docs, counts);
        return System.Threading.Tasks.Task.FromResult<ITrainedModel>(new Model(state, context.Version));
    }

    public async Task<ITrainedModel> LoadAsync(Stream artifact, TrainingContext context, CancellationToken cancellationToken) =>
        new Model((await JsonSerializer.DeserializeAsync<State>(artifact, cancellationToken: cancellationToken))!, context.Version);

    private static IEnumerable<string> Words(string text, bool lower) =>
        (lower ? text.ToLowerInvariant() : text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public sealed record State(IReadOnlyList<string> Classes, string DataField, string Control, string Field, bool Lower, double Alpha, bool Uniform,
        Dictionary<string, int> Docs, Dictionary<string, Dictionary<string, int>> Counts);

    private sealed class Model(State state, string version) : ITrainedModel
    {
        public string Version => version;
        public string Trainer => "word-count";
        public IReadOnlyList<string> Classes => state.Classes;

        public Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken) =>
            System.Threading.Tasks.Task.FromResult<IReadOnlyList<ModelAnswer>>([.. inputs.Select(Answer)]);

        private ModelAnswer Answer(ModelInput input)
        {
            var words = Words(input.Data[state.DataField]?.GetValue<string>() ?? "", state.Lower).ToList();
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

        public Task SaveAsync(Stream destination, CancellationToken cancellationToken) =>
            JsonSerializer.SerializeAsync(destination, state, cancellationToken: cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

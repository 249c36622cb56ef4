using System.Text.Json.Nodes;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.Active;

/// <summary>
/// A tiny naive Bayes text classifier for the simulation tests: fast, deterministic, gives probabilities and embeds
/// texts as hashed word counts, so every strategy can run without the real trainers.
/// </summary>
internal sealed class WordCountTrainer : ITrainer
{
    public string Name => "test-words";
    public string Task => TrainerTasks.TextClassification;
    public string Description => "naive Bayes over words (tests only)";
    public IReadOnlyList<TrainerParameter> Parameters => [];

    public int Trainings { get; private set; }

    public Task<ITrainedModel> TrainAsync(TrainingSet data, ParameterValues parameters, TrainingContext context, CancellationToken cancellationToken)
    {
        Trainings++;
        var counts = data.Classes.ToDictionary(c => c, _ => new Dictionary<string, int>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var example in data.Examples)
            foreach (var word in Words(example.Data))
                counts[example.Labels[0]][word] = counts[example.Labels[0]].GetValueOrDefault(word) + 1;
        return System.Threading.Tasks.Task.FromResult<ITrainedModel>(new Model(data.Classes, counts, data.Target.Control, data.Target.Field));
    }

    public Task<ITrainedModel> LoadAsync(Stream artifact, TrainingContext context, CancellationToken cancellationToken) => throw new NotSupportedException();

    private static string[] Words(JsonObject data) => (data["text"]?.GetValue<string>() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private sealed class Model(IReadOnlyList<string> classes, Dictionary<string, Dictionary<string, int>> counts, string control, string field)
        : ITrainedModel, IEmbeddingModel
    {
        public string Version => "test";
        public string Trainer => "test-words";
        public IReadOnlyList<string> Classes => classes;

        public Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken) =>
            System.Threading.Tasks.Task.FromResult<IReadOnlyList<ModelAnswer>>([.. inputs.Select(Answer)]);

        private ModelAnswer Answer(ModelInput input)
        {
            var words = Words(input.Data);
            var logs = classes.ToDictionary(c => c, c =>
            {
                var total = counts[c].Values.Sum();
                return words.Sum(w => Math.Log((counts[c].GetValueOrDefault(w) + 1.0) / (total + 100.0)));
            });
            var max = logs.Values.Max();
            var sum = logs.Values.Sum(l => Math.Exp(l - max));
            var scores = logs.ToDictionary(p => p.Key, p => Math.Exp(p.Value - max) / sum);
            var best = scores.MaxBy(s => s.Value).Key;
            var region = new Region { Id = "r", FromName = control, ToName = field, Type = RegionTypes.Choices, Labels = [best] };
            return new ModelAnswer(input.ItemId, [region], scores[best], scores);
        }

        public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken) =>
            System.Threading.Tasks.Task.FromResult<IReadOnlyList<float[]>>([.. inputs.Select(i =>
            {
                var vector = new float[64];
                foreach (var word in Words(i.Data)) vector[(int)((uint)StringComparer.Ordinal.GetHashCode(word) % 64)]++;
                return vector;
            })]);

        public Task SaveAsync(Stream destination, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

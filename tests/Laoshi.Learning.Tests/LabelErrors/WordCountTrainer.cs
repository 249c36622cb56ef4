using System.Text.Json.Nodes;
using Laoshi.Core.Models;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.LabelErrors;

/// <summary>
/// A tiny multinomial naive Bayes over words, standing in for a real trainer: label-error detection only needs class
/// probabilities from some classifier. It records what it trained on and was asked about, so tests can check that no
/// example is judged by a model that learned it.
/// </summary>
public sealed class WordCountTrainer : ITrainer
{
    public List<HashSet<string>> TrainedOn { get; } = [];

    public List<string> Asked { get; } = [];

    public string Name => "word-count";

    public string Task => TrainerTasks.TextClassification;

    public string Description => "naive Bayes over words (tests only)";

    public IReadOnlyList<TrainerParameter> Parameters { get; } =
        [new("smoothing", ParameterTypes.Float, JsonValue.Create(1.0), "add-k smoothing", 0.01, 10)];

    public Task<ITrainedModel> TrainAsync(TrainingSet data, ParameterValues parameters, TrainingContext context, CancellationToken cancellationToken)
    {
        TrainedOn.Add([.. data.Examples.Select(e => e.Id)]);
        var counts = data.Classes.ToDictionary(c => c, _ => new Dictionary<string, int>(StringComparer.Ordinal), StringComparer.Ordinal);
        var priors = data.Classes.ToDictionary(c => c, c => data.Examples.Count(e => e.Labels[0] == c), StringComparer.Ordinal);
        foreach (var example in data.Examples)
            foreach (var word in Words(example.Data, data.DataField))
                counts[example.Labels[0]][word] = counts[example.Labels[0]].GetValueOrDefault(word) + 1;
        return System.Threading.Tasks.Task.FromResult<ITrainedModel>(new Model(this, data.Classes, data.DataField, counts, priors, parameters.Float("smoothing"), context.Version));
    }

    public Task<ITrainedModel> LoadAsync(Stream artifact, TrainingContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    private static IEnumerable<string> Words(JsonObject data, string field) =>
        (data[field]?.GetValue<string>() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private sealed class Model(WordCountTrainer trainer, IReadOnlyList<string> classes, string field, Dictionary<string, Dictionary<string, int>> counts,
        Dictionary<string, int> priors, double smoothing, string version) : ITrainedModel
    {
        public string Trainer => trainer.Name;

        public IReadOnlyList<string> Classes => classes;

        public string Version => version;

        public Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken)
        {
            var vocabulary = counts.Values.SelectMany(c => c.Keys).Distinct().Count() + 1;
            var answers = new List<ModelAnswer>();
            foreach (var input in inputs)
            {
                trainer.Asked.Add(input.ItemId);
                var logs = classes.Select(c =>
                {
                    var total = counts[c].Values.Sum();
                    return Math.Log(priors[c] + 1) + Words(input.Data, field).Sum(w => Math.Log((counts[c].GetValueOrDefault(w) + smoothing) / (total + smoothing * vocabulary)));
                }).ToArray();
                var max = logs.Max();
                var exp = logs.Select(l => Math.Exp(l - max)).ToArray();
                var sum = exp.Sum();
                var scores = classes.Select((c, i) => (c, p: exp[i] / sum)).ToDictionary(x => x.c, x => x.p, StringComparer.Ordinal);
                var best = scores.MaxBy(s => s.Value);
                answers.Add(new ModelAnswer(input.ItemId, [], best.Value, scores));
            }
            return System.Threading.Tasks.Task.FromResult<IReadOnlyList<ModelAnswer>>(answers);
        }

        public Task SaveAsync(Stream destination, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

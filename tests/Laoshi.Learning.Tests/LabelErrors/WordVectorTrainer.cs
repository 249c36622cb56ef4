using Laoshi.Core.Models;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.LabelErrors;

/// <summary>
/// <see cref="WordCountTrainer"/>'s models with their embedding replaced: by the counts of a fixed list of words (so a
/// test can compute the neighbour vote itself), or by none at all (a trainer whose models cannot embed).
/// </summary>
public sealed class WordVectorTrainer(IReadOnlyList<string>? vocabulary) : ITrainer
{
    private readonly WordCountTrainer _inner = new();

    public string Name => "word-vector";

    public string Task => _inner.Task;

    public string Description => "naive Bayes over words, embedding texts as counts of chosen words or not at all (tests only)";

    public IReadOnlyList<TrainerParameter> Parameters => _inner.Parameters;

    public async Task<ITrainedModel> TrainAsync(TrainingSet data, ParameterValues parameters, TrainingContext context, CancellationToken cancellationToken)
    {
        var model = await _inner.TrainAsync(data, parameters, context, cancellationToken);
        return vocabulary is null ? new Plain(model) : new Embedding(model, vocabulary);
    }

    public Task<ITrainedModel> LoadAsync(Stream artifact, TrainingContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public static float[] Counts(ModelInput input, IReadOnlyList<string> vocabulary)
    {
        var words = (input.Data["text"]?.GetValue<string>() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. vocabulary.Select(v => (float)words.Count(w => w == v))];
    }

    private class Plain(ITrainedModel inner) : ITrainedModel
    {
        public string Trainer => "word-vector";

        public IReadOnlyList<string> Classes => inner.Classes;

        public string Version => inner.Version;

        public Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken) =>
            inner.PredictAsync(inputs, cancellationToken);

        public Task SaveAsync(Stream destination, CancellationToken cancellationToken) => inner.SaveAsync(destination, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    private sealed class Embedding(ITrainedModel inner, IReadOnlyList<string> vocabulary) : Plain(inner), IEmbeddingModel
    {
        public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken) =>
            System.Threading.Tasks.Task.FromResult<IReadOnlyList<float[]>>([.. inputs.Select(i => Counts(i, vocabulary))]);
    }
}

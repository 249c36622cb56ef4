using Laoshi.Core.Models;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.LabelErrors;

/// <summary>
/// <see cref="WordCountTrainer"/>'s models with an embedding added: a text becomes the counts of a fixed list of words,
/// so the neighbour vote has a space to work in. Fitting learns nothing for the embedding, as with a pretrained network.
/// </summary>
public sealed class WordVectorTrainer(IReadOnlyList<string> vocabulary) : ITrainer
{
    private readonly WordCountTrainer _inner = new();

    public string Name => "word-vector";

    public string Task => _inner.Task;

    public string Description => "naive Bayes over words, embedding texts as word counts (tests only)";

    public IReadOnlyList<TrainerParameter> Parameters => _inner.Parameters;

    public async Task<ITrainedModel> TrainAsync(TrainingSet data, ParameterValues parameters, TrainingContext context, CancellationToken cancellationToken) =>
        new Model(await _inner.TrainAsync(data, parameters, context, cancellationToken), vocabulary);

    public Task<ITrainedModel> LoadAsync(Stream artifact, TrainingContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public static float[] Counts(ModelInput input, IReadOnlyList<string> vocabulary)
    {
        var words = (input.Data["text"]?.GetValue<string>() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. vocabulary.Select(v => (float)words.Count(w => w == v))];
    }

    private sealed class Model(ITrainedModel inner, IReadOnlyList<string> vocabulary) : ITrainedModel, IEmbeddingModel
    {
        public string Trainer => "word-vector";

        public IReadOnlyList<string> Classes => inner.Classes;

        public string Version => inner.Version;

        public Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken) =>
            inner.PredictAsync(inputs, cancellationToken);

        public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken) =>
            System.Threading.Tasks.Task.FromResult<IReadOnlyList<float[]>>([.. inputs.Select(i => Counts(i, vocabulary))]);

        public Task SaveAsync(Stream destination, CancellationToken cancellationToken) => inner.SaveAsync(destination, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

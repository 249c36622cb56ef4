using Laoshi.Core.Models;

namespace Laoshi.Learning.Training;

/// <summary>
/// A model a built-in trainer produced. It answers items like any other model (classifiers give every class's
/// probability in ModelAnswer.ClassScores; the ner model gives labelled spans as regions) and saves itself to one file.
/// </summary>
public interface ITrainedModel : IItemModel
{
    string Trainer { get; }

    IReadOnlyList<string> Classes { get; }

    Task SaveAsync(Stream destination, CancellationToken cancellationToken);
}

/// <summary>
/// A model that can place items in a vector space (sentence embeddings, image features, hashed n-grams): the
/// diversity strategy of active learning picks items far from each other there.
/// </summary>
public interface IEmbeddingModel
{
    Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken);
}

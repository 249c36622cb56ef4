namespace Laoshi.Learning.Training;

/// <summary>
/// A built-in trainer: learns a model from a <see cref="TrainingSet"/> with declared parameters, and loads a model it
/// saved earlier. Names are stable public words (text-ngram, text-minilm, image-resnet18, audio-mfcc, ner).
/// </summary>
public interface ITrainer
{
    string Name { get; }

    /// <summary>What it learns, one of <see cref="TrainerTasks"/>.</summary>
    string Task { get; }

    string Description { get; }

    IReadOnlyList<TrainerParameter> Parameters { get; }

    Task<ITrainedModel> TrainAsync(TrainingSet data, ParameterValues parameters, TrainingContext context, CancellationToken cancellationToken);

    /// <summary>Reads back what <see cref="ITrainedModel.SaveAsync"/> wrote.</summary>
    Task<ITrainedModel> LoadAsync(Stream artifact, TrainingContext context, CancellationToken cancellationToken);
}

/// <summary>The kinds of learning a trainer does; the data field and the schema control it needs follow from it.</summary>
public static class TrainerTasks
{
    public const string TextClassification = "text-classification";
    public const string ImageClassification = "image-classification";
    public const string AudioClassification = "audio-classification";
    public const string Ner = "ner";

    /// <summary>Whether a trainer of this task answers one class per item with a probability for every class.</summary>
    public static bool IsClassification(string task) => task is TextClassification or ImageClassification or AudioClassification;
}

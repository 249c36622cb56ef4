using Laoshi.Learning.Training;

namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>
/// "image-resnet18": ResNet18 image features (the ONNX model of the Microsoft.ML.DnnImageFeaturizer.ResNet18 package,
/// run with ONNX Runtime) with a linear classifier on top, single- or multi-label. Images are read through the
/// training context's media source. The network loads on first use and is shared by every model this trainer makes.
/// </summary>
public sealed class ImageResNet18Trainer(Lazy<ResNet18Featurizer> featurizer) : ITrainer
{
    public const string TrainerName = "image-resnet18";

    public ImageResNet18Trainer() : this(new Lazy<ResNet18Featurizer>(() => new ResNet18Featurizer(), LazyThreadSafetyMode.ExecutionAndPublication))
    {
    }

    public string Name => TrainerName;
    public string Task => TrainerTasks.ImageClassification;
    public string Description =>
        "Features from the pretrained ResNet18 (ImageNet; 512 numbers per image) with a linear classifier on top. " +
        "Learns new image classes from a few dozen examples each.";
    private static readonly IReadOnlyList<TrainerParameter> Declared = LinearClassifierParameters.Declared(l2: 0.01);

    public IReadOnlyList<TrainerParameter> Parameters => Declared;

    public Task<ITrainedModel> TrainAsync(TrainingSet data, ParameterValues parameters, TrainingContext context, CancellationToken cancellationToken) =>
        EmbeddingClassifierTraining.TrainAsync(Name, field => Features(field, context), data, parameters, context, cancellationToken);

    public Task<ITrainedModel> LoadAsync(Stream artifact, TrainingContext context, CancellationToken cancellationToken) =>
        EmbeddingClassifierTraining.LoadAsync(Name, field => Features(field, context), artifact, context, cancellationToken);

    private ResNet18Features Features(string field, TrainingContext context) => new(featurizer, field, context.Media);
}

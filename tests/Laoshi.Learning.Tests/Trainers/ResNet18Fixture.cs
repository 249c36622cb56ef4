using System.Text.Json.Nodes;
using Laoshi.Core.Models;
using Laoshi.Learning.External;
using Laoshi.Learning.Trainers.Embeddings;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.Trainers;

/// <summary>
/// One image-resnet18 trainer (the network loads once) and one model trained on generated stripes and dots, with
/// unseen pictures of both kinds to ask it about.
/// </summary>
public sealed class ResNet18Fixture : IAsyncLifetime
{
    private readonly Lazy<ResNet18Featurizer> _network = new(() => new ResNet18Featurizer());
    private readonly TempFolder _folder = new();

    public ResNet18Fixture() => Trainer = new ImageResNet18Trainer(_network);

    public ImageResNet18Trainer Trainer { get; }
    public ITrainedModel Model { get; private set; } = null!;
    public TrainingSet Data { get; private set; } = null!;
    public IReadOnlyList<(string Path, string Kind)> Unseen { get; private set; } = [];

    /// <summary>The model's answers for <see cref="UnseenInputs"/>, asked once.</summary>
    public IReadOnlyList<ModelAnswer> Answers { get; private set; } = [];

    public IReadOnlyList<ModelInput> UnseenInputs() =>
        [.. Unseen.Select((u, i) => new ModelInput($"u{i}", new JsonObject { ["image"] = u.Path }))];

    public TrainingContext Context() => new(Seed: 1, new FileMediaSource(_folder.Path), Version: "image-resnet18@1");

    public async ValueTask InitializeAsync()
    {
        var random = new Random(7);
        var examples = new List<TrainingExample>();
        for (var i = 0; i < 8; i++)
        {
            PatternImages.Stripes(_folder.File($"stripes{i}.png"), random);
            PatternImages.Dots(_folder.File($"dots{i}.png"), random);
            // Relative references: the media source resolves them under its folder.
            examples.Add(new TrainingExample($"s{i}", new JsonObject { ["image"] = $"stripes{i}.png" }, ["stripes"]));
            examples.Add(new TrainingExample($"d{i}", new JsonObject { ["image"] = $"dots{i}.png" }, ["dots"]));
        }
        Unseen = [.. Enumerable.Range(0, 3).SelectMany(i => new[]
        {
            (PatternImages.Stripes(_folder.File($"new-stripes{i}.png"), random), "stripes"),
            (PatternImages.Dots(_folder.File($"new-dots{i}.png"), random), "dots"),
        })];
        Data = new TrainingSet(examples, ["dots", "stripes"], MultiLabel: false, "image", new ModelTarget("pattern", "image"));
        Model = await Trainer.TrainAsync(Data, ParameterValues.Defaults(Trainer.Parameters), Context(), CancellationToken.None);
        Answers = await Model.PredictAsync(UnseenInputs(), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (Model is not null) await Model.DisposeAsync();
        if (_network.IsValueCreated) _network.Value.Dispose();
        _folder.Dispose();
    }
}

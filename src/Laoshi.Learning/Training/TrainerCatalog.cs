using Laoshi.Core.Errors;

namespace Laoshi.Learning.Training;

/// <summary>Every built-in trainer by name; an unknown name is an error listing the names that exist.</summary>
public sealed class TrainerCatalog(IEnumerable<ITrainer> trainers)
{
    private readonly IReadOnlyList<ITrainer> _trainers = [.. trainers.OrderBy(t => t.Name, StringComparer.Ordinal)];

    public IReadOnlyList<ITrainer> All => _trainers;

    public ITrainer Get(string name) =>
        _trainers.FirstOrDefault(t => t.Name == name)
        ?? throw new BadInputException($"unknown trainer '{name}'; the trainers are: {string.Join(", ", _trainers.Select(t => t.Name))}", field: "trainer");

    /// <summary>The trainers Laoshi ships. Each trainer adds itself here, one line each.</summary>
    public static TrainerCatalog CreateDefault() => new(
    [
        new Trainers.TextNgram.TextNgramTrainer(),
        new Trainers.Embeddings.TextMiniLmTrainer(),
        new Trainers.Embeddings.ImageResNet18Trainer(),
    ]);
}

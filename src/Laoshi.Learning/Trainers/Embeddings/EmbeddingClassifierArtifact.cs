using System.Text.Json;
using System.Text.Json.Serialization;
using Laoshi.Core.Errors;

namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>
/// What an embedding trainer saves: only the fitted classifier and where its answers go; the pretrained network comes
/// from its package. JSON, so floats round-trip exactly and a file can be read by eye. Network guards against reading
/// a classifier on top of vectors it was not fitted to.
/// </summary>
internal sealed record EmbeddingClassifierArtifact(
    string Format, string Trainer, string Network, string DataField, string Control, string Field,
    bool MultiLabel, double Threshold, IReadOnlyList<string> Classes,
    float[] Mean, float[] Scale, float[][] Weights, float[] Bias)
{
    public const string FormatName = "laoshi-embedding-classifier/1";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public Task WriteAsync(Stream destination, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(destination, this, Json, cancellationToken);

    /// <summary>Reads and checks an artifact; anything else is a bad input naming the trainer that expected it.</summary>
    public static async Task<EmbeddingClassifierArtifact> ReadAsync(Stream source, string trainer, CancellationToken cancellationToken)
    {
        EmbeddingClassifierArtifact? artifact;
        try
        {
            artifact = await JsonSerializer.DeserializeAsync<EmbeddingClassifierArtifact>(source, Json, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new BadInputException($"not a {trainer} model file: {e.Message}", path: e.Path, field: "file");
        }
        if (artifact is null || artifact.Format != FormatName)
            throw new BadInputException($"not a {trainer} model file (expected format {FormatName})", field: "file");
        if (artifact.Trainer != trainer)
            throw new BadInputException($"this model file was made by the trainer '{artifact.Trainer}', not '{trainer}'", field: "file");
        var classes = artifact.Classes?.Count ?? 0;
        var dimension = artifact.Mean?.Length ?? 0;
        if (classes == 0 || dimension == 0 || artifact.Scale?.Length != dimension || artifact.Bias?.Length != classes
            || artifact.Weights?.Length != classes || artifact.Weights.Any(w => w?.Length != dimension))
            throw new BadInputException($"the {trainer} model file is damaged: its classes, weights and feature sizes disagree", field: "file");
        return artifact;
    }
}

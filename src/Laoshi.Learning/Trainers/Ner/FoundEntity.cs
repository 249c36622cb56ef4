namespace Laoshi.Learning.Trainers.Ner;

/// <summary>An entity the model found: character offsets [Start, End), its type, and how sure the model is (0..1).</summary>
public sealed record FoundEntity(int Start, int End, string Label, double Score);

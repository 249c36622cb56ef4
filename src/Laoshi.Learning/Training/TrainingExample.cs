using System.Text.Json.Nodes;

namespace Laoshi.Learning.Training;

/// <summary>
/// One labelled item a trainer learns from. Data holds the item's fields as stored ({"text": ...}, {"image": path or
/// blob URL}, {"audio": ...}); Labels the classes given to it (one for single-label, any number for multi-label);
/// Spans the entities marked in its text (for the ner trainer; empty otherwise).
/// </summary>
public sealed record TrainingExample(string Id, JsonObject Data, IReadOnlyList<string> Labels, IReadOnlyList<LabelledSpan>? Spans = null);

/// <summary>An entity in an item's text: character offsets [Start, End) and its label.</summary>
public sealed record LabelledSpan(int Start, int End, string Label);

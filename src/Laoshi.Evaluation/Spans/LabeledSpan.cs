namespace Laoshi.Evaluation.Spans;

/// <summary>A typed span of text or tokens, [Start, End) — a named entity, a chunk.</summary>
public sealed record LabeledSpan(string Type, int Start, int End);

/// <summary>One item's true spans beside the predicted ones.</summary>
public sealed record SpanCase(string Item, IReadOnlyList<LabeledSpan> Truth, IReadOnlyList<LabeledSpan> Predicted);

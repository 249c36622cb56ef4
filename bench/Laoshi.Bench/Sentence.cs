namespace Laoshi.Bench;

/// <summary>A generated sentence with the named-entity spans it holds (UTF-16 offsets, as Label Studio counts) and its mood.</summary>
public sealed record Sentence(string Text, IReadOnlyList<EntitySpan> Entities, string Sentiment);

public sealed record EntitySpan(int Start, int End, string Label, string Text);

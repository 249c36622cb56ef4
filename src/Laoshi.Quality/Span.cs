namespace Laoshi.Quality;

/// <summary>A labelled text span one annotator marked: [Start, End) in UTF-16 code units.</summary>
public sealed record LabelledSpan(string Annotator, string Label, int Start, int End)
{
    public bool Overlaps(LabelledSpan other) => Label == other.Label && Start < other.End && other.Start < End;
}

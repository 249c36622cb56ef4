namespace Laoshi.Cleaning;

/// <summary>One piece of personal data in a text: its kind, where it is (UTF-16 offsets, as .NET strings count) and the text itself.</summary>
public sealed record PiiMatch(PiiKind Kind, int Start, int Length, string Value)
{
    public int End => Start + Length;
}

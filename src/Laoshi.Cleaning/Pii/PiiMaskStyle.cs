namespace Laoshi.Cleaning;

/// <summary>How <see cref="PiiMasker"/> hides what it masks.</summary>
public enum PiiMaskStyle
{
    /// <summary>Keep what a reader needs to tell items apart and nothing that identifies: 138****5678, a***@example.com, ****1234.</summary>
    Partial,

    /// <summary>Every character of the match becomes *, separators kept, so the text keeps its length and offsets.</summary>
    Full,

    /// <summary>The match becomes its kind in brackets: [EMAIL], [PHONE], [ID_NUMBER], [BANK_CARD], [IP].</summary>
    Label,
}

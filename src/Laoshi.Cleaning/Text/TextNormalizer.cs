using System.Text;

namespace Laoshi.Cleaning;

/// <summary>
/// Normalises text with the chosen <see cref="NormalizationOptions"/>. Thread-safe and allocation-free when the
/// text is already normal (the same string comes back).
/// </summary>
public sealed class TextNormalizer(NormalizationOptions options)
{
    public NormalizationOptions Options { get; } = options;

    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Options.ControlCharacters) text = InvisibleCharacters.Remove(text);
        // NFKC already folds full-width forms; the width step still runs for the ideographic space rule below.
        if (Options.Nfkc && !text.IsNormalized(NormalizationForm.FormKC)) text = text.Normalize(NormalizationForm.FormKC);
        if (Options.Width) text = FullWidth.ToHalfWidth(text);
        if (Options.TraditionalToSimplified) text = ChineseScript.ToSimplified(text);
        if (Options.Whitespace) text = WhitespaceRuns.Collapse(text);
        return text;
    }
}

using System.Globalization;
using System.Text;

namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>
/// Prepares text the way the uncased BERT vocabulary of all-MiniLM-L6-v2 was built, before the package's tokenizer
/// splits it: lower case, accents stripped, every whitespace a space, and each CJK character and punctuation mark a
/// word of its own. The package's tokenizer only splits on spaces and a fixed ASCII punctuation list, so without this
/// a Chinese sentence or a line break would reach WordPiece as one long unknown word.
/// </summary>
internal static class MiniLmText
{
    public static string Prepare(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length + 16);
        foreach (var c in decomposed)
        {
            var category = char.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c) || char.IsControl(c) || category == UnicodeCategory.Format)
                result.Append(' ');
            else if (IsCjk(c) || char.IsPunctuation(c) || char.IsSymbol(c))
                result.Append(' ').Append(c).Append(' ');
            else
                result.Append(c);
        }
        return result.ToString();
    }

    private static bool IsCjk(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');
}

namespace Laoshi.Formats.Conll;

/// <summary>
/// One CoNLL tag: O, or a position (B begin, I inside, E/L end, S/U single) and a label.
/// One decoder reads IOB1, IOB2 and IOBES, since each is a subset of the same rules.
/// </summary>
public readonly record struct IobTag(char Position, string? Label)
{
    public static readonly IobTag Outside = new('O', null);

    public bool IsOutside => Position == 'O';

    public static bool TryParse(string text, out IobTag tag)
    {
        tag = Outside;
        if (text == "O")
            return true;
        if (text.Length < 3 || text[1] != '-' || "BIESLU".IndexOf(text[0]) < 0)
            return false;
        tag = new IobTag(text[0], text[2..]);
        return true;
    }

    public override string ToString() => IsOutside ? "O" : $"{Position}-{Label}";
}

/// <summary>A labelled run of tokens, end exclusive.</summary>
public sealed record TokenSpan(int FirstToken, int EndToken, string Label);

public static class IobDecoder
{
    /// <summary>
    /// Turns tags into spans. B always starts a span; I continues a span of the same label and otherwise starts one
    /// (IOB1, and lenient reading of broken IOB2); E ends one; S is a span on its own.
    /// </summary>
    public static List<TokenSpan> Decode(IReadOnlyList<IobTag> tags)
    {
        var spans = new List<TokenSpan>();
        var openStart = -1;
        string? openLabel = null;

        void Close(int end)
        {
            if (openLabel is not null)
                spans.Add(new TokenSpan(openStart, end, openLabel));
            openLabel = null;
        }

        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            var continues = openLabel == tag.Label && tag.Position is 'I' or 'E' or 'L';
            if (!continues)
            {
                Close(i);
                if (tag.IsOutside)
                    continue;
                openStart = i;
                openLabel = tag.Label;
            }
            if (tag.Position is 'E' or 'L' or 'S' or 'U')
                Close(i + 1);
        }
        Close(tags.Count);
        return spans;
    }
}

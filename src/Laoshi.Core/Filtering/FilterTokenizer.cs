using Laoshi.Core.Errors;
using System.Text;

namespace Laoshi.Core.Filtering;

internal enum FilterTokenKind { Word, String, Operator, Open, Close, End }

/// <param name="Column">1-based position of the token's first character.</param>
internal sealed record FilterToken(FilterTokenKind Kind, string Text, int Column);

internal static class FilterTokenizer
{
    public static List<FilterToken> Tokenize(string text, string field)
    {
        var tokens = new List<FilterToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var column = i + 1;
            if (c == '(') { tokens.Add(new(FilterTokenKind.Open, "(", column)); i++; continue; }
            if (c == ')') { tokens.Add(new(FilterTokenKind.Close, ")", column)); i++; continue; }
            if (c is '=' or '!' or '<' or '>' or '~')
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : null;
                if (two is "==" or "!=" or "<=" or ">=") { tokens.Add(new(FilterTokenKind.Operator, two, column)); i += 2; continue; }
                if (c == '!') throw new BadInputException($"'!' must be followed by '=' (column {column} of \"{text}\")", field: field);
                tokens.Add(new(FilterTokenKind.Operator, c.ToString(), column));
                i++;
                continue;
            }
            if (c == '"')
            {
                var value = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    if (text[i] == '\\' && i + 1 < text.Length) { value.Append(text[i + 1]); i += 2; continue; }
                    if (text[i] == '"') { closed = true; i++; break; }
                    value.Append(text[i++]);
                }
                if (!closed) throw new BadInputException($"unclosed quote (column {column} of \"{text}\")", field: field);
                tokens.Add(new(FilterTokenKind.String, value.ToString(), column));
                continue;
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '=' or '!' or '<' or '>' or '~' or '"')) i++;
            tokens.Add(new(FilterTokenKind.Word, text[start..i], column));
        }
        tokens.Add(new(FilterTokenKind.End, "end", text.Length + 1));
        return tokens;
    }
}

using System.Globalization;
using Laoshi.Core.Errors;

namespace Laoshi.Core.Filtering;

/// <summary>
/// Parses filter expressions such as <c>label=joy and (id&gt;=100 or not has_prediction)</c>.
/// Precedence: not, then and, then or. Errors name the 1-based column where the expression goes wrong.
/// </summary>
public sealed class FilterParser
{
    private readonly string _text;
    private readonly string _field;
    private readonly List<FilterToken> _tokens;
    private int _next;

    private FilterParser(string text, string field)
    {
        _text = text;
        _field = field;
        _tokens = FilterTokenizer.Tokenize(text, field);
    }

    /// <param name="field">What error messages call the expression (a query parameter or option name).</param>
    public static FilterExpression Parse(string text, string field = "filter")
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new FilterParser(text, field);
        if (parser.Peek.Kind == FilterTokenKind.End)
            throw parser.Error("the filter is empty", parser.Peek);
        var expression = parser.ParseOr();
        if (parser.Peek.Kind != FilterTokenKind.End)
            throw parser.Error($"expected 'and', 'or' or the end, found '{parser.Peek.Text}'", parser.Peek);
        return expression;
    }

    private FilterToken Peek => _tokens[_next];

    private FilterToken Take() => _tokens[_next++];

    private bool TakeKeyword(string keyword)
    {
        if (Peek.Kind == FilterTokenKind.Word && string.Equals(Peek.Text, keyword, StringComparison.OrdinalIgnoreCase))
        {
            _next++;
            return true;
        }
        return false;
    }

    private FilterExpression ParseOr()
    {
        var left = ParseAnd();
        while (TakeKeyword("or")) left = new OrFilter(left, ParseAnd());
        return left;
    }

    private FilterExpression ParseAnd()
    {
        var left = ParseUnary();
        while (TakeKeyword("and")) left = new AndFilter(left, ParseUnary());
        return left;
    }

    private FilterExpression ParseUnary()
    {
        if (TakeKeyword("not")) return new NotFilter(ParseUnary());
        if (Peek.Kind == FilterTokenKind.Open)
        {
            var open = Take();
            var inner = ParseOr();
            if (Peek.Kind != FilterTokenKind.Close)
                throw Error($"expected ')' to close the '(' at column {open.Column}", Peek);
            Take();
            return inner;
        }
        return ParseAtom();
    }

    private FilterExpression ParseAtom()
    {
        var name = Peek;
        if (name.Kind != FilterTokenKind.Word)
            throw Error(name.Kind == FilterTokenKind.End ? "the filter ends too early" : $"expected a field or a flag, found '{name.Text}'", name);
        Take();
        var word = name.Text.ToLowerInvariant();
        if (Peek.Kind != FilterTokenKind.Operator)
        {
            if (FilterVocabulary.Flags.Contains(word)) return new FlagFilter(word);
            if (FilterVocabulary.Fields.Contains(word))
                throw Error($"'{name.Text}' needs an operator and a value, e.g. {word}=...", Peek);
            throw Error($"unknown word '{name.Text}'; flags: {string.Join(", ", FilterVocabulary.Flags)}; fields: {string.Join(", ", FilterVocabulary.Fields)}", name);
        }
        if (!FilterVocabulary.Fields.Contains(word))
            throw Error($"unknown field '{name.Text}'; fields: {string.Join(", ", FilterVocabulary.Fields)}", name);

        var op = Take();
        var value = Peek;
        if (value.Kind is not (FilterTokenKind.Word or FilterTokenKind.String))
            throw Error($"expected a value after '{op.Text}'", value);
        Take();

        var @operator = ToOperator(op);
        CheckOperatorFits(word, @operator, op);
        long? number = null;
        if (FilterVocabulary.NumericFields.Contains(word))
        {
            if (!long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                throw Error($"'{word}' needs a whole number, found '{value.Text}'", value);
            number = parsed;
        }
        if (word == FilterVocabulary.Text && @operator == FilterOperator.Equal) @operator = FilterOperator.Contains;
        return new ComparisonFilter(word, @operator, value.Text, number);
    }

    private void CheckOperatorFits(string field, FilterOperator op, FilterToken token)
    {
        var fits = field switch
        {
            _ when FilterVocabulary.NumericFields.Contains(field) => op != FilterOperator.Contains,
            FilterVocabulary.Text => op is FilterOperator.Contains or FilterOperator.Equal,
            _ => op is FilterOperator.Equal or FilterOperator.NotEqual,
        };
        if (!fits) throw Error($"'{field}' cannot be compared with '{token.Text}'", token);
    }

    private static FilterOperator ToOperator(FilterToken token) => token.Text switch
    {
        "=" or "==" => FilterOperator.Equal,
        "!=" => FilterOperator.NotEqual,
        "<" => FilterOperator.Less,
        "<=" => FilterOperator.LessOrEqual,
        ">" => FilterOperator.Greater,
        ">=" => FilterOperator.GreaterOrEqual,
        "~" => FilterOperator.Contains,
        _ => throw new InvalidOperationException($"tokenizer produced unknown operator {token.Text}"),
    };

    private BadInputException Error(string message, FilterToken at) =>
        new($"{message} (column {at.Column} of \"{_text}\")", field: _field);
}

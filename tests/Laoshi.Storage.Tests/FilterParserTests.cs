using Laoshi.Core.Errors;
using Laoshi.Core.Filtering;

namespace Laoshi.Storage.Tests;

public sealed class FilterParserTests
{
    [Fact]
    public void Not_binds_tighter_than_and_which_binds_tighter_than_or()
    {
        var parsed = FilterParser.Parse("annotated or not has_prediction and label=joy");
        var expected = new OrFilter(
            new FlagFilter("annotated"),
            new AndFilter(new NotFilter(new FlagFilter("has_prediction")), new ComparisonFilter("label", FilterOperator.Equal, "joy", null)));
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public void Parentheses_quotes_and_numbers_parse()
    {
        var parsed = FilterParser.Parse("(id >= 100 AND id<200) or q~\"say \\\"hi\\\"\"");
        var expected = new OrFilter(
            new AndFilter(new ComparisonFilter("id", FilterOperator.GreaterOrEqual, "100", 100), new ComparisonFilter("id", FilterOperator.Less, "200", 200)),
            new ComparisonFilter("q", FilterOperator.Contains, "say \"hi\"", null));
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public void Chinese_values_need_no_quotes()
    {
        Assert.Equal(new ComparisonFilter("label", FilterOperator.NotEqual, "喜悦", null), FilterParser.Parse("label!=喜悦"));
    }

    [Theory]
    [InlineData("", "empty", 1)]
    [InlineData("status=", "expected a value", 8)]
    [InlineData("colour=red", "unknown field 'colour'", 1)]
    [InlineData("annotated and bogus", "unknown word 'bogus'", 15)]
    [InlineData("id>abc", "whole number", 4)]
    [InlineData("label>joy", "cannot be compared", 6)]
    [InlineData("(annotated", "expected ')'", 11)]
    [InlineData("annotated)", "found ')'", 10)]
    [InlineData("q~\"open", "unclosed quote", 3)]
    [InlineData("status!new", "'!' must be followed by '='", 7)]
    [InlineData("status", "needs an operator", 7)]
    public void Mistakes_are_reported_at_their_column(string text, string message, int column)
    {
        var error = Assert.Throws<BadInputException>(() => FilterParser.Parse(text, "filter"));
        Assert.Contains(message, error.Message);
        Assert.Contains($"column {column} ", error.Message);
        Assert.Equal("filter", error.Errors[0].Field);
    }
}

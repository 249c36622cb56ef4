namespace Laoshi.Core.Filtering;

/// <summary>A parsed filter over items: what snapshots and item lists select.</summary>
public abstract record FilterExpression;

public sealed record AndFilter(FilterExpression Left, FilterExpression Right) : FilterExpression;

public sealed record OrFilter(FilterExpression Left, FilterExpression Right) : FilterExpression;

public sealed record NotFilter(FilterExpression Inner) : FilterExpression;

/// <summary>A word that is true or false of an item on its own: <c>annotated</c>, <c>has_prediction</c>.</summary>
public sealed record FlagFilter(string Flag) : FilterExpression;

/// <summary><c>field op value</c>, e.g. <c>id&gt;=100</c>, <c>label=joy</c>, <c>q~"text"</c>.</summary>
/// <param name="Number">The value as an integer, for numeric fields.</param>
public sealed record ComparisonFilter(string Field, FilterOperator Operator, string Value, long? Number) : FilterExpression;

public enum FilterOperator { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual, Contains }

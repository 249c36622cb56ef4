using System.Text;
using Laoshi.Core.Filtering;

namespace Laoshi.Storage;

/// <summary>
/// Turns a filter expression into a parameterised SQL condition over <c>items i</c>; values never reach the SQL text.
/// </summary>
internal sealed class FilterSql
{
    private readonly List<(string Name, object? Value)> _parameters;
    private readonly string _like;
    private readonly long _now;

    private FilterSql(List<(string, object?)> parameters, string like, long now)
    {
        _parameters = parameters;
        _like = like;
        _now = now;
    }

    /// <param name="parameters">Receives the parameters the condition uses (appended, named uniquely).</param>
    public static string Translate(FilterExpression expression, List<(string Name, object? Value)> parameters, string like) =>
        new FilterSql(parameters, like, UnixTime.Now()).Write(expression);

    public static string LikePattern(string text)
    {
        var escaped = new StringBuilder(text.Length + 2).Append('%');
        foreach (var c in text)
        {
            if (c is '%' or '_' or '\\') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.Append('%').ToString();
    }

    private string Parameter(object value)
    {
        var name = $"@f{_parameters.Count}";
        _parameters.Add((name, value));
        return name;
    }

    private string Write(FilterExpression expression) => expression switch
    {
        AndFilter and => $"({Write(and.Left)} AND {Write(and.Right)})",
        OrFilter or => $"({Write(or.Left)} OR {Write(or.Right)})",
        NotFilter not => $"(NOT {Write(not.Inner)})",
        FlagFilter flag => Flag(flag.Flag),
        ComparisonFilter comparison => Comparison(comparison),
        _ => throw new InvalidOperationException($"unknown filter node {expression.GetType().Name}"),
    };

    private string Flag(string flag) => flag switch
    {
        FilterVocabulary.Annotated or FilterVocabulary.HasAnnotation => "i.annotation_count > 0",
        FilterVocabulary.Unannotated => "i.annotation_count = 0",
        FilterVocabulary.HasPrediction => "EXISTS (SELECT 1 FROM predictions pr WHERE pr.item_id = i.id)",
        FilterVocabulary.Leased => $"(i.lease_user IS NOT NULL AND i.lease_until > {Parameter(_now)})",
        _ => throw new InvalidOperationException($"unknown flag {flag}"),
    };

    private string Comparison(ComparisonFilter c)
    {
        switch (c.Field)
        {
            case FilterVocabulary.Id:
                return $"i.id {Operator(c.Operator)} {Parameter(c.Number!.Value)}";
            case FilterVocabulary.AnnotationCount:
                return $"i.annotation_count {Operator(c.Operator)} {Parameter(c.Number!.Value)}";
            case FilterVocabulary.Status:
                return $"i.status {Operator(c.Operator)} {Parameter(c.Value)}";
            case FilterVocabulary.Text:
                return $"i.data {_like} {Parameter(LikePattern(c.Value))} ESCAPE '\\'";
            case FilterVocabulary.Label:
                return Exists(c, $"SELECT 1 FROM item_labels l WHERE l.item_id = i.id AND l.label = {Parameter(c.Value)}");
            case FilterVocabulary.Annotator:
                return Exists(c, $"SELECT 1 FROM annotations a WHERE a.item_id = i.id AND a.is_current AND a.created_by = {Parameter(c.Value)}");
            case FilterVocabulary.Model:
                return Exists(c, $"SELECT 1 FROM predictions pr WHERE pr.item_id = i.id AND pr.model_version = {Parameter(c.Value)}");
            default:
                throw new InvalidOperationException($"unknown field {c.Field}");
        }
    }

    private static string Exists(ComparisonFilter c, string subquery) =>
        c.Operator == FilterOperator.NotEqual ? $"NOT EXISTS ({subquery})" : $"EXISTS ({subquery})";

    private static string Operator(FilterOperator op) => op switch
    {
        FilterOperator.Equal => "=",
        FilterOperator.NotEqual => "<>",
        FilterOperator.Less => "<",
        FilterOperator.LessOrEqual => "<=",
        FilterOperator.Greater => ">",
        FilterOperator.GreaterOrEqual => ">=",
        _ => throw new InvalidOperationException($"operator {op} has no SQL form here"),
    };
}

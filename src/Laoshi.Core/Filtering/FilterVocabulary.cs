namespace Laoshi.Core.Filtering;

/// <summary>The words a filter may use, so that a typo is reported where it is rather than matching nothing.</summary>
public static class FilterVocabulary
{
    public const string Annotated = "annotated";
    public const string Unannotated = "unannotated";
    public const string HasPrediction = "has_prediction";
    public const string HasAnnotation = "has_annotation";
    public const string Leased = "leased";

    public const string Id = "id";
    public const string Status = "status";
    public const string Label = "label";
    public const string AnnotationCount = "annotations";
    public const string Text = "q";
    public const string Annotator = "annotator";
    public const string Model = "model";

    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal)
    {
        Annotated, Unannotated, HasPrediction, HasAnnotation, Leased,
    };

    public static readonly IReadOnlySet<string> NumericFields = new HashSet<string>(StringComparer.Ordinal) { Id, AnnotationCount };

    public static readonly IReadOnlySet<string> EqualityFields = new HashSet<string>(StringComparer.Ordinal) { Status, Label, Annotator, Model };

    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.Ordinal)
    {
        Id, Status, Label, AnnotationCount, Text, Annotator, Model,
    };
}

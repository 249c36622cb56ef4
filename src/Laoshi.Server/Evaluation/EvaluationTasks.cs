namespace Laoshi.Server.Evaluation;

/// <summary>How a control is scored: the kind of metric its regions become cases for.</summary>
public static class EvaluationTasks
{
    public const string Classification = "classification";
    public const string Detection = "detection";
    public const string Spans = "spans";
    public const string Transcripts = "transcripts";
}

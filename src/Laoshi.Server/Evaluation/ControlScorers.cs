using Laoshi.Core.Schema;

namespace Laoshi.Server.Evaluation;

/// <summary>Which of a project's controls can be scored, and how; the others are named with the reason.</summary>
public static class ControlScorers
{
    public static (IReadOnlyList<IControlScorer> Scorers, IReadOnlyDictionary<string, string> Skipped) For(ProjectSchema schema)
    {
        var scorers = new List<IControlScorer>();
        var skipped = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var control in schema.Controls)
        {
            var field = schema.Field(control.ToName);
            switch (control.Type)
            {
                case ControlTypes.Choices or ControlTypes.Rating when control.PerRegion:
                    skipped[control.Name] = "answers per region are not scored";
                    break;
                case ControlTypes.Choices or ControlTypes.Rating:
                    scorers.Add(new ClassificationScorer(control));
                    break;
                case ControlTypes.RectangleLabels:
                    scorers.Add(new DetectionScorer(control));
                    break;
                case ControlTypes.Labels when field?.Kind == FieldKind.Text:
                    scorers.Add(new SpanScorer(control));
                    break;
                case ControlTypes.TextArea when !control.PerRegion:
                    scorers.Add(new TranscriptScorer(control));
                    break;
                default:
                    skipped[control.Name] = $"{control.Type} controls{(field is null ? "" : $" on {field.Kind.ToString().ToLowerInvariant()}")} are not scored yet";
                    break;
            }
        }
        return (scorers, skipped);
    }
}

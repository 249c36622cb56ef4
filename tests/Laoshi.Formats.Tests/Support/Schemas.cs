using Laoshi.Core.Schema;

namespace Laoshi.Formats.Tests.Support;

public static class Schemas
{
    public static SchemaLabel[] Labels(params string[] values) => [.. values.Select(v => new SchemaLabel(v))];

    public static readonly ProjectSchema Sentiment = new(
        [new SchemaField("text", FieldKind.Text, "text")],
        [
            new SchemaControl("sentiment", "choices", "text", Labels("positive", "negative", "neutral")),
            new SchemaControl("topics", "choices", "text", Labels("sport", "politics", "tech"), Multiple: true),
        ]);

    public static readonly ProjectSchema Ner = new(
        [new SchemaField("text", FieldKind.Text, "text")],
        [new SchemaControl("label", "labels", "text", Labels("PER", "ORG", "LOC", "MISC"))]);

    /// <summary>Every kind of control, as in a mixed Label Studio project.</summary>
    public static readonly ProjectSchema Mixed = new(
        [
            new SchemaField("text", FieldKind.Text, "text"),
            new SchemaField("image", FieldKind.Image, "image"),
            new SchemaField("audio", FieldKind.Audio, "audio"),
        ],
        [
            new SchemaControl("sentiment", "choices", "text", Labels("positive", "negative")),
            new SchemaControl("ner", "labels", "text", Labels("PER", "ORG")),
            new SchemaControl("speaker", "labels", "audio", Labels("A", "B")),
            new SchemaControl("transcript", "textarea", "audio", [], PerRegion: true),
            new SchemaControl("box", "rectanglelabels", "image", Labels("Car", "Person")),
            new SchemaControl("poly", "polygonlabels", "image", Labels("Road")),
            new SchemaControl("kp", "keypointlabels", "image", Labels("Nose")),
            new SchemaControl("caption", "textarea", "image", []),
            new SchemaControl("quality", "rating", "image", [], MaxRating: 5),
        ]);
}

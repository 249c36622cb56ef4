using System.Globalization;
using System.Text.Json;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;

namespace Laoshi.Formats.LabelStudio;

/// <summary>Writes one item as a Label Studio task, the shape Label Studio imports and exports.</summary>
public static class LabelStudioTaskWriter
{
    public static void Write(Utf8JsonWriter writer, ExportItem item, ProjectSchema schema)
    {
        var imageSize = ImageSizes(item, schema);
        writer.WriteStartObject();
        writer.WriteNumber("id", item.Id);
        writer.WritePropertyName("data");
        item.Data.WriteTo(writer);

        writer.WriteStartArray("annotations");
        foreach (var answer in item.Annotations)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", answer.Id);
            writer.WritePropertyName("result");
            LabelStudioResults.ToJson(answer.Result, imageSize).WriteTo(writer);
            if (answer.LeadTime is { } leadTime) writer.WriteNumber("lead_time", leadTime);
            else writer.WriteNull("lead_time");
            // Label Studio identifies users by number; keep numbers as numbers so its import accepts them.
            if (answer.CreatedBy is null) writer.WriteNull("completed_by");
            else if (long.TryParse(answer.CreatedBy, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)) writer.WriteNumber("completed_by", userId);
            else writer.WriteString("completed_by", answer.CreatedBy);
            writer.WriteString("created_at", FormatTime(answer.CreatedAt));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WriteStartArray("predictions");
        foreach (var prediction in item.Predictions)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", prediction.Id);
            if (prediction.ModelVersion is null) writer.WriteNull("model_version");
            else writer.WriteString("model_version", prediction.ModelVersion);
            if (prediction.Score is { } score) writer.WriteNumber("score", score);
            else writer.WriteNull("score");
            writer.WritePropertyName("result");
            LabelStudioResults.ToJson(prediction.Result, imageSize).WriteTo(writer);
            writer.WriteString("created_at", FormatTime(prediction.CreatedAt));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Label Studio's own timestamp format: UTC with microseconds.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    // Regions stored in pixels convert back to percent with the size of the image their to_name field shows.
    private static Func<string, (int Width, int Height)?> ImageSizes(ExportItem item, ProjectSchema schema) => toName =>
        schema.Field(toName) is { } field
        && item.Blobs.TryGetValue(field.Value, out var blob)
        && blob is { Width: { } width, Height: { } height }
            ? (width, height)
            : null;
}

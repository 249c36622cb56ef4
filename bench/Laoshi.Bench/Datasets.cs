using System.Text.Json;

namespace Laoshi.Bench;

/// <summary>The files the benchmarks import, generated on the fly and streamed to disk.</summary>
public static class Datasets
{
    public const int ImageWidth = 64;
    public const int ImageHeight = 48;

    /// <summary>Plain text items, one {"text": "..."} per line.</summary>
    public static long WriteTextItems(string path, long count, int seed = 1)
    {
        var sentences = new SentenceGenerator(seed);
        using var lines = new JsonLines(path);
        for (long i = 0; i < count; i++)
        {
            var sentence = sentences.Next();
            lines.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("text", sentence.Text);
                w.WriteEndObject();
            });
        }
        return lines.Bytes;
    }

    /// <summary>
    /// Image tasks that all show the same small PNG (stored once as a blob on import), each with one
    /// annotation holding one box, given in Label Studio's percent form with the image size.
    /// </summary>
    public static long WriteBoxTasks(string path, long count, string imageFileName, int seed = 2)
    {
        string[] labels = ["sofa", "table", "lamp"];
        var random = new Random(seed);
        using var lines = new JsonLines(path);
        for (long i = 0; i < count; i++)
        {
            var x = Math.Round(random.NextDouble() * 50, 2);
            var y = Math.Round(random.NextDouble() * 50, 2);
            var width = Math.Round(5 + random.NextDouble() * 40, 2);
            var height = Math.Round(5 + random.NextDouble() * 40, 2);
            var label = labels[random.Next(labels.Length)];
            lines.Write(w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("data");
                w.WriteString("image", imageFileName);
                w.WriteEndObject();
                w.WriteStartArray("annotations");
                w.WriteStartObject();
                w.WriteStartArray("result");
                w.WriteStartObject();
                w.WriteString("id", $"b{i}");
                w.WriteString("from_name", "box");
                w.WriteString("to_name", "image");
                w.WriteString("type", "rectanglelabels");
                w.WriteNumber("original_width", ImageWidth);
                w.WriteNumber("original_height", ImageHeight);
                w.WriteStartObject("value");
                w.WriteNumber("x", x);
                w.WriteNumber("y", y);
                w.WriteNumber("width", width);
                w.WriteNumber("height", height);
                w.WriteNumber("rotation", 0);
                w.WriteStartArray("rectanglelabels");
                w.WriteStringValue(label);
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
        return lines.Bytes;
    }

    /// <summary>
    /// A Label Studio JSON export (one top-level array of tasks, indented as Label Studio writes it) of at least
    /// <paramref name="targetBytes"/>: text tasks, each with one annotation of two entity spans and a choice,
    /// carrying the bookkeeping fields a real export has. Returns the task count and the file size.
    /// </summary>
    public static (long Tasks, long Bytes) WriteLabelStudioExport(string path, long targetBytes, int seed = 3)
    {
        var sentences = new SentenceGenerator(seed);
        var random = new Random(seed);
        var created = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var w = new Utf8JsonWriter(file, JsonLines.WriterOptions with { Indented = true });
        w.WriteStartArray();
        long tasks = 0;
        while (w.BytesCommitted + w.BytesPending < targetBytes)
        {
            tasks++;
            var sentence = sentences.Next();
            var at = created.AddSeconds(tasks * 7).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'");
            w.WriteStartObject();
            w.WriteNumber("id", tasks);
            w.WriteStartArray("annotations");
            w.WriteStartObject();
            w.WriteNumber("id", tasks);
            w.WriteNumber("completed_by", 1 + random.Next(5));
            w.WriteStartArray("result");
            for (var e = 0; e < sentence.Entities.Count; e++)
            {
                var entity = sentence.Entities[e];
                w.WriteStartObject();
                w.WriteStartObject("value");
                w.WriteNumber("start", entity.Start);
                w.WriteNumber("end", entity.End);
                w.WriteString("text", entity.Text);
                w.WriteStartArray("labels");
                w.WriteStringValue(entity.Label);
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteString("id", $"t{tasks}e{e}");
                w.WriteString("from_name", "ner");
                w.WriteString("to_name", "text");
                w.WriteString("type", "labels");
                w.WriteString("origin", "manual");
                w.WriteEndObject();
            }
            w.WriteStartObject();
            w.WriteStartObject("value");
            w.WriteStartArray("choices");
            w.WriteStringValue(sentence.Sentiment);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString("id", $"t{tasks}c");
            w.WriteString("from_name", "sentiment");
            w.WriteString("to_name", "text");
            w.WriteString("type", "choices");
            w.WriteString("origin", "manual");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteBoolean("was_cancelled", false);
            w.WriteBoolean("ground_truth", false);
            w.WriteString("created_at", at);
            w.WriteString("updated_at", at);
            w.WriteNull("draft_created_at");
            w.WriteNumber("lead_time", Math.Round(2 + random.NextDouble() * 30, 3));
            w.WriteStartObject("prediction");
            w.WriteEndObject();
            w.WriteNumber("result_count", 0);
            w.WriteString("unique_id", Guid.CreateVersion7(created.AddSeconds(tasks)).ToString());
            w.WriteNull("import_id");
            w.WriteNull("last_action");
            w.WriteNumber("task", tasks);
            w.WriteNumber("project", 1);
            w.WriteNumber("updated_by", 1);
            w.WriteNull("parent_prediction");
            w.WriteNull("parent_annotation");
            w.WriteNull("last_created_by");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("file_upload", "tasks.json");
            w.WriteStartArray("drafts");
            w.WriteEndArray();
            w.WriteStartArray("predictions");
            w.WriteEndArray();
            w.WriteStartObject("data");
            w.WriteString("text", sentence.Text);
            w.WriteEndObject();
            w.WriteStartObject("meta");
            w.WriteEndObject();
            w.WriteString("created_at", at);
            w.WriteString("updated_at", at);
            w.WriteNumber("inner_id", tasks);
            w.WriteNumber("total_annotations", 1);
            w.WriteNumber("cancelled_annotations", 0);
            w.WriteNumber("total_predictions", 0);
            w.WriteNumber("comment_count", 0);
            w.WriteNumber("unresolved_comment_count", 0);
            w.WriteNull("last_comment_updated_at");
            w.WriteNumber("project", 1);
            w.WriteNumber("updated_by", 1);
            w.WriteStartArray("comment_authors");
            w.WriteEndArray();
            w.WriteEndObject();
            if (w.BytesPending > 1 << 20) w.Flush();
        }
        w.WriteEndArray();
        w.Flush();
        return (tasks, file.Length);
    }
}

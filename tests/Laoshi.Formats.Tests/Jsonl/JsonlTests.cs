using System.Text;
using System.Text.Json.Nodes;
using Laoshi.Core.Regions;
using Laoshi.Core.Transfer;
using Laoshi.Formats.Jsonl;
using Laoshi.Formats.Tests.Support;

namespace Laoshi.Formats.Tests.Jsonl;

public sealed class JsonlTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_tasks_and_bare_data_objects_and_skips_blank_lines()
    {
        using var temp = new TempFolder();
        var path = temp.Write("tasks.jsonl", """
            {"data": {"text": "I love it"}, "annotations": [{"result": [{"value": {"choices": ["positive"]}, "id": "a", "from_name": "sentiment", "to_name": "text", "type": "choices"}], "lead_time": 3.5, "completed_by": 12, "created_at": "2026-11-20T08:15:30Z"}], "predictions": [{"model_version": "v1", "score": 0.75, "result": [{"value": {"choices": ["negative"]}, "from_name": "sentiment", "to_name": "text", "type": "choices"}]}]}

            {"text": "plain data, no annotations", "source": "web"}
            """);

        var rows = await Items.ReadAll(new JsonlReader(), new ImportSource("tasks.jsonl", path), Schemas.Sentiment);

        Assert.Equal(2, rows.Count);
        var task = Items.Good(rows[0]);
        Assert.Equal("I love it", task.Data["text"]!.GetValue<string>());
        var annotation = Assert.Single(task.Annotations);
        Assert.Equal(["positive"], annotation.Result[0].Labels);
        Assert.Equal(3.5, annotation.LeadTime);
        Assert.Equal("12", annotation.CompletedBy);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 15, 30, TimeSpan.Zero), annotation.CreatedAt);
        var prediction = Assert.Single(task.Predictions);
        Assert.Equal(("v1", 0.75), (prediction.ModelVersion, prediction.Score!.Value));
        Assert.Equal(1, task.Where.Line);

        var bare = Items.Good(rows[1]);
        Assert.Equal("web", bare.Data["source"]!.GetValue<string>());
        Assert.Empty(bare.Annotations);
        Assert.Equal(3, bare.Where.Line);
    }

    [Fact]
    public async Task Bad_lines_become_bad_rows_with_file_and_line_and_reading_goes_on()
    {
        using var temp = new TempFolder();
        var path = temp.Write("tasks.jsonl", """
            {"text": "fine"}
            {"text": "broken
            [1, 2]
            {"data": {"text": "x"}, "annotations": [{"result": [{"value": {"choices": ["positive"]}, "id": "a", "from_name": "sentiment", "to_name": "text", "type": "choices"}, {"value": {"choices": 5}, "id": "b", "from_name": "sentiment", "to_name": "text", "type": "choices"}]}]}
            {"text": "also fine"}
            """);

        var rows = await Items.ReadAll(new JsonlReader(), new ImportSource("tasks.jsonl", path), Schemas.Sentiment);

        Assert.Equal(5, rows.Count);
        var invalid = Items.Bad(rows[1]);
        Assert.StartsWith("invalid JSON", invalid.Message);
        Assert.Equal(("tasks.jsonl", 2L), (invalid.File, invalid.Line!.Value));
        Assert.Equal(3, Items.Bad(rows[2]).Line);
        var badResult = Items.Bad(rows[3]);
        Assert.Equal(4, badResult.Line);
        Assert.Equal("annotations[0].result[1].value.choices", badResult.Path);
        Assert.Equal("also fine", Items.Good(rows[4]).Data["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Export_then_import_gives_back_the_same_items()
    {
        using var temp = new TempFolder();
        var box = new Region
        {
            Id = "b1", FromName = "box", ToName = "image", Type = RegionTypes.RectangleLabels, Labels = ["Car"],
            X = 192, Y = 108, Width = 960, Height = 540, OriginalWidth = 1920, OriginalHeight = 1080,
        };
        var span = new Region { Id = "s1", FromName = "ner", ToName = "text", Type = RegionTypes.Labels, Labels = ["PER"], Start = 0, End = 3, Text = "张三丰" };
        var item = new ExportItem(
            7,
            new JsonObject { ["text"] = "张三丰 went home", ["image"] = "/blobs/ab/cd.jpg" },
            [new ExportedAnswer(70, 1, [box, span], Items.Monday, 4.25, "annotator@example.com")],
            [new ExportedAnswer(71, 1, [box with { Score = 0.5 }], Items.Monday, ModelVersion: "yolo-3", Score: 0.5)],
            new Dictionary<string, BlobInfo>());

        await new JsonlWriter().WriteAsync(() => Items.Stream([item]), Schemas.Mixed, new FolderSink(temp.Path), Cancel);
        var line = File.ReadAllLines(temp.File("export.jsonl")).Single();
        Assert.StartsWith("""{"id":7,"data":{"text":"张三丰 went home",""", line);

        var rows = await Items.ReadAll(new JsonlReader(), new ImportSource("export.jsonl", temp.File("export.jsonl")), Schemas.Mixed);
        var read = Items.Good(Assert.Single(rows));
        Assert.True(JsonNode.DeepEquals(item.Data, read.Data));
        var answer = Assert.Single(read.Annotations);
        Assert.Equal(("annotator@example.com", 4.25, Items.Monday), (answer.CompletedBy, answer.LeadTime!.Value, answer.CreatedAt!.Value));
        RegionAssert.Same(box, answer.Result[0]);
        RegionAssert.Same(span, answer.Result[1]);
        var prediction = Assert.Single(read.Predictions);
        Assert.Equal(("yolo-3", 0.5), (prediction.ModelVersion, prediction.Score!.Value));
        RegionAssert.Same(box with { Score = 0.5 }, prediction.Result[0]);
    }

    [Fact]
    public async Task Two_hundred_thousand_lines_write_and_read_back_in_flat_memory()
    {
        const int count = 200_000;
        using var temp = new TempFolder();
        var sentence = new string('x', 400);
        IEnumerable<ExportItem> Generate()
        {
            for (var i = 0; i < count; i++)
            {
                var choice = new Region { Id = "c", FromName = "sentiment", ToName = "text", Type = RegionTypes.Choices, Labels = [i % 2 == 0 ? "positive" : "negative"] };
                yield return new ExportItem(i, new JsonObject { ["text"] = $"{i} {sentence}" }, [new ExportedAnswer(i, 1, [choice], Items.Monday)], [], new Dictionary<string, BlobInfo>());
            }
        }

        var peak = 0L;
        async IAsyncEnumerable<ExportItem> Measured()
        {
            var n = 0;
            await foreach (var item in Items.Stream(Generate()))
            {
                if (++n % 20_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                yield return item;
            }
        }

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        await new JsonlWriter().WriteAsync(Measured, Schemas.Sentiment, new FolderSink(temp.Path), Cancel);
        var fileSize = new FileInfo(temp.File("export.jsonl")).Length;
        Assert.True(fileSize > 80_000_000, $"the export should be big enough to notice buffering, was {fileSize} bytes");
        Assert.True(peak - baseline < fileSize / 4, $"writing held {(peak - baseline) / 1_000_000} MB for a {fileSize / 1_000_000} MB file");

        var read = 0;
        var positive = 0;
        peak = 0;
        await foreach (var row in new JsonlReader().ReadAsync(new ImportSource("export.jsonl", temp.File("export.jsonl")), Schemas.Sentiment, Cancel))
        {
            var item = Items.Good(row);
            if (item.Annotations[0].Result[0].Labels[0] == "positive") positive++;
            if (++read % 20_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
        }
        Assert.Equal(count, read);
        Assert.Equal(count / 2, positive);
        Assert.True(peak - baseline < fileSize / 4, $"reading held {(peak - baseline) / 1_000_000} MB for a {fileSize / 1_000_000} MB file");
    }

    [Fact]
    public async Task A_byte_order_mark_at_the_start_is_not_part_of_the_first_line()
    {
        using var temp = new TempFolder();
        var path = temp.File("bom.jsonl");
        await File.WriteAllTextAsync(path, "{\"text\": \"first\"}\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), Cancel);

        var rows = await Items.ReadAll(new JsonlReader(), new ImportSource("bom.jsonl", path), Schemas.Sentiment);

        Assert.Equal("first", Items.Good(Assert.Single(rows)).Data["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(1_000_000)]
    public async Task Crlf_lines_slow_uploads_and_lines_longer_than_the_buffer_read_the_same(int bytesPerRead)
    {
        var long1 = new string('é', 100_000);
        var content = Encoding.UTF8.GetBytes("\uFEFF{\"text\": \"a\"}\r\n\r\n{\"text\": \"" + long1 + "\"}\r\n  \n{\"text\": \"中文\"}");
        var source = new ImportSource("upload.jsonl", OpenStream: () => new TrickleStream(content, bytesPerRead));

        var rows = await Items.ReadAll(new JsonlReader(), source, Schemas.Sentiment);

        Assert.Equal(["a", long1, "中文"], rows.Select(r => Items.Good(r).Data["text"]!.GetValue<string>()));
        Assert.Equal([1L, 3L, 5L], rows.Select(r => Items.Good(r).Where.Line!.Value));
    }
}

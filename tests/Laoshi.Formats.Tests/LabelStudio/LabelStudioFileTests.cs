using System.Text;
using System.Text.Json.Nodes;
using Laoshi.Core.Regions;
using Laoshi.Core.Transfer;
using Laoshi.Formats.LabelStudio;
using Laoshi.Formats.Tests.Support;

namespace Laoshi.Formats.Tests.LabelStudio;

public sealed class LabelStudioFileTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<List<ImportRow>> Read(TempFolder temp, string name, string content) =>
        Items.ReadAll(new LabelStudioReader(), new ImportSource(name, temp.Write(name, content)), Schemas.Mixed);

    [Fact]
    public async Task Reads_a_label_studio_export_with_annotations_and_predictions()
    {
        using var temp = new TempFolder();

        var rows = await Read(temp, "project-1.json", LabelStudioSamples.Export);

        Assert.Equal(2, rows.Count);
        var first = Items.Good(rows[0]);
        Assert.Equal("web", first.Data["meta_info"]!["source"]!.GetValue<string>());
        Assert.Equal("$[0]", first.Where.Path);
        Assert.Equal(2, first.Where.Line);
        Assert.Equal(17, Items.Good(rows[1]).Where.Line);
        var annotation = Assert.Single(first.Annotations);
        Assert.Equal((0, 5, "Alice"), (annotation.Result[0].Start!.Value, annotation.Result[0].End!.Value, annotation.Result[0].Text));
        Assert.Equal(12.5, annotation.LeadTime);
        Assert.Equal("ner-v2", Assert.Single(first.Predictions).ModelVersion);
        // A cancelled (skipped) annotation is not an answer.
        Assert.Empty(Items.Good(rows[1]).Annotations);
    }

    [Fact]
    public async Task Accepts_one_task_object_and_bare_data_objects()
    {
        using var temp = new TempFolder();

        var single = await Read(temp, "one.json", """  {"data": {"text": "only one"}}""");
        var bare = await Read(temp, "bare.json", """[{"text": "a"}, {"text": "b"}]""");

        Assert.Equal("only one", Items.Good(Assert.Single(single)).Data["text"]!.GetValue<string>());
        Assert.Equal("$", Items.Good(single[0]).Where.Path);
        Assert.Equal(["a", "b"], bare.Select(r => Items.Good(r).Data["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_bad_result_names_the_task_by_its_array_index()
    {
        using var temp = new TempFolder();
        var tasks = new JsonArray();
        for (var i = 0; i < 1300; i++)
            tasks.Add(new JsonObject { ["data"] = new JsonObject { ["text"] = $"task {i}" } });
        tasks[1234]!["annotations"] = JsonNode.Parse("""
            [{"result": [
              {"value": {"choices": ["positive"]}, "id": "a", "from_name": "sentiment", "to_name": "text", "type": "choices"},
              {"value": {"choices": ["positive"]}, "id": "b", "from_name": "sentiment", "to_name": "text", "type": "choices"},
              {"value": {"start": 0, "end": "five", "text": "task", "labels": ["PER"]}, "id": "c", "from_name": "ner", "to_name": "text", "type": "labels"}
            ]}]
            """);

        var rows = await Read(temp, "export.json", tasks.ToJsonString());

        Assert.Equal(1300, rows.Count);
        var error = Items.Bad(rows[1234]);
        Assert.Equal("export.json", error.File);
        Assert.Equal("$[1234].annotations[0].result[2].value.end", error.Path);
        Assert.Equal("task 1235", Items.Good(rows[1235]).Data["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Broken_json_stops_the_import_with_the_line_where_it_broke()
    {
        using var temp = new TempFolder();

        var rows = await Read(temp, "export.json", "[\n{\"data\": {\"text\": \"fine\"}},\n{\"data\": {\"text\": oops}}\n]");

        Assert.Equal(2, rows.Count);
        Assert.Equal(2, Items.Good(rows[0]).Where.Line);
        var error = Items.Bad(rows[1]);
        Assert.StartsWith("invalid JSON", error.Message);
        Assert.Equal(3, error.Line);
    }

    [Theory]
    [InlineData("hello", "JSON array of tasks", 1)]
    [InlineData("  \n ", "empty", 1)]
    [InlineData("{\"data\": {\"text\": \"a\"}}\n{\"data\": {\"text\": \"b\"}}\n", "jsonl", 2)]
    public async Task Something_other_than_json_tasks_is_refused(string content, string expected, long line)
    {
        using var temp = new TempFolder();

        var rows = await Read(temp, "notes.json", content);

        var error = Items.Bad(rows[^1]);
        Assert.Contains(expected, error.Message);
        Assert.Equal(("notes.json", line), (error.File, error.Line!.Value));
    }

    [Fact]
    public async Task Export_reads_back_as_the_same_tasks()
    {
        using var temp = new TempFolder();
        var imported = (await Read(temp, "in.json", LabelStudioSamples.Export)).Select(Items.Good).ToList();

        var exported = imported.Select((item, i) => Items.ToExport(item, 101 + i)).ToList();
        await new LabelStudioWriter().WriteAsync(() => Items.Stream(exported), Schemas.Mixed, new FolderSink(temp.Path), Cancel);
        var written = JsonNode.Parse(await File.ReadAllTextAsync(temp.File("export.json"), Cancel))!.AsArray();

        Assert.Equal(2, written.Count);
        Assert.Equal(101, written[0]!["id"]!.GetValue<long>());
        var annotation = written[0]!["annotations"]![0]!;
        Assert.Equal(7, annotation["completed_by"]!.GetValue<long>());
        Assert.Equal("2026-11-20T08:15:30.123456Z", annotation["created_at"]!.GetValue<string>());
        var original = JsonNode.Parse(LabelStudioSamples.Export)!;
        JsonAssert.Equivalent(original[0]!["annotations"]![0]!["result"], annotation["result"]);
        JsonAssert.Equivalent(original[0]!["predictions"]![0]!["result"], written[0]!["predictions"]![0]!["result"]);
        JsonAssert.Equivalent(original[0]!["data"], written[0]!["data"]);

        var again = (await Items.ReadAll(new LabelStudioReader(), new ImportSource("export.json", temp.File("export.json")), Schemas.Mixed)).Select(Items.Good).ToList();
        Assert.Equal(2, again.Count);
        RegionAssert.Same(imported[0].Annotations[0].Result[0], again[0].Annotations[0].Result[0]);
    }

    [Fact]
    public async Task A_large_export_imports_one_task_at_a_time()
    {
        const int count = 100_000;
        using var temp = new TempFolder();
        var padding = new string('字', 300);
        IEnumerable<ExportItem> Generate()
        {
            for (var i = 0; i < count; i++)
            {
                var box = new Region { Id = "b", FromName = "box", ToName = "image", Type = RegionTypes.RectangleLabels, Labels = ["Car"], X = i % 100, Y = 10, Width = 20, Height = 30, OriginalWidth = 640, OriginalHeight = 480 };
                yield return new ExportItem(i, new JsonObject { ["image"] = $"/img/{i}.jpg", ["note"] = padding }, [new ExportedAnswer(i, 1, [box], Items.Monday)], [], new Dictionary<string, BlobInfo>());
            }
        }
        await new LabelStudioWriter().WriteAsync(() => Items.Stream(Generate()), Schemas.Mixed, new FolderSink(temp.Path), Cancel);
        var fileSize = new FileInfo(temp.File("export.json")).Length;

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;
        var read = 0;
        await foreach (var row in new LabelStudioReader().ReadAsync(new ImportSource("export.json", temp.File("export.json")), Schemas.Mixed, Cancel))
        {
            var item = Items.Good(row);
            Assert.Equal(read % 100, item.Annotations[0].Result[0].X!.Value, 9);
            if (++read % 10_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
        }

        Assert.Equal(count, read);
        Assert.True(fileSize > 100_000_000, $"export was only {fileSize} bytes");
        Assert.True(peak - baseline < fileSize / 4, $"reading held {(peak - baseline) / 1_000_000} MB for a {fileSize / 1_000_000} MB file");
    }

    [Fact]
    public async Task A_byte_order_mark_before_the_array_is_fine()
    {
        using var temp = new TempFolder();
        var path = temp.File("bom.json");
        await File.WriteAllTextAsync(path, "[{\"data\": {\"text\": \"x\"}}]", new UTF8Encoding(true), Cancel);

        var rows = await Items.ReadAll(new LabelStudioReader(), new ImportSource("bom.json", path), Schemas.Mixed);

        Items.Good(Assert.Single(rows));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100_000)]
    public async Task Tasks_arriving_a_few_bytes_at_a_time_or_larger_than_the_buffer_read_the_same(int bytesPerRead)
    {
        var big = new string('长', 150_000);
        var content = Encoding.UTF8.GetBytes("\uFEFF [\n{\"data\": {\"text\": \"a\"}},\n  {\"data\": {\"text\": \"" + big + "\"}}, {\"text\": \"c\"}\n]\n");
        var source = new ImportSource("upload.json", OpenStream: () => new TrickleStream(content, bytesPerRead));

        var rows = await Items.ReadAll(new LabelStudioReader(), source, Schemas.Mixed);

        Assert.Equal(3, rows.Count);
        Assert.Equal(["a", big, "c"], rows.Select(r => Items.Good(r).Data["text"]!.GetValue<string>()));
        Assert.Equal([2L, 3L, 3L], rows.Select(r => Items.Good(r).Where.Line!.Value));
        Assert.Equal("$[2]", Items.Good(rows[2]).Where.Path);
    }

    [Fact]
    public async Task An_array_that_never_closes_is_reported()
    {
        using var temp = new TempFolder();

        var rows = await Read(temp, "cut.json", "[{\"data\": {\"text\": \"a\"}},\n{\"data\": {\"te");

        Items.Good(rows[0]);
        Assert.StartsWith("invalid JSON", Items.Bad(rows[^1]).Message);
    }
}

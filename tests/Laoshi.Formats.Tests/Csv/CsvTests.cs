using System.Text;
using System.Text.Json.Nodes;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;
using Laoshi.Formats.Csv;
using Laoshi.Formats.Tests.Support;

namespace Laoshi.Formats.Tests.Csv;

public sealed class CsvTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<List<ImportRow>> Read(TempFolder temp, string name, string content, ProjectSchema? schema = null)
    {
        var path = temp.File(name);
        await File.WriteAllTextAsync(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), Cancel);
        return await Items.ReadAll(new CsvReader(), new ImportSource(name, path), schema ?? Schemas.Sentiment);
    }

    [Fact]
    public async Task Quoted_fields_keep_commas_quotes_and_newlines_and_lines_are_counted_right()
    {
        using var temp = new TempFolder();

        var rows = await Read(temp, "reviews.csv",
            "text,source\r\n" +
            "\"Great, really \"\"great\"\"\",web\r\n" +
            "\"two\nlines\",app\r\n" +
            "\r\n" +
            "plain 5\" screen,shop\r\n" +
            "last,\"\"");

        Assert.Equal(4, rows.Count);
        var items = rows.Select(Items.Good).ToList();
        Assert.Equal("Great, really \"great\"", items[0].Data["text"]!.GetValue<string>());
        Assert.Equal("two\nlines", items[1].Data["text"]!.GetValue<string>());
        Assert.Equal("plain 5\" screen", items[2].Data["text"]!.GetValue<string>());
        Assert.Equal("", items[3].Data["source"]!.GetValue<string>());
        Assert.Equal([2L, 3L, 6L, 7L], items.Select(i => i.Where.Line!.Value));
        // The byte order mark is not part of the first column's name.
        Assert.True(items[0].Data.ContainsKey("text"));
    }

    [Fact]
    public async Task A_column_named_after_a_choices_control_becomes_the_annotation()
    {
        using var temp = new TempFolder();

        var rows = await Read(temp, "labelled.csv", "text,sentiment,topics\nGoal!,positive,sport; tech\nNo label,,\n");

        var first = Items.Good(rows[0]);
        Assert.Equal(["text"], first.Data.Select(p => p.Key));
        var result = Assert.Single(first.Annotations).Result;
        Assert.Equal(["positive"], result.Single(r => r.FromName == "sentiment").Labels);
        Assert.Equal(["sport", "tech"], result.Single(r => r.FromName == "topics").Labels);
        Assert.All(result, r => Assert.Equal((RegionTypes.Choices, "text"), (r.Type, r.ToName)));
        Assert.Empty(Items.Good(rows[1]).Annotations);
    }

    [Fact]
    public async Task Errors_name_file_line_and_column()
    {
        using var temp = new TempFolder();

        var rows = await Read(temp, "bad.csv", "text,sentiment\nok,positive\nfine,angry\n\"a\"b,neutral\nshort\nx,negative\n\"never closed,positive\n");

        Assert.Equal(6, rows.Count);
        var unknown = Items.Bad(rows[1]);
        Assert.Equal(("bad.csv", 3L, "sentiment"), (unknown.File, unknown.Line!.Value, unknown.Field));
        Assert.Contains("'angry'", unknown.Message);
        var afterQuote = Items.Bad(rows[2]);
        Assert.Equal((4L, "text"), (afterQuote.Line!.Value, afterQuote.Field));
        Assert.Contains("expected 2 fields", Items.Bad(rows[3]).Message);
        Assert.Equal(5, Items.Bad(rows[3]).Line);
        Items.Good(rows[4]);
        var unclosed = Items.Bad(rows[5]);
        Assert.Equal(7, unclosed.Line);
        Assert.Contains("never closed", unclosed.Message);
    }

    [Fact]
    public async Task A_header_without_the_schema_field_is_refused()
    {
        using var temp = new TempFolder();

        var rows = await Read(temp, "wrong.csv", "body,sentiment\nhello,positive\n");

        var error = Items.Bad(Assert.Single(rows));
        Assert.Equal((1L, "text"), (error.Line!.Value, error.Field));
    }

    [Fact]
    public async Task Tsv_files_are_tab_separated()
    {
        using var temp = new TempFolder();

        var rows = await Read(temp, "data.tsv", "text\tsentiment\nhello, world\tpositive\n");

        var item = Items.Good(Assert.Single(rows));
        Assert.Equal("hello, world", item.Data["text"]!.GetValue<string>());
        Assert.Equal(["positive"], item.Annotations[0].Result[0].Labels);
    }

    [Fact]
    public async Task Classification_export_reads_back_as_the_same_items()
    {
        using var temp = new TempFolder();
        ExportItem Item(long id, string text, string? sentiment, params string[] topics)
        {
            var result = new List<Region>();
            if (sentiment is not null) result.Add(new Region { Id = "s", FromName = "sentiment", ToName = "text", Type = RegionTypes.Choices, Labels = [sentiment] });
            if (topics.Length > 0) result.Add(new Region { Id = "t", FromName = "topics", ToName = "text", Type = RegionTypes.Choices, Labels = topics });
            return new ExportItem(id, new JsonObject { ["text"] = text, ["lang"] = "en" }, result.Count == 0 ? [] : [new ExportedAnswer(id, 1, result, Items.Monday)], [], new Dictionary<string, BlobInfo>());
        }
        ExportItem[] items =
        [
            Item(1, "Goal, at last!", "positive", "sport"),
            Item(2, "Quote \"this\"\nand a new line", "negative", "politics", "tech"),
            Item(3, "好极了", "neutral"),
            Item(4, "not labelled yet", null),
        ];

        await new CsvWriter().WriteAsync(() => Items.Stream(items), Schemas.Sentiment, new FolderSink(temp.Path), Cancel);
        var bytes = await File.ReadAllBytesAsync(temp.File("export.csv"), Cancel);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("text,lang,sentiment,topics\r\n\"Goal, at last!\",en,positive,sport\r\n", text);
        Assert.Contains("negative,politics;tech\r\n", text);

        var read = (await Items.ReadAll(new CsvReader(), new ImportSource("export.csv", temp.File("export.csv")), Schemas.Sentiment)).Select(Items.Good).ToList();

        Assert.Equal(4, read.Count);
        for (var i = 0; i < items.Length; i++)
        {
            Assert.True(JsonNode.DeepEquals(items[i].Data, read[i].Data), $"item {i}: {read[i].Data.ToJsonString()}");
            var expected = items[i].Annotations.SelectMany(a => a.Result).Select(r => (r.FromName, string.Join("|", r.Labels)));
            var actual = read[i].Annotations.SelectMany(a => a.Result).Select(r => (r.FromName, string.Join("|", r.Labels)));
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task Spans_ratings_and_text_answers_survive_a_round_trip()
    {
        using var temp = new TempFolder();
        var schema = new ProjectSchema(
            [new SchemaField("text", FieldKind.Text, "text")],
            [
                new SchemaControl("ner", "labels", "text", Schemas.Labels("PER", "LOC")),
                new SchemaControl("stars", "rating", "text", [], MaxRating: 5),
                new SchemaControl("summary", "textarea", "text", []),
            ]);
        Region[] result =
        [
            new() { Id = "r0", FromName = "ner", ToName = "text", Type = RegionTypes.Labels, Labels = ["PER"], Start = 0, End = 2, Text = "李雷" },
            new() { Id = "r1", FromName = "ner", ToName = "text", Type = RegionTypes.Labels, Labels = ["LOC"], Start = 3, End = 5, Text = "北京" },
            new() { Id = "stars", FromName = "stars", ToName = "text", Type = RegionTypes.Rating, Rating = 4 },
            new() { Id = "summary", FromName = "summary", ToName = "text", Type = RegionTypes.TextArea, TextLines = ["first line", "second, \"quoted\""] },
        ];
        var item = new ExportItem(1, new JsonObject { ["text"] = "李雷在北京" }, [new ExportedAnswer(1, 1, result, Items.Monday)], [], new Dictionary<string, BlobInfo>());

        await new CsvWriter().WriteAsync(() => Items.Stream([item]), schema, new FolderSink(temp.Path), Cancel);
        var read = Items.Good(Assert.Single(await Items.ReadAll(new CsvReader(), new ImportSource("export.csv", temp.File("export.csv")), schema)));

        var regions = Assert.Single(read.Annotations).Result;
        Assert.Equal(result.Length, regions.Count);
        for (var i = 0; i < result.Length; i++)
            RegionAssert.Same(result[i], regions[i]);
    }

    [Fact]
    public async Task Bad_spans_in_a_cell_name_the_column_and_line()
    {
        using var temp = new TempFolder();

        var rows = await Read(temp, "spans.csv", "text,label\nAlice,\"[{\"\"start\"\": 0, \"\"end\"\": \"\"x\"\", \"\"text\"\": \"\"Alice\"\", \"\"labels\"\": [\"\"PER\"\"]}]\"\n", Schemas.Ner);

        var error = Items.Bad(Assert.Single(rows));
        Assert.Equal(("spans.csv", 2L), (error.File, error.Line!.Value));
        Assert.Equal("label[0].value.end", error.Path);
    }

    [Fact]
    public async Task An_empty_export_still_has_its_header()
    {
        using var temp = new TempFolder();

        await new CsvWriter().WriteAsync(() => Items.Stream<ExportItem>([]), Schemas.Sentiment, new FolderSink(temp.Path), Cancel);

        Assert.Equal("\uFEFFtext,sentiment,topics\r\n", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(temp.File("export.csv"), Cancel)));
    }
}

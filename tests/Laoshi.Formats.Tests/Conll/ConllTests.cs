using System.Text.Json.Nodes;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;
using Laoshi.Formats.Conll;
using Laoshi.Formats.Tests.Support;

namespace Laoshi.Formats.Tests.Conll;

public sealed class ConllTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<List<ImportRow>> Read(TempFolder temp, string content, ProjectSchema? schema = null) =>
        Items.ReadAll(new ConllReader(), new ImportSource("train.conll", temp.Write("train.conll", content)), schema ?? Schemas.Ner);

    private static (string Text, (string Label, string Covered)[] Spans) Sentence(ImportRow row)
    {
        var item = Items.Good(row);
        var text = item.Data["text"]!.GetValue<string>();
        var spans = item.Annotations.Single().Result.Select(r => (r.Labels[0], text[r.Start!.Value..r.End!.Value])).ToArray();
        Assert.All(item.Annotations.Single().Result, r => Assert.Equal(text[r.Start!.Value..r.End!.Value], r.Text));
        return (text, spans);
    }

    [Fact]
    public void Cjk_text_joins_without_spaces_and_splits_into_characters()
    {
        var (text, starts) = CjkText.Join(["我", "在", "北", "京", "用", "iPhone", "15", "，", "很", "好"]);

        Assert.Equal("我在北京用 iPhone 15，很好", text);
        Assert.Equal(6, starts[5]);
        Assert.Equal(["我", "在", "北", "京", "用", "iPhone", "15", "，", "很", "好"], CjkText.Tokenize(text).Select(t => text.Substring(t.Start, t.Length)));
    }

    [Fact]
    public async Task Reads_conll_2003_with_extra_columns_and_docstart()
    {
        using var temp = new TempFolder();

        var rows = await Read(temp, """
            -DOCSTART- -X- -X- O

            EU NNP B-NP B-ORG
            rejects VBZ B-VP O
            German JJ B-NP B-MISC
            call NN I-NP O
            to TO B-VP O
            boycott VB I-VP O
            British JJ B-NP B-MISC
            lamb NN I-NP O
            . . O O

            Peter NNP B-NP B-PER
            Blackburn NNP I-NP I-PER

            """);

        Assert.Equal(2, rows.Count);
        var (text, spans) = Sentence(rows[0]);
        Assert.Equal("EU rejects German call to boycott British lamb .", text);
        Assert.Equal([("ORG", "EU"), ("MISC", "German"), ("MISC", "British")], spans);
        Assert.Equal([("PER", "Peter Blackburn")], Sentence(rows[1]).Spans);
        Assert.Equal(3, Items.Good(rows[0]).Where.Line);
        var region = Items.Good(rows[1]).Annotations[0].Result[0];
        Assert.Equal(("label", "text", RegionTypes.Labels), (region.FromName, region.ToName, region.Type));
    }

    [Fact]
    public async Task Chinese_spans_are_utf16_offsets_into_text_without_spaces()
    {
        using var temp = new TempFolder();

        var rows = await Read(temp, "李 B-PER\n雷 I-PER\n在 O\n北 B-LOC\n京 I-LOC\n𠀋 B-PER\n工 O\n作 O\n");

        var item = Items.Good(Assert.Single(rows));
        Assert.Equal("李雷在北京𠀋工作", item.Data["text"]!.GetValue<string>());
        var result = item.Annotations[0].Result;
        Assert.Equal([(0, 2), (3, 5), (5, 7)], result.Select(r => (r.Start!.Value, r.End!.Value)));
        Assert.Equal(["李雷", "北京", "𠀋"], result.Select(r => r.Text!));
    }

    [Theory]
    [InlineData("IOB1", "Alice I-PER\nBob B-PER\nmet O\nin O\nNew I-LOC\nYork I-LOC\n")]
    [InlineData("IOB2", "Alice B-PER\nBob B-PER\nmet O\nin O\nNew B-LOC\nYork I-LOC\n")]
    [InlineData("IOBES", "Alice S-PER\nBob S-PER\nmet O\nin O\nNew B-LOC\nYork E-LOC\n")]
    [InlineData("BILOU", "Alice U-PER\nBob U-PER\nmet O\nin O\nNew B-LOC\nYork L-LOC\n")]
    public async Task Every_tag_scheme_gives_the_same_spans(string scheme, string content)
    {
        using var temp = new TempFolder();

        var rows = await Read(temp, content);

        Assert.True(rows.Count == 1, scheme);
        Assert.Equal([("PER", "Alice"), ("PER", "Bob"), ("LOC", "New York")], Sentence(rows[0]).Spans);
    }

    [Fact]
    public async Task An_inside_tag_of_another_label_starts_a_new_span()
    {
        using var temp = new TempFolder();

        var rows = await Read(temp, "New B-LOC\nYork I-LOC\nTimes I-ORG\nsaid O\n");

        Assert.Equal([("LOC", "New York"), ("ORG", "Times")], Sentence(Assert.Single(rows)).Spans);
    }

    [Fact]
    public async Task Bad_lines_name_file_and_line_and_only_their_sentence_is_lost()
    {
        using var temp = new TempFolder();

        var rows = await Read(temp, "Alice B-PER\nsaid X-FOO\n\nBob B-PER\n\nlonely\n\nParis B-CITY\n\nCarol B-PER\n");

        Assert.Equal(5, rows.Count);
        var badTag = Items.Bad(rows[0]);
        Assert.Equal(("train.conll", 2L), (badTag.File, badTag.Line!.Value));
        Assert.Contains("'X-FOO'", badTag.Message);
        Items.Good(rows[1]);
        Assert.Equal(6, Items.Bad(rows[2]).Line);
        var unknownLabel = Items.Bad(rows[3]);
        Assert.Equal(8, unknownLabel.Line);
        Assert.Contains("'CITY'", unknownLabel.Message);
        Assert.Equal([("PER", "Carol")], Sentence(rows[4]).Spans);
    }

    [Fact]
    public async Task A_schema_without_a_text_labels_control_is_refused()
    {
        using var temp = new TempFolder();

        var rows = await Read(temp, "Alice B-PER\n", Schemas.Sentiment);

        Assert.Contains("labels control", Items.Bad(Assert.Single(rows)).Message);
    }

    [Theory]
    [InlineData("EU B-ORG\nrejects O\nGerman B-MISC\ncall O\n.\tO\n\nPeter B-PER\nBlackburn I-PER\n\nNew B-LOC\nYork I-LOC\nCity I-LOC\nand O\nAlice B-PER\nBob B-PER\n")]
    [InlineData("李 B-PER\n雷 I-PER\n在 O\n北 B-LOC\n京 I-LOC\n用 O\niPhone B-MISC\n15 I-MISC\n， O\n韩 B-PER\n梅 I-PER\n梅 I-PER\n。 O\n\n今 O\n天 O\n好 O\n")]
    public async Task Iob2_import_then_export_reproduces_the_file(string content)
    {
        using var temp = new TempFolder();
        content = content.Replace('\t', ' ');
        var items = (await Read(temp, content)).Select(Items.Good).Select((item, i) => Items.ToExport(item, i + 1)).ToList();

        await new ConllWriter().WriteAsync(() => Items.Stream(items), Schemas.Ner, new FolderSink(temp.Path), Cancel);

        Assert.Equal(content, await File.ReadAllTextAsync(temp.File("export.conll"), Cancel));
    }

    [Fact]
    public async Task Export_tags_typed_text_tokens_that_spans_touch()
    {
        using var temp = new TempFolder();
        const string text = "Visit  San Francisco\tand 上海 now";
        Region[] spans =
        [
            new() { Id = "a", FromName = "label", ToName = "text", Type = RegionTypes.Labels, Labels = ["LOC"], Start = 7, End = 20 },
            new() { Id = "b", FromName = "label", ToName = "text", Type = RegionTypes.Labels, Labels = ["LOC"], Start = 25, End = 27 },
            new() { Id = "c", FromName = "label", ToName = "text", Type = RegionTypes.Labels, Labels = ["PER"], Start = 11, End = 20 },
        ];
        ExportItem[] items =
        [
            new(1, new JsonObject { ["text"] = text }, [new ExportedAnswer(1, 1, spans, Items.Monday)], [], new Dictionary<string, BlobInfo>()),
            new(2, new JsonObject { ["text"] = "   " }, [], [], new Dictionary<string, BlobInfo>()),
            new(3, new JsonObject { ["text"] = "no labels" }, [], [], new Dictionary<string, BlobInfo>()),
        ];

        await new ConllWriter().WriteAsync(() => Items.Stream(items), Schemas.Ner, new FolderSink(temp.Path), Cancel);

        Assert.Equal(
            "Visit O\nSan B-LOC\nFrancisco I-LOC\nand O\n上 B-LOC\n海 I-LOC\nnow O\n\nno O\nlabels O\n",
            await File.ReadAllTextAsync(temp.File("export.conll"), Cancel));
    }
}

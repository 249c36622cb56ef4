using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>`laoshi gold`: known answers in bulk from a JSONL file, checked like submits, all or nothing.</summary>
public sealed class GoldCliTests() : CliFolders("laoshi-gold-cli")
{
    private static string Line(long item, string choice) =>
        new JsonObject
        {
            ["item"] = item,
            ["result"] = new JsonArray(new JsonObject
            {
                ["id"] = "c", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
                ["value"] = new JsonObject { ["choices"] = new JsonArray(choice) },
            }),
        }.ToJsonString();

    [Fact]
    public async Task Marks_gold_from_a_file_and_a_bad_line_names_file_and_line_and_marks_nothing()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(data, "project", "create", "feelings", "--schema", Write("s.xml", TestSchemas.TextConfig))).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(data, "import", "feelings", Write("t.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b\"}\n{\"text\": \"c\"}"))).ExitCode);

        var bad = await CliProcess.RunAsync(data, "gold", "feelings", "--input", Write("bad.jsonl", Line(1, "joy") + "\n" + Line(2, "bored") + "\n"));
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("bad.jsonl", bad.Error);
        Assert.Contains("line 2", bad.Error);
        Assert.Contains("bored", bad.Error);

        var good = await CliProcess.RunAsync(data, "gold", "feelings", "--input", Write("gold.jsonl", Line(1, "joy") + "\n\n" + Line(3, "sadness") + "\n"));
        Assert.True(good.ExitCode == 0, good.Error);
        Assert.Contains("2 items marked gold in feelings", good.Output);
    }
}

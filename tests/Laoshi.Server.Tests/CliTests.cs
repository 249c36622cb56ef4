using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>The `laoshi` command as a user types it: projects, import, stats, snapshots, export, and its errors.</summary>
public sealed class CliTests() : CliFolders("laoshi-cli")
{
    [Fact]
    public async Task Create_import_snapshot_stats_and_export_a_text_project()
    {
        var schema = Write("emotion.xml", TestSchemas.TextConfig);
        var created = await CliProcess.RunAsync(data, "project", "create", "feelings", "--schema", schema);
        Assert.True(created.ExitCode == 0, created.Error);

        var tasks = Write("tasks.jsonl", string.Join('\n',
            """{"data": {"text": "李明很高兴"}, "annotations": [{"result": [{"id": "a", "from_name": "emotion", "to_name": "text", "type": "choices", "value": {"choices": ["joy"]}}]}]}""",
            """{"text": "Anna is sad"}""",
            """{"text": "Nothing here"}"""));
        var imported = await CliProcess.RunAsync(data, "import", "feelings", tasks);
        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Contains("Imported 3 items, 1 annotations", imported.Output);

        var stats = await CliProcess.RunAsync(data, "stats", "feelings", "--json");
        Assert.Equal(0, stats.ExitCode);
        var json = JsonNode.Parse(stats.Output)!;
        Assert.Equal(3, json["items"]!.GetValue<long>());
        Assert.Equal(1, json["annotated"]!.GetValue<long>());
        Assert.Equal(1, json["annotations"]!.GetValue<long>());
        Assert.Equal(1, json["by_label"]!["joy"]!.GetValue<long>());

        var snapshot = await CliProcess.RunAsync(data, "snapshot", "create", "feelings", "gold", "--filter", "annotated");
        Assert.True(snapshot.ExitCode == 0, snapshot.Error);
        Assert.Contains("1 items", snapshot.Output);
        var snapshots = await CliProcess.RunAsync(data, "snapshot", "list", "feelings", "--json");
        Assert.Equal("gold", JsonNode.Parse(snapshots.Output)![0]!["name"]!.GetValue<string>());

        var output = Path.Combine(work, "gold.jsonl");
        var exported = await CliProcess.RunAsync(data, "export", "feelings", "--format", "jsonl", "--out", output, "--snapshot", "gold");
        Assert.True(exported.ExitCode == 0, exported.Error);
        var lines = File.ReadAllLines(output);
        Assert.Single(lines);
        Assert.Contains("李明很高兴", lines[0]);

        var list = await CliProcess.RunAsync(data, "project", "list", "--json");
        Assert.Equal("feelings", JsonNode.Parse(list.Output)![0]!["name"]!.GetValue<string>());
        var show = await CliProcess.RunAsync(data, "project", "show", "feelings");
        Assert.Contains("emotion", show.Output);
    }

    [Fact]
    public async Task A_bad_row_fails_the_import_naming_file_and_line_and_keeps_nothing()
    {
        await CliProcess.RunAsync(data, "project", "create", "feelings", "--schema", Write("s.xml", TestSchemas.TextConfig));
        var tasks = Write("bad.jsonl", "{\"text\": \"ok\"}\n{\"data\": {\"text\": \"x\"}, \"annotations\": [{\"result\": [{\"id\": \"a\", \"from_name\": \"emotion\", \"to_name\": \"text\", \"type\": \"choices\", \"value\": {\"choices\": [\"bored\"]}}]}]}\n");
        var failed = await CliProcess.RunAsync(data, "import", "feelings", tasks);
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("bad.jsonl", failed.Error);
        Assert.Contains("line 2", failed.Error);
        Assert.Contains("bored", failed.Error);
        var stats = JsonNode.Parse((await CliProcess.RunAsync(data, "stats", "feelings", "--json")).Output)!;
        Assert.Equal(0, stats["items"]!.GetValue<long>());

        var badRows = Path.Combine(work, "refused.jsonl");
        var skipped = await CliProcess.RunAsync(data, "import", "feelings", tasks, "--skip-bad", "--bad-rows", badRows);
        Assert.Equal(0, skipped.ExitCode);
        Assert.Contains("Refused 1 rows", skipped.Output);
        Assert.Contains("bored", File.ReadAllText(badRows));
    }

    [Fact]
    public async Task Unknown_projects_and_bad_schemas_exit_non_zero_with_a_message()
    {
        var missing = await CliProcess.RunAsync(data, "stats", "nope");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("nope", missing.Error);

        await CliProcess.RunAsync(data, "project", "create", "feelings", "--schema", Write("s.xml", TestSchemas.TextConfig));
        var format = await CliProcess.RunAsync(data, "export", "feelings", "--format", "pdf", "--out", Path.Combine(work, "x.pdf"));
        Assert.NotEqual(0, format.ExitCode);
        Assert.Contains("unknown export format 'pdf'", format.Error);
        Assert.DoesNotContain("Unhandled", format.Error);
        Assert.False(File.Exists(Path.Combine(work, "x.pdf")));

        var broken = Write("broken.xml", "<View>\n  <Text name=\"text\" value=\"$text\"/>\n  <Choices name=\"c\" toName=\"text\">\n</View>");
        var created = await CliProcess.RunAsync(data, "project", "create", "x", "--schema", broken);
        Assert.NotEqual(0, created.ExitCode);
        Assert.Contains("broken.xml", created.Error);
    }
}

using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>`laoshi clean`: the report's JSON names are a public contract; a pass can be undone from the command line.</summary>
public sealed class CleaningCliTests() : CliFolders("laoshi-clean-cli")
{
    [Fact]
    public async Task Json_report_keeps_the_contract_names_and_a_run_is_undone_by_its_id()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(data, "project", "create", "posts", "--schema", Write("s.xml", TestSchemas.TextConfig))).ExitCode);
        string[] texts =
        [
            "今天天气很好，我们去公园散步吧，顺便买点水果回来",
            "今天天气很好，我们去公园散步吧，顺便买点水果回来",
            "今天天气很好，我们去公园散步吧，顺便买些水果回来",
            "身份证 11010519491231002X，卡号 4111 1111 1111 1111，联系 +86 138 1234 5678 或 x@y.cn，IP 10.0.0.1",
            "",
        ];
        var lines = string.Join('\n', texts.Select(t => new JsonObject { ["text"] = t }.ToJsonString()));
        Assert.Equal(0, (await CliProcess.RunAsync(data, "import", "posts", Write("posts.jsonl", lines))).ExitCode);

        var dry = await CliProcess.RunAsync(data, "clean", "posts", "--dedupe", "--near", "0.6", "--broken", "--normalize", "nfkc,width,t2s",
            "--pii", "report", "--dry-run", "--json");
        Assert.True(dry.ExitCode == 0, dry.Error);
        var report = JsonNode.Parse(dry.Output)!.AsObject();
        Assert.Equal(1, report["exact_duplicates"]!.GetValue<int>());
        var near = Assert.Single(report["near_duplicates"]!.AsArray())!;
        Assert.Equal([1L, 3L], near["items"]!.AsArray().Select(i => i!.GetValue<long>()));
        Assert.InRange(near["similarity"]!.GetValue<double>(), 0.6, 1.0);
        var broken = Assert.Single(report["broken"]!.AsArray())!;
        Assert.Equal(5, broken["item"]!.GetValue<long>());
        Assert.IsType<string>((string?)broken["reason"]);
        var pii = report["pii"]!.AsObject();
        Assert.Equal(new Dictionary<string, int> { ["email"] = 1, ["phone"] = 1, ["id_number"] = 1, ["bank_card"] = 1, ["ip"] = 1 },
            pii.ToDictionary(p => p.Key, p => p.Value!.GetValue<int>()));

        var pass = await CliProcess.RunAsync(data, "clean", "posts", "--dedupe", "--broken", "--json");
        Assert.True(pass.ExitCode == 0, pass.Error);
        var run = JsonNode.Parse(pass.Output)!["run_id"]!.GetValue<long>();
        Assert.Equal(2, JsonNode.Parse(pass.Output)!["dropped"]!.GetValue<int>());

        var text = await CliProcess.RunAsync(data, "clean", "posts", "--undo", run.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains($"2 changes of run {run} undone in posts", text.Output);

        var nothing = await CliProcess.RunAsync(data, "clean", "posts");
        Assert.NotEqual(0, nothing.ExitCode);
        Assert.Contains("nothing to do", nothing.Error);
    }
}

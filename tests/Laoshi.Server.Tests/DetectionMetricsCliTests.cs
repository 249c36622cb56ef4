using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>`laoshi metrics detection`: COCO files (or VOC text folders) in, the figures by name out, with gates.</summary>
public sealed class DetectionMetricsCliTests() : CliFolders("laoshi-detection-cli")
{
    private static string Sample(string folder, string name) => Path.Combine(AppContext.BaseDirectory, "References", folder, name);

    [Fact]
    public async Task Prints_the_published_coco_figures_of_the_sample_and_passes_its_gates()
    {
        var run = await CliProcess.RunAsync(data, "metrics", "detection",
            "--truth", Sample("coco-sample", "ground_truth.json"), "--pred", Sample("coco-sample", "detections.json"),
            "--gate", "AP50>=0.69", "--gate", "per_class.person.AP>0");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("AP     0.503647", run.Output);
        Assert.Contains("AP50   0.696973", run.Output);
        Assert.Contains("AP75   0.571667", run.Output);
        Assert.Contains("gate AP50>=0.69: passed", run.Output);
    }

    [Fact]
    public async Task Json_carries_the_twelve_names_and_a_failing_gate_exits_one()
    {
        var run = await CliProcess.RunAsync(data, "metrics", "detection",
            "--truth", Sample("coco-sample", "ground_truth.json"), "--pred", Sample("coco-sample", "detections.json"),
            "--json", "--gate", "AP>=0.9");

        Assert.Equal(1, run.ExitCode);
        var json = JsonNode.Parse(run.Output)!.AsObject();
        foreach (var name in new[] { "AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl" })
            Assert.NotNull(json[name]);
        Assert.Equal(0.503647, Math.Round(json["AP"]!.GetValue<double>(), 6));
        Assert.NotNull(json["per_class"]!["person"]!["AP"]);
        Assert.Contains("gate AP>=0.9: FAILED", run.Error);
    }

    [Theory]
    [InlineData("all", "0.245687")]
    [InlineData("11", "0.268398")]
    public async Task Voc_style_reads_text_folders_and_prints_the_published_ap(string interpolation, string ap)
    {
        var run = await CliProcess.RunAsync(data, "metrics", "detection", "--style", "voc", "--iou", "0.3", "--interpolation", interpolation,
            "--truth", Sample("voc-sample", "groundtruths"), "--pred", Sample("voc-sample", "detections"), "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        var json = JsonNode.Parse(run.Output)!;
        Assert.Equal(ap, json["mAP"]!.GetValue<double>().ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(15, json["per_class"]!["person"]!["truth"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_detection_on_an_unknown_image_names_the_file_and_path()
    {
        var truth = Write("truth.json", """{"images": [{"id": 1}], "categories": [{"id": 1, "name": "cat"}], "annotations": [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10]}]}""");
        var pred = Write("pred.json", """[{"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.9}, {"image_id": 5, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.8}]""");

        var run = await CliProcess.RunAsync(data, "metrics", "detection", "--truth", truth, "--pred", pred);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("pred.json", run.Error);
        Assert.Contains("$[1]", run.Error);
        Assert.Contains("image_id", run.Error);
    }

    [Fact]
    public async Task Voc_refuses_cocos_interpolation()
    {
        var truth = Write("truth.json", """{"categories": [{"id": 1, "name": "cat"}], "annotations": []}""");
        var pred = Write("pred.json", "[]");

        var run = await CliProcess.RunAsync(data, "metrics", "detection", "--truth", truth, "--pred", pred, "--style", "voc", "--interpolation", "101");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--interpolation", run.Error);
    }
}

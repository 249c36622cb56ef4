using Laoshi.Core.Errors;
using Laoshi.Evaluation.Detection;

namespace Laoshi.Evaluation.Tests.Detection;

/// <summary>Reading COCO files and VOC text folders: what is accepted, and how a mistake is reported.</summary>
public sealed class DetectionFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("laoshi-detection-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private const string TruthJson = """
        {"images": [{"id": 1}, {"id": 2}],
         "categories": [{"id": 7, "name": "cat"}],
         "annotations": [{"id": 1, "image_id": 1, "category_id": 7, "bbox": [0, 0, 10, 20], "area": 150, "iscrowd": 0},
                         {"id": 2, "image_id": 2, "category_id": 7, "bbox": [5, 5, 10, 10], "iscrowd": 1}]}
        """;

    [Fact]
    public async Task Ground_truth_keeps_its_area_crowd_flag_and_category_name()
    {
        var truth = await CocoFiles.ReadTruthAsync(Write("truth.json", TruthJson), TestContext.Current.CancellationToken);

        Assert.Equal(new DetectionBox("1", "cat", 0, 0, 10, 20, null, false, 150), truth.Boxes[0]);
        Assert.True(truth.Boxes[1].IsCrowd);
        Assert.Equal(["1", "2"], truth.Images.Order());
    }

    [Fact]
    public async Task Detections_may_be_a_result_list_or_an_object_with_annotations()
    {
        var cancel = TestContext.Current.CancellationToken;
        var truth = await CocoFiles.ReadTruthAsync(Write("truth.json", TruthJson), cancel);

        var list = await CocoFiles.ReadDetectionsAsync(Write("list.json", """[{"image_id": 1, "category_id": 7, "bbox": [0, 0, 10, 20], "score": 0.9}]"""), truth, cancel);
        var wrapped = await CocoFiles.ReadDetectionsAsync(Write("wrapped.json", """{"annotations": [{"image_id": 1, "category_id": 7, "bbox": [0, 0, 10, 20], "score": 0.9}]}"""), truth, cancel);

        Assert.Equal(new DetectionBox("1", "cat", 0, 0, 10, 20, 0.9), Assert.Single(list));
        Assert.Equal(list, wrapped);
    }

    [Fact]
    public async Task Each_bad_detection_is_named_by_file_path_and_field()
    {
        var cancel = TestContext.Current.CancellationToken;
        var truth = await CocoFiles.ReadTruthAsync(Write("truth.json", TruthJson), cancel);
        var path = Write("bad.json", """
            [{"image_id": 1, "category_id": 7, "bbox": [0, 0, 10], "score": 0.9},
             {"image_id": 9, "category_id": 7, "bbox": [0, 0, 10, 10], "score": 0.9},
             {"image_id": 1, "category_id": 3, "bbox": [0, 0, 10, 10], "score": 0.9},
             {"image_id": 1, "category_id": 7, "bbox": [0, 0, 10, 10]}]
            """);

        var error = await Assert.ThrowsAsync<BadInputException>(() => CocoFiles.ReadDetectionsAsync(path, truth, cancel));

        Assert.Equal([("$[0]", "bbox"), ("$[1]", "image_id"), ("$[2]", "category_id"), ("$[3]", "score")],
            error.Errors.Select(e => (e.Path!, e.Field!)));
        Assert.All(error.Errors, e => Assert.Equal(path, e.File));
    }

    [Fact]
    public async Task Broken_json_is_reported_with_its_line()
    {
        var path = Write("broken.json", "{\"categories\": [],\n \"annotations\": [\n  {\"bbox\": [1, 2,, 3]}]}");

        var error = await Assert.ThrowsAsync<BadInputException>(() => CocoFiles.ReadTruthAsync(path, TestContext.Current.CancellationToken));

        var problem = Assert.Single(error.Errors);
        Assert.Equal(path, problem.File);
        Assert.Equal(3, problem.Line);
    }

    [Fact]
    public async Task A_text_folder_line_with_a_bad_number_names_file_line_and_field()
    {
        Write("dets/img1.txt", "cat 0.9 1 2 3 4\ncat high 1 2 3 4\n");

        var error = await Assert.ThrowsAsync<BadInputException>(() =>
            DetectionTextFolder.ReadDetectionsAsync(Path.Combine(_folder, "dets"), TestContext.Current.CancellationToken));

        var problem = Assert.Single(error.Errors);
        Assert.EndsWith("img1.txt", problem.File);
        Assert.Equal(2, problem.Line);
        Assert.Equal("confidence", problem.Field);
    }

    [Fact]
    public async Task A_long_result_list_is_read_whole_across_buffer_boundaries()
    {
        var cancel = TestContext.Current.CancellationToken;
        var truth = await CocoFiles.ReadTruthAsync(Write("truth.json", TruthJson), cancel);
        var text = new System.Text.StringBuilder("[\n");
        const int rows = 30_000;
        for (var i = 0; i < rows; i++)
        {
            // Unknown fields (as a segmentation) are skipped wherever the buffer happens to split them.
            text.Append(i == 0 ? "" : ",\n").Append($$"""{"image_id": {{1 + i % 2}}, "segmentation": [[1, 2, 3, 4, 5, 6]], "category_id": 7, "bbox": [{{i}}, 1.5, 2, 3], "score": {{(i % 1000) / 1000.0}}}""");
        }
        var path = Write("many.json", text.Append("\n]").ToString());

        var detections = await CocoFiles.ReadDetectionsAsync(path, truth, cancel);

        Assert.Equal(rows, detections.Count);
        Assert.Equal(new DetectionBox("2", "cat", rows - 1, 1.5, 2, 3, 0.999), detections[^1]);
    }

    [Fact]
    public async Task A_result_list_cut_short_is_refused()
    {
        var cancel = TestContext.Current.CancellationToken;
        var truth = await CocoFiles.ReadTruthAsync(Write("truth.json", TruthJson), cancel);
        var path = Write("cut.json", """[{"image_id": 1, "category_id": 7, "bbox": [0, 0, 10, 20], "score": 0.9}, {"image_id": 1""");

        var error = await Assert.ThrowsAsync<BadInputException>(() => CocoFiles.ReadDetectionsAsync(path, truth, cancel));

        Assert.Equal(path, Assert.Single(error.Errors).File);
    }
}

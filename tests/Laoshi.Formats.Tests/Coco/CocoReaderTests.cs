using System.Text;
using Laoshi.Core.Regions;
using Laoshi.Formats.Coco;
using Laoshi.Formats.Tests.DatasetSupport;
using Laoshi.Formats.Tests.Support;
using static Laoshi.Formats.Tests.DatasetSupport.TestData;

namespace Laoshi.Formats.Tests.Coco;

public sealed class CocoReaderTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private async Task<string> WriteCocoAsync(string json)
    {
        var path = folder.File("instances.json");
        await File.WriteAllTextAsync(path, json, TestContext.Current.CancellationToken);
        return path;
    }

    [Fact]
    public async Task Boxes_polygons_and_keypoints_become_pixel_regions_of_the_schema_controls()
    {
        TestImages.Write(folder.File("images/a.png"), 100, 80);
        TestImages.Write(folder.File("b.png"), 50, 50);
        var path = await WriteCocoAsync("""
            {
              "info": {"description": "skipped", "nested": {"x": [1, 2]}},
              "images": [{"id": 1, "file_name": "a.png", "width": 100, "height": 80}, {"id": 2, "file_name": "b.png"}],
              "annotations": [
                {"id": 10, "image_id": 1, "category_id": 1, "bbox": [10.5, 20, 30, 40], "area": 1200, "iscrowd": 0, "segmentation": []},
                {"id": 11, "image_id": 1, "category_id": 2, "bbox": [0, 0, 10, 10], "segmentation": [[0, 0, 10, 0, 10, 10]]},
                {"id": 12, "image_id": 2, "category_id": 3, "bbox": [5, 5, 20, 20], "keypoints": [7, 8, 2, 0, 0, 0, 9, 9, 1], "num_keypoints": 2}
              ],
              "categories": [{"id": 1, "name": "cat"}, {"id": 2, "name": "dog"}, {"id": 3, "name": "cat", "keypoints": ["nose", "eye", "tail"]}]
            }
            """);

        var rows = await ReadAllAsync(new CocoReader(), new ImportSource("instances.json", path), DetectionSchema());

        Assert.Empty(Errors(rows));
        var items = Items(rows);
        Assert.Equal(2, items.Count);
        Assert.Equal("a.png", items[0].Data["image"]!.GetValue<string>());
        Assert.Equal(Path.Combine(folder.Path, "images", "a.png"), items[0].Files.Single().Path);
        var first = items[0].Annotations.Single().Result;
        var box = first[0];
        Assert.Equal((RegionTypes.RectangleLabels, "label", "image", "cat"), (box.Type, box.FromName, box.ToName, box.Labels.Single()));
        Assert.Equal((10.5, 20.0, 30.0, 40.0), (box.X, box.Y, box.Width, box.Height));
        Assert.Equal((100, 80, CoordinateUnits.Pixels), (box.OriginalWidth, box.OriginalHeight, box.Units));
        var polygon = first[1];
        Assert.Equal((RegionTypes.PolygonLabels, "outline", "dog"), (polygon.Type, polygon.FromName, polygon.Labels.Single()));
        Assert.Equal([new Point2(0, 0), new Point2(10, 0), new Point2(10, 10)], polygon.Points);

        // The second image's size comes from its header; its box and two labelled keypoints (nose, tail) come through.
        var second = items[1].Annotations.Single().Result;
        Assert.All(second, r => Assert.Equal((50, 50), (r.OriginalWidth, r.OriginalHeight)));
        Assert.Equal(["cat", "nose", "tail"], second.Select(r => r.Labels.Single()));
        Assert.Equal((7.0, 8.0), (second[1].X, second[1].Y));
        Assert.Equal(RegionTypes.KeyPointLabels, second[2].Type);
    }

    [Fact]
    public async Task A_category_that_is_not_a_schema_label_is_a_bad_row_naming_file_path_and_label()
    {
        TestImages.Write(folder.File("a.png"), 10, 10);
        var path = await WriteCocoAsync("""
            {"images": [{"id": 1, "file_name": "a.png"}],
             "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 1, 2, 2]}, {"id": 2, "image_id": 1, "category_id": 7, "bbox": [1, 1, 2, 2]}],
             "categories": [{"id": 1, "name": "cat"}, {"id": 7, "name": "sofa"}]}
            """);

        var rows = await ReadAllAsync(new CocoReader(), new ImportSource("instances.json", path), DetectionSchema());

        Assert.Empty(Items(rows));
        var error = Assert.Single(Errors(rows));
        Assert.Equal("instances.json", error.File);
        Assert.Equal("$.annotations[1]", error.Path);
        Assert.Contains("'sofa'", error.Message);
        Assert.Contains("instances.json, $.annotations[1]", error.ToString());
    }

    [Fact]
    public async Task Annotations_may_come_before_images_and_are_grouped_by_image_id()
    {
        const int imageCount = 200, perImage = 100;
        for (var i = 0; i < 2; i++) TestImages.Write(folder.File($"img{i}.png"), 64, 48);
        var json = new StringBuilder("{\"annotations\": [");
        var id = 0;
        // Interleaved: annotation k belongs to image k % imageCount, so no image's annotations are adjacent.
        for (var k = 0; k < imageCount * perImage; k++)
            json.Append(k == 0 ? "" : ",").Append($"{{\"id\": {++id}, \"image_id\": {k % imageCount}, \"category_id\": 1, \"bbox\": [{k % 50}, 1, 2, 3]}}");
        json.Append("], \"categories\": [{\"id\": 1, \"name\": \"dog\"}], \"images\": [");
        for (var i = 0; i < imageCount; i++) json.Append(i == 0 ? "" : ",").Append($"{{\"id\": {i}, \"file_name\": \"img{i % 2}.png\", \"width\": 64, \"height\": 48}}");
        json.Append("]}");
        var path = await WriteCocoAsync(json.ToString());

        var rows = await ReadAllAsync(new CocoReader(), new ImportSource("instances.json", path), DetectionSchema());

        Assert.Empty(Errors(rows));
        var items = Items(rows);
        Assert.Equal(imageCount, items.Count);
        Assert.All(items, item => Assert.Equal(perImage, item.Annotations.Single().Result.Count));
        // File order is kept within an image: image 3 holds annotations 4, 204, 404, ...
        Assert.Equal(["4", "204", "404"], items[3].Annotations.Single().Result.Take(3).Select(r => r.Id));
    }

    [Fact]
    public async Task Missing_image_files_and_unknown_image_ids_are_reported()
    {
        var path = await WriteCocoAsync("""
            {"images": [{"id": 1, "file_name": "gone.png"}],
             "annotations": [{"id": 1, "image_id": 5, "category_id": 1, "bbox": [1, 1, 2, 2]}],
             "categories": [{"id": 1, "name": "cat"}]}
            """);

        var errors = Errors(await ReadAllAsync(new CocoReader(), new ImportSource("instances.json", path), DetectionSchema()));

        Assert.Equal(2, errors.Count);
        Assert.Contains("image file not found", errors[0].Message);
        Assert.Equal(("$.images[0]", "file_name"), (errors[0].Path, errors[0].Field));
        Assert.Contains("image_id 5", errors[1].Message);
        Assert.Equal("$.annotations[0]", errors[1].Path);
    }

    [Fact]
    public async Task Crowd_masks_are_kept_as_boxes_or_skipped_with_a_report()
    {
        TestImages.Write(folder.File("a.png"), 10, 10);
        var path = await WriteCocoAsync("""
            {"images": [{"id": 1, "file_name": "a.png"}],
             "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "iscrowd": 1, "bbox": [1, 1, 5, 5], "segmentation": {"counts": [3, 4], "size": [10, 10]}}],
             "categories": [{"id": 1, "name": "cat"}]}
            """);
        var source = new ImportSource("instances.json", path);

        var kept = await ReadAllAsync(new CocoReader(), source, DetectionSchema());
        var skipped = await ReadAllAsync(new CocoReader(new CocoReaderOptions { CrowdMasks = CrowdMaskHandling.Skip }), source, DetectionSchema());

        var box = Items(kept).Single().Annotations.Single().Result.Single();
        Assert.Equal(1, box.Extra!["iscrowd"]!.GetValue<int>());
        Assert.Contains("crowd", Errors(skipped).Single().Message);
        Assert.Empty(Items(skipped).Single().Annotations);
    }

    [Fact]
    public async Task Broken_json_is_an_error_with_the_file_name_and_line()
    {
        // Far past the first read buffer, so the line count has to survive refills.
        var lines = Enumerable.Range(0, 5000).Select(i => $"{{\"id\": {i}, \"file_name\": \"a{i}.png\"}},");
        var path = await WriteCocoAsync("{\"images\": [\n" + string.Join("\n", lines) + "\n{\"id\": 9 \"file_name\": \"b.png\"}]}");

        var error = await Assert.ThrowsAsync<Laoshi.Core.Errors.BadInputException>(() =>
            ReadAllAsync(new CocoReader(), new ImportSource("instances.json", path), DetectionSchema()));

        Assert.Equal(("instances.json", 5002L, "$.images[5000]"), (error.Errors[0].File, error.Errors[0].Line, error.Errors[0].Path));
    }
}

using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Regions;
using Laoshi.Formats.LabelStudio;
using Laoshi.Formats.Tests.Support;

namespace Laoshi.Formats.Tests.LabelStudio;

public sealed class LabelStudioResultsTests
{
    private static JsonArray Parse(string json) => JsonNode.Parse(json)!.AsArray();

    [Fact]
    public void Every_result_type_round_trips_to_the_same_json()
    {
        var input = Parse(LabelStudioSamples.MixedResult);

        var regions = LabelStudioResults.FromJson(input, Schemas.Mixed);
        var output = LabelStudioResults.ToJson(regions);

        JsonAssert.Equivalent(input, output);
    }

    [Fact]
    public void Round_trip_without_a_schema_also_loses_nothing()
    {
        var input = Parse(LabelStudioSamples.MixedResult);

        var output = LabelStudioResults.ToJson(LabelStudioResults.FromJson(input, schema: null));

        JsonAssert.Equivalent(input, output);
    }

    [Fact]
    public void Output_keys_follow_label_studio_order()
    {
        var regions = LabelStudioResults.FromJson(Parse(LabelStudioSamples.MixedResult), Schemas.Mixed);

        var box = LabelStudioResults.ToJson(regions)[5]!.AsObject();

        Assert.Equal(
            ["value", "original_width", "original_height", "image_rotation", "id", "from_name", "to_name", "type", "origin"],
            box.Select(p => p.Key));
        Assert.Equal(["x", "y", "width", "height", "rotation", "rectanglelabels"], box["value"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Regions_take_the_shape_of_their_type()
    {
        var r = LabelStudioResults.FromJson(Parse(LabelStudioSamples.MixedResult), Schemas.Mixed);

        Assert.Equal(["positive"], r[0].Labels);
        Assert.Equal((0, 5, "Alice"), (r[1].Start!.Value, r[1].End!.Value, r[1].Text));
        Assert.Equal((1.2345678, 3.5, 0), (r[3].StartTime!.Value, r[3].EndTime!.Value, r[3].Channel!.Value));
        Assert.Null(r[3].Start);
        Assert.Equal(["hello there", "second line"], r[4].TextLines!);
        Assert.Equal(1.2345678, r[4].StartTime);
        Assert.Equal(4, r[11].Rating);
        Assert.Equal(0.87, r[12].Score);
        Assert.Equal("b1", r[12].ParentId);
        Assert.Equal("manual", r[0].Extra!["origin"]!.GetValue<string>());
        Assert.True(r[7].Extra!["value.closed"]!.GetValue<bool>());
    }

    [Fact]
    public void Percent_geometry_becomes_pixels_of_the_original_image()
    {
        var r = LabelStudioResults.FromJson(Parse(LabelStudioSamples.MixedResult), Schemas.Mixed);

        var box = r[5];
        Assert.Equal(CoordinateUnits.Pixels, box.Units);
        Assert.Equal(12.345678901 * 19.2, box.X!.Value, 9);
        Assert.Equal(20.5 * 10.8, box.Y!.Value, 9);
        Assert.Equal(30.25 * 19.2, box.Width!.Value, 9);
        Assert.Equal(15.5, box.Rotation);
        Assert.Equal(new Point2(10.1 * 19.2, 20.2 * 10.8).X, r[7].Points![0].X, 9);
        Assert.Equal(0.5 * 19.2, r[8].Width!.Value, 9);
    }

    [Fact]
    public void Geometry_without_an_image_size_stays_in_percent_until_the_size_is_known()
    {
        var input = Parse("""[{"value": {"x": 10, "y": 20, "width": 30, "height": 40, "rectanglelabels": ["Car"]}, "id": "b", "from_name": "box", "to_name": "image", "type": "rectanglelabels"}]""");

        var region = LabelStudioResults.FromJson(input, Schemas.Mixed)[0];
        Assert.Equal(CoordinateUnits.Percent, region.Units);
        Assert.Equal(10, region.X);

        var pixels = LabelStudioResults.ToPixels(region, 200, 100);
        Assert.Equal(CoordinateUnits.Pixels, pixels.Units);
        Assert.Equal((20.0, 20.0, 60.0, 40.0), (pixels.X!.Value, pixels.Y!.Value, pixels.Width!.Value, pixels.Height!.Value));
        Assert.Equal((200, 100), (pixels.OriginalWidth!.Value, pixels.OriginalHeight!.Value));

        // Written back with the size it now has, the percentages come out again.
        var back = LabelStudioResults.ToJson([pixels])[0]!["value"]!;
        Assert.Equal(10, back["x"]!.GetValue<double>(), 9);
        Assert.Equal(40, back["height"]!.GetValue<double>(), 9);
    }

    [Fact]
    public void Pixel_regions_without_a_size_use_the_size_of_the_image_they_point_at()
    {
        var region = new Region { Id = "b", FromName = "box", ToName = "image", Type = RegionTypes.RectangleLabels, Labels = ["Car"], X = 50, Y = 25, Width = 100, Height = 50 };

        Assert.Throws<InvalidOperationException>(() => LabelStudioResults.ToJson([region]));
        var json = LabelStudioResults.ToJson([region], toName => toName == "image" ? (200, 100) : null);

        Assert.Equal(25, json[0]!["value"]!["x"]!.GetValue<double>(), 9);
        Assert.Equal(50, json[0]!["value"]!["height"]!.GetValue<double>(), 9);
    }

    [Fact]
    public void A_labels_result_over_an_audio_field_is_a_segment_even_with_text()
    {
        var input = Parse("""[{"value": {"start": 1.5, "end": 2.5, "text": "hi", "labels": ["A"]}, "id": "a", "from_name": "speaker", "to_name": "audio", "type": "labels"}]""");

        var withSchema = LabelStudioResults.FromJson(input, Schemas.Mixed)[0];
        Assert.Equal(1.5, withSchema.StartTime);
        Assert.Null(withSchema.Start);
        JsonAssert.Equivalent(input, LabelStudioResults.ToJson([withSchema]));
    }

    [Theory]
    [InlineData("""[{"value": {"choices": ["a"]}, "id": "1", "from_name": "c", "to_name": "t", "type": "choices"}, {"value": {"x": "ten", "y": 1, "width": 1, "height": 1, "rectanglelabels": ["Car"]}, "id": "2", "from_name": "box", "to_name": "image", "type": "rectanglelabels"}]""", "result[1].value.x")]
    [InlineData("""[{"value": {"choices": ["a"]}, "id": "1", "to_name": "t", "type": "choices"}]""", "result[0].from_name")]
    [InlineData("""[{"value": {"choices": "a"}, "id": "1", "from_name": "c", "to_name": "t", "type": "choices"}]""", "result[0].value.choices")]
    [InlineData("""[{"value": {"start": 1.5, "end": 3, "text": "x", "labels": ["PER"]}, "id": "1", "from_name": "ner", "to_name": "text", "type": "labels"}]""", "result[0].value.start")]
    [InlineData("""[{"value": {"points": [[1, 2], [3]], "polygonlabels": ["Road"]}, "id": "1", "from_name": "poly", "to_name": "image", "type": "polygonlabels"}]""", "result[0].value.points[1]")]
    [InlineData("""[{"value": {}, "id": "1", "from_name": "x", "to_name": "y", "type": "brushlabels"}]""", "result[0].type")]
    [InlineData("""[{"value": {"rating": 4}, "original_width": -3, "id": "1", "from_name": "q", "to_name": "image", "type": "rating"}]""", "result[0].original_width")]
    [InlineData("""[42]""", "result[0]")]
    public void Malformed_entries_name_file_line_and_json_path(string json, string expectedPath)
    {
        var e = Assert.Throws<BadInputException>(() => LabelStudioResults.FromJson(Parse(json), Schemas.Mixed, "tasks.jsonl", 17));

        var error = Assert.Single(e.Errors);
        Assert.Equal("tasks.jsonl", error.File);
        Assert.Equal(17, error.Line);
        Assert.Equal(expectedPath, error.Path);
        Assert.Contains("tasks.jsonl, line 17, " + expectedPath, e.Message);
    }

    [Fact]
    public void Entries_without_an_id_get_one_that_is_unique_in_the_result()
    {
        var input = Parse("""[{"value": {"choices": ["a"]}, "from_name": "c", "to_name": "t", "type": "choices"}, {"value": {"choices": ["b"]}, "from_name": "d", "to_name": "t", "type": "choices"}]""");

        var regions = LabelStudioResults.FromJson(input, null);

        Assert.Equal(2, regions.Select(r => r.Id).Distinct().Count());
    }
}

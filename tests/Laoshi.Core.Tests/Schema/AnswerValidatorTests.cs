using System.Text.Json.Nodes;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;

namespace Laoshi.Core.Tests.Schema;

public class AnswerValidatorTests
{
    private static readonly ProjectSchema ImageSchema = LabelStudioConfig.Parse(SampleConfigs.ImageBoxesAndClass);
    private static readonly ProjectSchema TextSchema = LabelStudioConfig.Parse(SampleConfigs.TextEmotionAndNer);
    private static readonly ProjectSchema AudioSchema = LabelStudioConfig.Parse(SampleConfigs.AudioSegmentsWithTranscript);

    private const string Sentence = "张伟昨天在北京参加了清华大学的会议，非常高兴！";

    private static readonly JsonObject TextData = new() { ["text"] = Sentence };

    private static Region Box(double x, double y, double w, double h, params string[] labels) => new()
    {
        Id = "b1", FromName = "label", ToName = "image", Type = RegionTypes.RectangleLabels,
        X = x, Y = y, Width = w, Height = h, OriginalWidth = 640, OriginalHeight = 480, Labels = labels.Length == 0 ? ["sofa"] : labels,
    };

    private static Region Room(params string[] choices) => new()
    {
        Id = "c1", FromName = "room", ToName = "image", Type = RegionTypes.Choices, Labels = choices,
    };

    private static Region Span(int start, int end, string? text, params string[] labels) => new()
    {
        Id = "s1", FromName = "ner", ToName = "text", Type = RegionTypes.Labels, Start = start, End = end, Text = text, Labels = labels,
    };

    private static Region Segment(string id, double start, double end, string speaker = "Speaker 1") => new()
    {
        Id = id, FromName = "speaker", ToName = "audio", Type = RegionTypes.Labels, StartTime = start, EndTime = end, Labels = [speaker],
    };

    private static Region Transcript(string id, params string[] lines) => new()
    {
        Id = id, FromName = "transcription", ToName = "audio", Type = RegionTypes.TextArea, TextLines = lines,
    };

    private static IReadOnlyList<Laoshi.Core.Errors.InputError> Check(ProjectSchema schema, params Region[] result) =>
        AnswerValidator.Validate(schema, result, TextData, "tasks.json", 7);

    [Fact]
    public void Good_image_answer_passes()
    {
        Assert.Empty(Check(ImageSchema, Box(10, 20, 300, 200), Box(0, 0, 640, 480, "coffee table"), Room("living room")));
    }

    [Fact]
    public void Good_text_answer_with_chinese_spans_passes()
    {
        var person = Sentence.IndexOf("张伟", StringComparison.Ordinal);
        var place = Sentence.IndexOf("北京", StringComparison.Ordinal);
        var org = Sentence.IndexOf("清华大学", StringComparison.Ordinal);
        Assert.Empty(Check(TextSchema,
            Span(person, person + 2, "张伟", "人名"),
            Span(place, place + 2, "北京", "地名") with { Id = "s2" },
            Span(org, org + 4, "清华大学", "机构") with { Id = "s3" },
            new Region { Id = "e", FromName = "emotion", ToName = "text", Type = RegionTypes.Choices, Labels = ["喜悦", "悲伤"] }));
    }

    [Fact]
    public void Good_audio_answer_with_a_transcript_per_segment_passes()
    {
        Assert.Empty(Check(AudioSchema,
            Segment("a", 0, 2.5), Transcript("a", "你好"),
            Segment("b", 2.5, 4.25, "Speaker 2"), Transcript("b", "hello", "again"),
            new Region { Id = "q", FromName = "quality", ToName = "audio", Type = RegionTypes.Rating, Rating = 4 }));
    }

    [Fact]
    public void Errors_carry_file_line_path_and_from_name()
    {
        var error = Assert.Single(Check(ImageSchema, Room("living room"), Box(10, 20, 30, 40, "armchair")));

        Assert.Equal(("tasks.json", 7L, "result[1].value.rectanglelabels[0]", "label"), (error.File, error.Line, error.Path, error.Field));
        Assert.Contains("'armchair' is not a label of 'label'; labels are: sofa, carpet, coffee table", error.Message);
    }

    [Fact]
    public void Unknown_from_name_is_reported()
    {
        var error = Assert.Single(Check(ImageSchema, Box(1, 1, 1, 1) with { FromName = "boxes" }));
        Assert.Equal("result[0].from_name", error.Path);
        Assert.Equal("boxes", error.Field);
        Assert.Contains("controls are: label, room", error.Message);
    }

    [Fact]
    public void To_name_other_than_the_controls_field_is_reported()
    {
        var error = Assert.Single(Check(ImageSchema, Room("bedroom") with { ToName = "photo" }));
        Assert.Equal("result[0].to_name", error.Path);
    }

    [Theory]
    [InlineData(RegionTypes.RectangleLabels, true)]
    [InlineData(RegionTypes.Rectangle, true)]
    [InlineData(RegionTypes.PolygonLabels, false)]
    [InlineData(RegionTypes.Labels, false)]
    [InlineData("box", false)]
    public void Box_control_accepts_only_box_types(string type, bool fits)
    {
        var errors = Check(ImageSchema, Box(1, 1, 10, 10) with { Type = type });
        if (fits) Assert.Empty(errors);
        else Assert.Equal("result[0].type", Assert.Single(errors).Path);
    }

    [Fact]
    public void Label_alias_is_accepted_as_label_studio_stores_it()
    {
        Assert.Empty(Check(ImageSchema, Box(1, 1, 10, 10, "table")));
    }

    [Fact]
    public void Single_choice_control_with_several_choices_is_reported()
    {
        var error = Assert.Single(Check(ImageSchema, Room("bedroom", "living room")));
        Assert.Equal("result[0].value.choices", error.Path);
        Assert.Contains("takes one choice, but 2 are chosen", error.Message);
    }

    [Fact]
    public void Unknown_choice_and_empty_choice_are_reported()
    {
        var errors = Check(ImageSchema, Room("kitchen"), Room() with { Id = "c2" });
        Assert.Equal("result[0].value.choices[0]", SchemaAssert.Error(errors, "'kitchen' is not a label").Path);
        Assert.Equal("result[1].value.choices", SchemaAssert.Error(errors, "no choice is chosen").Path);
    }

    [Theory]
    [InlineData(-1, 10, 50, 50, "result[0].value.x")]
    [InlineData(10, -0.5, 50, 50, "result[0].value.y")]
    [InlineData(600, 10, 41, 50, "result[0].value.width")]
    [InlineData(10, 400, 50, 80.01, "result[0].value.height")]
    [InlineData(10, 10, 0, 50, "result[0].value.width")]
    public void Box_outside_the_image_is_reported(double x, double y, double w, double h, string path)
    {
        Assert.Equal(path, Assert.Single(Check(ImageSchema, Box(x, y, w, h))).Path);
    }

    [Fact]
    public void Box_exactly_on_the_edge_or_off_by_rounding_passes()
    {
        Assert.Empty(Check(ImageSchema, Box(600, 400, 40, 80)));
        Assert.Empty(Check(ImageSchema, Box(600, 400, 40.0000001, 80.0000001)));
    }

    [Fact]
    public void Rotated_box_is_checked_by_its_turned_corners()
    {
        // Turned 90° clockwise about its top-left corner, a 100×50 box at (100, 10) reaches left to x = 50.
        Assert.Empty(Check(ImageSchema, Box(100, 10, 100, 50) with { Rotation = 90 }));
        // The same box at (30, 10) would reach x = -20.
        var error = Assert.Single(Check(ImageSchema, Box(30, 10, 100, 50) with { Rotation = 90 }));
        Assert.Equal("result[0].value.rotation", error.Path);
        Assert.Contains("corner at (-20, 110)", error.Message);
        // Unturned, that box would fit; turned 45° at the bottom edge, it pokes out below.
        Assert.Empty(Check(ImageSchema, Box(30, 400, 100, 50)));
        Assert.Single(Check(ImageSchema, Box(30, 400, 100, 50) with { Rotation = 45 }));
    }

    [Fact]
    public void Boxes_in_percent_are_checked_against_a_hundred()
    {
        var percent = Box(50, 50, 50, 50) with { Units = CoordinateUnits.Percent, OriginalWidth = null, OriginalHeight = null };
        Assert.Empty(Check(ImageSchema, percent));
        Assert.Equal("result[0].value.width", Assert.Single(Check(ImageSchema, percent with { Width = 60 })).Path);
        // With the image size known, a rotation is turned in pixels: 200×100 px image, a 10%×10% box (20×10 px) at 4% (8 px) turned 90° reaches x = -2 px.
        var rotated = Box(4, 5, 10, 10, "sofa") with { Units = CoordinateUnits.Percent, OriginalWidth = 200, OriginalHeight = 100, Rotation = 90 };
        Assert.Equal("result[0].value.rotation", Assert.Single(Check(ImageSchema, rotated)).Path);
        Assert.Empty(Check(ImageSchema, rotated with { X = 20 }));
    }

    [Fact]
    public void Box_without_a_known_image_size_is_only_checked_against_the_top_left()
    {
        Assert.Empty(Check(ImageSchema, Box(5000, 5000, 10, 10) with { OriginalWidth = null, OriginalHeight = null }));
        Assert.Single(Check(ImageSchema, Box(-5, 0, 10, 10) with { OriginalWidth = null, OriginalHeight = null }));
    }

    [Fact]
    public void Polygon_and_keypoint_outside_the_image_are_reported()
    {
        var schema = LabelStudioConfig.Parse("""
            <View>
              <Image name="image" value="$image"/>
              <PolygonLabels name="shape" toName="image"><Label value="rug"/></PolygonLabels>
              <KeyPointLabels name="point" toName="image"><Label value="corner"/></KeyPointLabels>
            </View>
            """);
        var polygon = new Region
        {
            Id = "p", FromName = "shape", ToName = "image", Type = RegionTypes.PolygonLabels, Labels = ["rug"],
            Points = [new(0, 0), new(640, 0), new(641, 480)], OriginalWidth = 640, OriginalHeight = 480,
        };
        var point = new Region
        {
            Id = "k", FromName = "point", ToName = "image", Type = RegionTypes.KeyPointLabels, Labels = ["corner"],
            X = 10, Y = 481, OriginalWidth = 640, OriginalHeight = 480,
        };
        var twoPoints = polygon with { Id = "q", Points = [new(0, 0), new(1, 1)] };

        var errors = Check(schema, polygon, point, twoPoints);

        Assert.Equal("result[0].value.points[2]", SchemaAssert.Error(errors, "point (641, 480) lies outside the image (640×480 px)").Path);
        Assert.Equal("result[1].value", SchemaAssert.Error(errors, "keypoint (10, 481)").Path);
        Assert.Equal("result[2].value.points", SchemaAssert.Error(errors, "at least 3 points, not 2").Path);
        Assert.Empty(Check(schema, polygon with { Points = [new(0, 0), new(640, 0), new(640, 480)] }, point with { Y = 480 }));
    }

    [Fact]
    public void Span_beyond_the_text_is_reported_in_utf16_code_units()
    {
        var error = Assert.Single(Check(TextSchema, Span(20, Sentence.Length + 1, null, "人名")));
        Assert.Equal("result[0].value.end", error.Path);
        Assert.Contains($"({Sentence.Length} UTF-16 code units)", error.Message);
        Assert.Empty(Check(TextSchema, Span(20, Sentence.Length, null, "人名")));
    }

    [Fact]
    public void Span_offsets_count_surrogate_pairs_as_two()
    {
        var data = new JsonObject { ["text"] = "😀张伟" };
        Assert.Empty(AnswerValidator.Validate(TextSchema, [Span(2, 4, "张伟", "人名")], data));
        Assert.Single(AnswerValidator.Validate(TextSchema, [Span(1, 3, "张伟", "人名")], data));
    }

    [Fact]
    public void Empty_or_negative_span_is_reported_even_without_the_text()
    {
        var errors = AnswerValidator.Validate(TextSchema, [Span(5, 5, null, "人名"), Span(-1, 2, null, "人名") with { Id = "s2" }], itemData: null);
        Assert.Equal("result[0].value.end", SchemaAssert.Error(errors, "span end 5 must be after its start 5").Path);
        Assert.Equal("result[1].value.start", SchemaAssert.Error(errors, "span start -1").Path);
    }

    [Fact]
    public void Span_text_that_differs_from_the_item_text_is_reported()
    {
        var error = Assert.Single(Check(TextSchema, Span(0, 2, "张三", "人名")));
        Assert.Equal("result[0].value.text", error.Path);
        Assert.Contains("\"张三\" differs from the text at 0..2, \"张伟\"", error.Message);
    }

    [Fact]
    public void Missing_item_text_is_reported_once()
    {
        var errors = AnswerValidator.Validate(TextSchema, [Span(0, 2, "张伟", "人名"), Span(5, 7, "北京", "地名") with { Id = "s2" }], new JsonObject { ["content"] = Sentence });
        Assert.Equal("data.text", Assert.Single(errors).Path);
    }

    [Fact]
    public void Span_without_offsets_or_label_is_reported()
    {
        var errors = Check(TextSchema, Span(0, 2, "张伟") with { Start = null });
        Assert.Equal("result[0].value", SchemaAssert.Error(errors, "needs start and end").Path);
        Assert.Equal("result[0].value.labels", SchemaAssert.Error(errors, "no label is chosen").Path);
    }

    [Fact]
    public void Bad_audio_segments_are_reported()
    {
        var errors = Check(AudioSchema, Segment("a", -0.5, 1), Segment("b", 3, 3), Segment("c", 4, 2), Transcript("a", "x"));
        Assert.Equal("result[0].value.start", SchemaAssert.Error(errors, "segment start -0.5 s is before the audio").Path);
        Assert.Equal("result[1].value.end", SchemaAssert.Error(errors, "segment end 3 s must be after its start 3 s").Path);
        Assert.Equal("result[2].value.end", SchemaAssert.Error(errors, "segment end 2 s").Path);
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void Per_region_transcript_must_belong_to_a_region_of_the_answer()
    {
        var error = Assert.Single(Check(AudioSchema, Segment("a", 0, 1), Transcript("zzz", "orphan")));
        Assert.Equal("result[1].id", error.Path);
        Assert.Equal("transcription", error.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(2.5)]
    public void Rating_outside_one_to_max_is_reported(double rating)
    {
        var error = Assert.Single(Check(AudioSchema, new Region { Id = "q", FromName = "quality", ToName = "audio", Type = RegionTypes.Rating, Rating = rating }));
        Assert.Equal("result[0].value.rating", error.Path);
        Assert.Contains("from 1 to 4", error.Message);
    }

    [Fact]
    public void Textarea_without_text_is_reported()
    {
        var error = Assert.Single(Check(AudioSchema, Segment("a", 0, 1), Transcript("a") with { TextLines = null }));
        Assert.Equal("result[1].value.text", error.Path);
    }

    [Fact]
    public void Multiple_choice_control_accepts_several_choices()
    {
        var emotion = new Region { Id = "e", FromName = "emotion", ToName = "text", Type = RegionTypes.Choices, Labels = ["喜悦", "愤怒", "悲伤"] };
        Assert.Empty(Check(TextSchema, emotion));
    }

    [Fact]
    public void Required_whole_item_control_without_an_answer_is_missing()
    {
        Assert.Empty(AnswerValidator.MissingRequired(ImageSchema, [Box(1, 1, 5, 5), Room("bedroom")]));
        var error = Assert.Single(AnswerValidator.MissingRequired(ImageSchema, [Box(1, 1, 5, 5)], "a.json", 3));
        Assert.Equal(("a.json", 3L, "result", "room"), (error.File, error.Line, error.Path, error.Field));
    }

    [Fact]
    public void Required_per_region_transcript_is_missing_for_each_segment_without_one()
    {
        var result = new[] { Segment("a", 0, 1), Transcript("a", "hi"), Segment("b", 1, 2), Segment("c", 2, 3) };

        var errors = AnswerValidator.MissingRequired(AudioSchema, result);

        Assert.Equal(["result[2]", "result[3]"], errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.Equal("transcription", e.Field));
        Assert.Contains("region 'b' has none", errors[0].Message);
    }
}

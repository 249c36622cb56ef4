using System.Xml.Linq;
using Laoshi.Core.Schema;

namespace Laoshi.Core.Tests.Schema;

public class LabelStudioConfigTests
{
    [Fact]
    public void Image_config_gives_an_image_field_with_a_box_control_and_a_class_control()
    {
        var schema = LabelStudioConfig.Parse(SampleConfigs.ImageBoxesAndClass);

        var field = Assert.Single(schema.Fields);
        Assert.Equal(new SchemaField("image", FieldKind.Image, "image"), field);
        Assert.Equal(2, schema.Controls.Count);

        var boxes = schema.Controls[0];
        Assert.Equal(("label", ControlTypes.RectangleLabels, "image"), (boxes.Name, boxes.Type, boxes.ToName));
        Assert.False(boxes.Multiple);
        Assert.Equal(["sofa", "carpet", "coffee table"], boxes.Labels.Select(l => l.Value));
        Assert.Equal(new SchemaLabel("sofa", Background: "#FF0000", Hotkey: "1"), boxes.Labels[0]);
        Assert.Equal(new SchemaLabel("coffee table", "table", "#0000FF", "3", "low table in front of the sofa"), boxes.Labels[2]);

        var room = schema.Controls[1];
        Assert.Equal(ControlTypes.Choices, room.Type);
        Assert.False(room.Multiple);
        Assert.True(room.Required);
        Assert.False(room.PerRegion);
        Assert.Equal("l", room.Labels[0].Hotkey);
        Assert.Null(schema.Guideline);
    }

    [Fact]
    public void Text_config_reads_controls_in_nested_views_and_keeps_chinese_labels()
    {
        var schema = LabelStudioConfig.Parse(SampleConfigs.TextEmotionAndNer);

        Assert.Equal(new SchemaField("text", FieldKind.Text, "text"), Assert.Single(schema.Fields));
        var emotion = schema.Control("emotion")!;
        Assert.Equal(ControlTypes.Choices, emotion.Type);
        Assert.True(emotion.Multiple);
        Assert.Equal(["喜悦", "愤怒", "悲伤"], emotion.Labels.Select(l => l.Value));
        Assert.Equal("高兴、满足", emotion.Labels[0].Description);

        var ner = schema.Control("ner")!;
        Assert.Equal(ControlTypes.Labels, ner.Type);
        Assert.Equal("text", ner.ToName);
        Assert.Equal(["人名", "地名", "机构"], ner.Labels.Select(l => l.Value));
        Assert.Equal(["red", "blue", "#FFA39E"], ner.Labels.Select(l => l.Background));
    }

    [Fact]
    public void Audio_config_reads_segments_a_per_region_transcript_and_a_rating()
    {
        var schema = LabelStudioConfig.Parse(SampleConfigs.AudioSegmentsWithTranscript);

        Assert.Equal(new SchemaField("audio", FieldKind.Audio, "audio"), Assert.Single(schema.Fields));
        var speaker = schema.Control("speaker")!;
        Assert.Equal(ControlTypes.Labels, speaker.Type);
        var transcript = schema.Control("transcription")!;
        Assert.Equal(ControlTypes.TextArea, transcript.Type);
        Assert.True(transcript.PerRegion);
        Assert.True(transcript.Required);
        Assert.Empty(transcript.Labels);
        var quality = schema.Control("quality")!;
        Assert.Equal(ControlTypes.Rating, quality.Type);
        Assert.Equal(4, quality.MaxRating);
    }

    [Fact]
    public void Rating_without_max_gets_label_studios_default_of_five()
    {
        var schema = LabelStudioConfig.Parse("""<View><Image name="img" value="$url"/><Rating name="r" toName="img"/></View>""");
        Assert.Equal(5, schema.Control("r")!.MaxRating);
        Assert.Equal("url", schema.Field("img")!.Value);
    }

    [Fact]
    public void Tag_names_match_without_regard_to_case_and_hypertext_counts_as_text()
    {
        var schema = LabelStudioConfig.Parse("""
            <view>
              <HYPERTEXT name="page" value="$html"/>
              <choices name="topic" toName="page"><choice value="news"/></choices>
            </view>
            """);
        Assert.Equal(FieldKind.Text, schema.Field("page")!.Kind);
        Assert.Equal("news", Assert.Single(schema.Control("topic")!.Labels).Value);
    }

    [Fact]
    public void Guideline_is_taken_from_the_caller_because_label_studio_keeps_it_outside_the_config()
    {
        var schema = LabelStudioConfig.Parse(SampleConfigs.ImageBoxesAndClass, "# Boxes\nTight round the object.");
        Assert.Equal("# Boxes\nTight round the object.", schema.Guideline);
    }

    [Theory]
    [InlineData(nameof(SampleConfigs.ImageBoxesAndClass))]
    [InlineData(nameof(SampleConfigs.TextEmotionAndNer))]
    [InlineData(nameof(SampleConfigs.AudioSegmentsWithTranscript))]
    public void Written_config_reads_back_as_the_same_schema(string sample)
    {
        var xml = (string)typeof(SampleConfigs).GetField(sample)!.GetValue(null)!;
        var schema = LabelStudioConfig.Parse(xml);

        var written = LabelStudioConfig.Write(schema);

        SchemaAssert.Same(schema, LabelStudioConfig.Parse(written));
    }

    [Fact]
    public void Every_schema_property_survives_a_write_and_parse()
    {
        var schema = new ProjectSchema(
            [new SchemaField("photo", FieldKind.Image, "image_url"), new SchemaField("caption", FieldKind.Text, "caption")],
            [
                new SchemaControl("objects", ControlTypes.PolygonLabels, "photo",
                    [new SchemaLabel("door", "Door", "#123456", "d", "any opening with a hinge"), new SchemaLabel("window")],
                    Multiple: true, Description: "outline the openings"),
                new SchemaControl("corners", ControlTypes.KeyPointLabels, "photo", [new SchemaLabel("corner", Hotkey: "k")]),
                new SchemaControl("kind", ControlTypes.Choices, "photo", [new SchemaLabel("inside"), new SchemaLabel("outside")],
                    PerRegion: true, Required: true),
                new SchemaControl("stars", ControlTypes.Rating, "caption", [], MaxRating: 10, Hotkey: "s"),
                new SchemaControl("note", ControlTypes.TextArea, "caption", [], Required: true),
            ]);

        var written = LabelStudioConfig.Write(schema);

        SchemaAssert.Same(schema, LabelStudioConfig.Parse(written));
    }

    [Fact]
    public void Written_config_uses_label_studio_tags_and_attributes()
    {
        var schema = LabelStudioConfig.Parse(SampleConfigs.TextEmotionAndNer);

        var view = XElement.Parse(LabelStudioConfig.Write(schema));

        Assert.Equal("View", view.Name.LocalName);
        Assert.Equal(["Text", "Choices", "Labels"], view.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("$text", view.Element("Text")!.Attribute("value")!.Value);
        var choices = view.Element("Choices")!;
        Assert.Equal("multiple", choices.Attribute("choice")!.Value);
        Assert.Equal("text", choices.Attribute("toName")!.Value);
        Assert.Equal(["喜悦", "愤怒", "悲伤"], choices.Elements("Choice").Select(c => c.Attribute("value")!.Value));
        Assert.Equal("高兴、满足", choices.Elements("Choice").First().Attribute("hint")!.Value);
        Assert.Equal(3, view.Element("Labels")!.Elements("Label").Count());
    }

    [Fact]
    public void Label_text_with_xml_special_characters_is_escaped_and_read_back()
    {
        var schema = new ProjectSchema(
            [new SchemaField("text", FieldKind.Text, "text")],
            [new SchemaControl("c", ControlTypes.Choices, "text", [new SchemaLabel("A & B <\"quoted\">")])]);

        var parsed = LabelStudioConfig.Parse(LabelStudioConfig.Write(schema));

        Assert.Equal("A & B <\"quoted\">", parsed.Controls[0].Labels[0].Value);
    }

    [Fact]
    public void Unknown_tag_is_named_with_its_line()
    {
        var error = Assert.Single(SchemaAssert.Fails(() => LabelStudioConfig.Parse("""
            <View>
              <Image name="image" value="$image"/>
              <RectangelLabels name="label" toName="image">
                <Label value="sofa"/>
              </RectangelLabels>
            </View>
            """)).Errors);

        Assert.Contains("unknown tag <RectangelLabels>", error.Message);
        Assert.Equal(3, error.Line);
        Assert.Equal("/View/RectangelLabels[1]", error.Path);
        Assert.Equal("label", error.Field);
    }

    [Fact]
    public void Label_studio_tag_that_laoshi_cannot_annotate_with_is_named_as_unsupported()
    {
        var error = Assert.Single(SchemaAssert.Fails(() => LabelStudioConfig.Parse("""
            <View>
              <Video name="video" value="$video"/>
            </View>
            """)).Errors);

        Assert.Contains("<Video> is not supported", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Control_pointing_at_a_missing_field_is_reported_at_its_line_and_attribute()
    {
        var error = Assert.Single(SchemaAssert.Fails(() => LabelStudioConfig.Parse("""
            <View>
              <Image name="image" value="$image"/>
              <View>
                <Choices name="room" toName="img">
                  <Choice value="kitchen"/>
                </Choices>
              </View>
            </View>
            """)).Errors);

        Assert.Contains("toName 'img' names no field", error.Message);
        Assert.Equal(4, error.Line);
        Assert.Equal("/View/View[1]/Choices[1]/@toName", error.Path);
        Assert.Equal("room", error.Field);
    }

    [Fact]
    public void Duplicate_hotkey_is_reported_at_the_second_label()
    {
        var error = Assert.Single(SchemaAssert.Fails(() => LabelStudioConfig.Parse("""
            <View>
              <Text name="text" value="$text"/>
              <Labels name="ner" toName="text">
                <Label value="人名" hotkey="p"/>
              </Labels>
              <Choices name="sentiment" toName="text">
                <Choice value="positive" hotkey="P"/>
              </Choices>
            </View>
            """)).Errors);

        Assert.Contains("hotkey 'P' of label 'positive' of 'sentiment' is already used by label '人名' of 'ner'", error.Message);
        Assert.Equal(7, error.Line);
        Assert.Equal("/View/Choices[1]/Choice[1]/@hotkey", error.Path);
    }

    [Fact]
    public void Malformed_xml_is_reported_with_its_line()
    {
        var error = Assert.Single(SchemaAssert.Fails(() => LabelStudioConfig.Parse("""
            <View>
              <Image name="image" value="$image">
            </View>
            """)).Errors);

        Assert.StartsWith("not valid XML", error.Message);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = SchemaAssert.Fails(() => LabelStudioConfig.Parse("""
            <View>
              <Image name="image" value="http://example.com/a.jpg"/>
              <Choices name="c" toName="image" choice="several" perRegion="yes">
                <Choice value="a"/>
                <Label value="b"/>
              </Choices>
              <Label value="loose"/>
              <Rating name="r" toName="image" maxRating="five"/>
            </View>
            """)).Errors;

        Assert.Equal(2, SchemaAssert.Error(errors, "must name an item data key").Line);
        Assert.Equal("/View/Choices[1]/@choice", SchemaAssert.Error(errors, "choice=\"several\"").Path);
        Assert.Equal(3, SchemaAssert.Error(errors, "perRegion=\"yes\" must be true or false").Line);
        Assert.Equal(5, SchemaAssert.Error(errors, "<Choices> cannot hold <Label>").Line);
        Assert.Equal(7, SchemaAssert.Error(errors, "<Label> must stand inside a control").Line);
        Assert.Equal(8, SchemaAssert.Error(errors, "maxRating=\"five\"").Line);
        Assert.Equal(6, errors.Count);
    }

    [Fact]
    public void Box_control_on_a_text_field_is_refused()
    {
        var error = Assert.Single(SchemaAssert.Fails(() => LabelStudioConfig.Parse("""
            <View>
              <Text name="text" value="$text"/>
              <RectangleLabels name="boxes" toName="text"><Label value="x"/></RectangleLabels>
            </View>
            """)).Errors);

        Assert.Contains("rectanglelabels control cannot describe the text field 'text'; it needs image", error.Message);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Control_with_several_targets_is_refused()
    {
        var errors = SchemaAssert.Fails(() => LabelStudioConfig.Parse("""
            <View>
              <Image name="a" value="$a"/>
              <Image name="b" value="$b"/>
              <Choices name="c" toName="a,b"><Choice value="x"/></Choices>
            </View>
            """)).Errors;

        Assert.Equal(4, SchemaAssert.Error(errors, "names several fields").Line);
    }

    [Fact]
    public void Root_other_than_view_is_refused()
    {
        var error = Assert.Single(SchemaAssert.Fails(() => LabelStudioConfig.Parse("<Image name=\"i\" value=\"$i\"/>")).Errors);
        Assert.Contains("must start with <View>", error.Message);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Labels_control_without_labels_is_refused()
    {
        var error = Assert.Single(SchemaAssert.Fails(() => LabelStudioConfig.Parse("""
            <View>
              <Text name="text" value="$text"/>
              <Labels name="ner" toName="text"/>
            </View>
            """)).Errors);
        Assert.Contains("needs at least one label", error.Message);
        Assert.Equal(3, error.Line);
        Assert.Equal("ner", error.Field);
    }

    [Fact]
    public void Document_type_definitions_are_refused_rather_than_expanded()
    {
        var error = Assert.Single(SchemaAssert.Fails(() => LabelStudioConfig.Parse("""
            <!DOCTYPE View [<!ENTITY big "xxxxxxxxxx">]>
            <View><Text name="t" value="$t"/><Choices name="c" toName="t"><Choice value="&big;"/></Choices></View>
            """)).Errors);
        Assert.StartsWith("not valid XML", error.Message);
    }
}

using System.Text.Json.Nodes;
using Laoshi.Core.Schema;

namespace Laoshi.Core.Tests.Schema;

public class SchemaJsonTests
{
    private const string FurnitureJson = """
        {"fields":[{"name":"image","kind":"image","value":"image"}],
         "controls":[{"name":"label","type":"rectanglelabels","toName":"image",
                      "labels":[{"value":"sofa","hotkey":"1","background":"#ff0000"}]}],
         "guideline":"# Markdown"}
        """;

    [Fact]
    public void Documented_example_reads_as_a_schema()
    {
        var schema = SchemaJson.Parse(FurnitureJson);

        Assert.Equal(new SchemaField("image", FieldKind.Image, "image"), Assert.Single(schema.Fields));
        var control = Assert.Single(schema.Controls);
        Assert.Equal(("label", ControlTypes.RectangleLabels, "image"), (control.Name, control.Type, control.ToName));
        Assert.Equal(new SchemaLabel("sofa", Background: "#ff0000", Hotkey: "1"), Assert.Single(control.Labels));
        Assert.Equal("# Markdown", schema.Guideline);
    }

    [Theory]
    [InlineData(nameof(SampleConfigs.ImageBoxesAndClass))]
    [InlineData(nameof(SampleConfigs.TextEmotionAndNer))]
    [InlineData(nameof(SampleConfigs.AudioSegmentsWithTranscript))]
    public void Schema_from_a_label_studio_config_survives_a_json_round_trip(string sample)
    {
        var xml = (string)typeof(SampleConfigs).GetField(sample)!.GetValue(null)!;
        var schema = LabelStudioConfig.Parse(xml, "# 指南\n框要紧贴物体。");

        var json = SchemaJson.Write(schema);
        var back = SchemaJson.Parse(json);

        SchemaAssert.Same(schema, back);
        Assert.Equivalent(schema, back, strict: true);
    }

    [Fact]
    public void Written_json_keeps_chinese_readable_and_leaves_defaults_out()
    {
        var schema = LabelStudioConfig.Parse(SampleConfigs.TextEmotionAndNer);

        var json = SchemaJson.Write(schema);

        Assert.Contains("\"喜悦\"", json);
        Assert.DoesNotContain("\\u", json);
        var ner = SchemaJson.ToJson(schema)["controls"]![1]!.AsObject();
        Assert.Equal(["name", "type", "toName", "labels"], ner.Select(p => p.Key));
        Assert.Equal(["value", "background", "hotkey"], ner["labels"]![0]!.AsObject().Select(p => p.Key));
        var emotion = SchemaJson.ToJson(schema)["controls"]![0]!.AsObject();
        Assert.True(emotion["multiple"]!.GetValue<bool>());
        Assert.False(SchemaJson.ToJson(schema).ContainsKey("guideline"));
    }

    [Fact]
    public void Every_property_is_written_under_its_camel_case_name()
    {
        var schema = new ProjectSchema(
            [new SchemaField("audio", FieldKind.Audio, "clip")],
            [
                new SchemaControl("speaker", ControlTypes.Labels, "audio",
                    [new SchemaLabel("A", "a", "#fff", "1", "first speaker")], Multiple: true, Hotkey: "ctrl+s", Description: "who speaks"),
                new SchemaControl("words", ControlTypes.TextArea, "audio", [], PerRegion: true, Required: true),
                new SchemaControl("clarity", ControlTypes.Rating, "audio", [], MaxRating: 3),
            ],
            "Listen twice.");

        var json = SchemaJson.ToJson(schema);

        Assert.Equal("audio", json["fields"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal("clip", json["fields"]![0]!["value"]!.GetValue<string>());
        var speaker = json["controls"]![0]!;
        Assert.Equal("ctrl+s", speaker["hotkey"]!.GetValue<string>());
        Assert.Equal("who speaks", speaker["description"]!.GetValue<string>());
        Assert.Equal("first speaker", speaker["labels"]![0]!["description"]!.GetValue<string>());
        Assert.Equal("a", speaker["labels"]![0]!["alias"]!.GetValue<string>());
        Assert.True(json["controls"]![1]!["perRegion"]!.GetValue<bool>());
        Assert.True(json["controls"]![1]!["required"]!.GetValue<bool>());
        Assert.Equal(3, json["controls"]![2]!["maxRating"]!.GetValue<int>());
        SchemaAssert.Same(schema, SchemaJson.Read(json));
    }

    [Fact]
    public void Field_without_value_reads_the_item_data_key_of_its_own_name()
    {
        var schema = SchemaJson.Parse("""
            {"fields":[{"name":"text","kind":"Text"}],
             "controls":[{"name":"c","type":"Choices","toName":"text","labels":[{"value":"yes"}]}]}
            """);
        Assert.Equal(new SchemaField("text", FieldKind.Text, "text"), schema.Fields[0]);
        Assert.Equal(ControlTypes.Choices, schema.Controls[0].Type);
    }

    [Fact]
    public void Control_naming_a_missing_field_is_reported_at_its_json_path()
    {
        var error = Assert.Single(SchemaAssert.Fails(() => SchemaJson.Parse("""
            {"fields":[{"name":"image","kind":"image"}],
             "controls":[{"name":"label","type":"rectanglelabels","toName":"image","labels":[{"value":"sofa"}]},
                         {"name":"room","type":"choices","toName":"photo","labels":[{"value":"kitchen"}]}]}
            """)).Errors);

        Assert.Equal("$.controls[1].toName", error.Path);
        Assert.Equal("room", error.Field);
        Assert.Contains("toName 'photo' names no field; fields are: image", error.Message);
    }

    [Fact]
    public void Shape_errors_are_all_reported_with_their_paths()
    {
        var errors = SchemaAssert.Fails(() => SchemaJson.Parse("""
            {"fields":[{"name":"image","kind":"video"}, 3],
             "controls":[{"type":"choices","toName":"image","multiple":"yes","labels":[{"value":1}]},
                         {"name":"r","type":"rating","toName":"image","maxRating":2.5,"per_region":true}],
             "guideline":["not", "text"]}
            """)).Errors;

        Assert.Equal("$.fields[0].kind", SchemaAssert.Error(errors, "unknown field kind 'video'").Path);
        Assert.Equal("$.fields[1]", SchemaAssert.Error(errors, "must be an object").Path);
        Assert.Equal("$.controls[0].name", SchemaAssert.Error(errors, "\"name\" is missing").Path);
        Assert.Equal("$.controls[0].multiple", SchemaAssert.Error(errors, "must be true or false, not the string \"yes\"").Path);
        Assert.Equal("$.controls[0].labels[0].value", SchemaAssert.Error(errors, "\"value\" must be a string, not 1").Path);
        Assert.Equal("$.controls[1].maxRating", SchemaAssert.Error(errors, "must be a whole number, not 2.5").Path);
        Assert.Equal("$.controls[1].per_region", SchemaAssert.Error(errors, "unknown property \"per_region\"").Path);
        Assert.Equal("$.guideline", SchemaAssert.Error(errors, "\"guideline\" must be a string, not an array").Path);
        Assert.Equal(8, errors.Count);
    }

    [Fact]
    public void Missing_sections_are_reported()
    {
        var errors = SchemaAssert.Fails(() => SchemaJson.Parse("{}")).Errors;
        Assert.Equal(["$.fields", "$.controls"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Json_that_is_not_an_object_is_refused()
    {
        var error = Assert.Single(SchemaAssert.Fails(() => SchemaJson.Parse("[1, 2]")).Errors);
        Assert.Equal("$", error.Path);
    }

    [Fact]
    public void Broken_json_is_reported_with_its_line()
    {
        var error = Assert.Single(SchemaAssert.Fails(() => SchemaJson.Parse("""
            {"fields": [
              {"name": "image", "kind": "image"},,
            ]}
            """)).Errors);
        Assert.StartsWith("not valid JSON", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Meaning_errors_come_with_paths_inside_labels()
    {
        var errors = SchemaAssert.Fails(() => SchemaJson.Parse("""
            {"fields":[{"name":"text","kind":"text"}],
             "controls":[{"name":"ner","type":"labels","toName":"text","labels":[{"value":"人名","hotkey":"1"},{"value":"人名","hotkey":"1"}]}]}
            """)).Errors;

        Assert.Equal("$.controls[0].labels[1].value", SchemaAssert.Error(errors, "label '人名' appears twice").Path);
        Assert.Equal("$.controls[0].labels[1].hotkey", SchemaAssert.Error(errors, "hotkey '1'").Path);
    }

    [Fact]
    public void Rating_without_max_gets_the_same_default_as_in_a_label_studio_config()
    {
        var schema = SchemaJson.Parse("""
            {"fields":[{"name":"audio","kind":"audio"}],"controls":[{"name":"stars","type":"rating","toName":"audio"}]}
            """);
        Assert.Equal(ControlTypes.DefaultMaxRating, schema.Controls[0].MaxRating);
        SchemaAssert.Same(schema, LabelStudioConfig.Parse(LabelStudioConfig.Write(schema)));
    }

    [Fact]
    public void Read_takes_an_already_parsed_node()
    {
        var node = JsonNode.Parse(FurnitureJson);
        SchemaAssert.Same(SchemaJson.Parse(FurnitureJson), SchemaJson.Read(node));
    }
}

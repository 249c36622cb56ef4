using Laoshi.Core.Schema;

namespace Laoshi.Core.Tests.Schema;

public class SchemaValidatorTests
{
    private static readonly SchemaField Image = new("image", FieldKind.Image, "image");
    private static readonly SchemaField Text = new("text", FieldKind.Text, "text");
    private static readonly SchemaField Audio = new("audio", FieldKind.Audio, "audio");

    private static SchemaControl Control(string name, string type, string toName, params string[] labels) =>
        new(name, type, toName, labels.Select(l => new SchemaLabel(l)).ToList());

    [Fact]
    public void Sample_configs_are_valid()
    {
        Assert.Empty(SchemaValidator.Validate(LabelStudioConfig.Parse(SampleConfigs.ImageBoxesAndClass)));
        Assert.Empty(SchemaValidator.Validate(LabelStudioConfig.Parse(SampleConfigs.TextEmotionAndNer)));
        Assert.Empty(SchemaValidator.Validate(LabelStudioConfig.Parse(SampleConfigs.AudioSegmentsWithTranscript)));
    }

    [Fact]
    public void Empty_schema_says_what_to_add()
    {
        var errors = SchemaValidator.Validate(new ProjectSchema([], []));
        Assert.Equal("$.fields", SchemaAssert.Error(errors, "no fields").Path);
        Assert.Equal("$.controls", SchemaAssert.Error(errors, "no controls").Path);
    }

    [Fact]
    public void Names_must_be_unique_across_fields_and_controls()
    {
        var errors = SchemaValidator.Validate(new ProjectSchema(
            [Image, new SchemaField("image", FieldKind.Text, "caption")],
            [Control("image", ControlTypes.Choices, "image", "a"), Control("c", ControlTypes.Choices, "image", "b"), Control("c", ControlTypes.TextArea, "image")]));

        Assert.Equal(["$.fields[1].name", "$.controls[0].name", "$.controls[2].name"],
            errors.Where(e => e.Message.Contains("used twice")).Select(e => e.Path));
    }

    [Fact]
    public void Empty_names_and_values_are_refused()
    {
        var errors = SchemaValidator.Validate(new ProjectSchema(
            [new SchemaField(" ", FieldKind.Text, "")],
            [new SchemaControl("", ControlTypes.Choices, " ", [new SchemaLabel("")])]));

        Assert.Equal("$.fields[0].name", SchemaAssert.Error(errors, "field name is empty").Path);
        Assert.Equal("$.fields[0].value", SchemaAssert.Error(errors, "field value").Path);
        Assert.Equal("$.controls[0].name", SchemaAssert.Error(errors, "control name is empty").Path);
        Assert.Equal("$.controls[0].toName", SchemaAssert.Error(errors, "toName is empty").Path);
        Assert.Equal("$.controls[0].labels[0].value", SchemaAssert.Error(errors, "label value is empty").Path);
    }

    [Theory]
    [InlineData(ControlTypes.RectangleLabels, "text")]
    [InlineData(ControlTypes.PolygonLabels, "audio")]
    [InlineData(ControlTypes.KeyPointLabels, "text")]
    [InlineData(ControlTypes.Labels, "image")]
    public void Control_that_cannot_work_on_its_field_is_refused(string type, string field)
    {
        var error = Assert.Single(SchemaValidator.Validate(new ProjectSchema([Image, Text, Audio], [Control("c", type, field, "x")])));
        Assert.Equal("$.controls[0].toName", error.Path);
        Assert.Contains($"a {type} control cannot describe the {field} field", error.Message);
    }

    [Theory]
    [InlineData(ControlTypes.RectangleLabels, "image")]
    [InlineData(ControlTypes.Labels, "text")]
    [InlineData(ControlTypes.Labels, "audio")]
    [InlineData(ControlTypes.Choices, "image")]
    [InlineData(ControlTypes.Choices, "audio")]
    public void Control_on_a_field_it_fits_is_accepted(string type, string field) =>
        Assert.Empty(SchemaValidator.Validate(new ProjectSchema([Image, Text, Audio], [Control("c", type, field, "x")])));

    [Fact]
    public void Unknown_control_type_is_refused()
    {
        var error = Assert.Single(SchemaValidator.Validate(new ProjectSchema([Image], [Control("c", "brushlabels", "image", "x")])));
        Assert.Equal("$.controls[0].type", error.Path);
        Assert.Contains("unknown control type 'brushlabels'", error.Message);
    }

    [Fact]
    public void Labels_belong_only_to_controls_that_offer_them()
    {
        var errors = SchemaValidator.Validate(new ProjectSchema([Text],
            [Control("ner", ControlTypes.Labels, "text"), Control("note", ControlTypes.TextArea, "text", "stray")]));
        Assert.Equal("$.controls[0].labels", SchemaAssert.Error(errors, "needs at least one label").Path);
        Assert.Equal("$.controls[1].labels", SchemaAssert.Error(errors, "takes no labels").Path);
    }

    [Fact]
    public void Hotkeys_must_differ_across_the_whole_schema_whatever_their_case()
    {
        var errors = SchemaValidator.Validate(new ProjectSchema([Image],
        [
            new SchemaControl("boxes", ControlTypes.RectangleLabels, "image", [new SchemaLabel("sofa", Hotkey: "s")]),
            new SchemaControl("room", ControlTypes.Choices, "image", [new SchemaLabel("study", Hotkey: "S")]),
            new SchemaControl("stars", ControlTypes.Rating, "image", [], Hotkey: "s"),
        ]));

        Assert.Equal(["$.controls[1].labels[0].hotkey", "$.controls[2].hotkey"], errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.Contains("already used by label 'sofa' of 'boxes'", e.Message));
    }

    [Fact]
    public void Alias_may_not_clash_with_another_label()
    {
        var error = Assert.Single(SchemaValidator.Validate(new ProjectSchema([Image],
            [new SchemaControl("b", ControlTypes.RectangleLabels, "image", [new SchemaLabel("table"), new SchemaLabel("coffee table", Alias: "table")])])));
        Assert.Equal("$.controls[0].labels[1].alias", error.Path);
    }

    [Fact]
    public void Per_region_and_max_rating_only_where_they_mean_something()
    {
        var errors = SchemaValidator.Validate(new ProjectSchema([Image],
        [
            new SchemaControl("boxes", ControlTypes.RectangleLabels, "image", [new SchemaLabel("x")], PerRegion: true, MaxRating: 3),
            new SchemaControl("stars", ControlTypes.Rating, "image", [], MaxRating: 0),
        ]));

        Assert.Equal("$.controls[0].perRegion", SchemaAssert.Error(errors, "perRegion applies only").Path);
        Assert.Equal("$.controls[0].maxRating", SchemaAssert.Error(errors, "maxRating applies only").Path);
        Assert.Equal("$.controls[1].maxRating", SchemaAssert.Error(errors, "at least 1").Path);
    }

    [Fact]
    public void Locator_decides_how_an_error_is_placed()
    {
        var errors = SchemaValidator.Validate(
            new ProjectSchema([Image], [Control("c", ControlTypes.Choices, "nowhere", "x")]),
            (site, message, field) => new Laoshi.Core.Errors.InputError(message, File: "rules.xml", Line: 10 + site.Index, Field: field));

        var error = Assert.Single(errors);
        Assert.Equal(("rules.xml", 10L, "c"), (error.File, error.Line, error.Field));
    }
}

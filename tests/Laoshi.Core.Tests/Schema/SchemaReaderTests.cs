using Laoshi.Core.Schema;

namespace Laoshi.Core.Tests.Schema;

public class SchemaReaderTests
{
    [Fact]
    public void Xml_text_is_read_as_a_label_studio_config()
    {
        var schema = SchemaReader.Parse("\n  " + SampleConfigs.ImageBoxesAndClass, "guide");
        SchemaAssert.Same(LabelStudioConfig.Parse(SampleConfigs.ImageBoxesAndClass, "guide"), schema);
    }

    [Fact]
    public void Json_text_with_a_byte_order_mark_is_read_as_laoshi_json()
    {
        var json = SchemaJson.Write(LabelStudioConfig.Parse(SampleConfigs.TextEmotionAndNer));
        var schema = SchemaReader.Parse("\uFEFF" + json);
        SchemaAssert.Same(LabelStudioConfig.Parse(SampleConfigs.TextEmotionAndNer), schema);
    }

    [Fact]
    public void A_separate_guideline_fills_in_but_does_not_replace_the_json_one()
    {
        var withGuideline = SchemaJson.Write(LabelStudioConfig.Parse(SampleConfigs.AudioSegmentsWithTranscript, "inside"));
        var without = SchemaJson.Write(LabelStudioConfig.Parse(SampleConfigs.AudioSegmentsWithTranscript));

        Assert.Equal("inside", SchemaReader.Parse(withGuideline, "outside").Guideline);
        Assert.Equal("outside", SchemaReader.Parse(without, "outside").Guideline);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("fields: []")]
    public void Text_in_neither_form_is_refused(string text)
    {
        var error = Assert.Single(SchemaAssert.Fails(() => SchemaReader.Parse(text)).Errors);
        Assert.Contains("schema", error.Message);
    }

    [Fact]
    public void Errors_name_the_file_when_it_is_given()
    {
        var xml = SchemaAssert.Fails(() => SchemaReader.Parse("<View><Video name=\"v\" value=\"$v\"/></View>", file: "rules.xml")).Errors;
        Assert.Equal(("rules.xml", 1L), (Assert.Single(xml).File, Assert.Single(xml).Line));

        var json = SchemaAssert.Fails(() => SchemaReader.Parse("{\"fields\":[]}", file: "rules.json")).Errors;
        Assert.All(json, e => Assert.Equal("rules.json", e.File));
        Assert.Contains("rules.json, $.controls:", SchemaAssert.Fails(() => SchemaJson.Parse("{\"fields\":[]}", "rules.json")).Message);
    }
}

using System.Text.Json.Nodes;
using Laoshi.Core.Schema;
using Laoshi.Server.Evaluation;

namespace Laoshi.Server.Tests;

/// <summary>Which slices an item falls in, and which dimensions are kept as slices.</summary>
public sealed class ItemSlicesTests
{
    private static readonly ProjectSchema Schema = new(
        [new SchemaField("text", FieldKind.Text, "text"), new SchemaField("image", FieldKind.Image, "image")],
        [new SchemaControl("emotion", ControlTypes.Choices, "text", [new SchemaLabel("joy")])]);

    [Fact]
    public void Metadata_fields_nested_fields_tags_and_text_length_buckets_become_slices_but_content_fields_do_not()
    {
        var data = new JsonObject
        {
            ["text"] = new string('字', 60),
            ["image"] = "/api/v1/blobs/abc",
            ["source"] = "web",
            ["rating"] = 4,
            ["meta"] = new JsonObject { ["lang"] = "zh", ["long"] = new string('x', 200) },
            ["tags"] = new JsonArray("hard", "hard", "night"),
        };
        Assert.Equal(
            [("length(text)", "51-100"), ("source", "web"), ("rating", "4"), ("meta.lang", "zh"), ("tag", "hard"), ("tag", "night")],
            ItemSlices.Of(data, Schema).ToList());
    }

    [Theory]
    [InlineData(0, "0-20")]
    [InlineData(20, "0-20")]
    [InlineData(21, "21-50")]
    [InlineData(1000, "501-1000")]
    [InlineData(1001, "1001+")]
    public void Length_buckets_are_inclusive_ranges_of_characters(int length, string bucket) =>
        Assert.Equal(bucket, ItemSlices.LengthBucket(length));

    [Fact]
    public void A_dimension_with_too_many_values_or_a_single_value_is_no_slice()
    {
        var collector = new SliceCollector();
        for (var i = 0; i < SliceCollector.MaxValues + 5; i++)
            collector.Add(i, [("id_like", $"v{i}"), ("source", i % 2 == 0 ? "web" : "app"), ("everywhere", "same")]);
        Assert.Equal([("source", "web"), ("source", "app")], collector.Slices().Select(s => (s.Dimension, s.Value)).ToList());
    }
}

namespace Laoshi.Bench;

/// <summary>The Label Studio labeling configs the benchmark projects are created from.</summary>
public static class Schemas
{
    /// <summary>Text items with an emotion choice and person/place spans.</summary>
    public const string Text = """
        <View>
          <Text name="text" value="$text"/>
          <Choices name="sentiment" toName="text" choice="single">
            <Choice value="positive"/>
            <Choice value="negative"/>
            <Choice value="neutral"/>
          </Choices>
          <Labels name="ner" toName="text">
            <Label value="PER"/>
            <Label value="LOC"/>
          </Labels>
        </View>
        """;

    /// <summary>Images with boxes.</summary>
    public const string Image = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="box" toName="image">
            <Label value="sofa"/>
            <Label value="table"/>
            <Label value="lamp"/>
          </RectangleLabels>
        </View>
        """;
}

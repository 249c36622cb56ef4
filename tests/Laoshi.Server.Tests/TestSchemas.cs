namespace Laoshi.Server.Tests;

public static class TestSchemas
{
    public const string TextConfig = """
        <View>
          <Text name="text" value="$text"/>
          <Choices name="emotion" toName="text" choice="single">
            <Choice value="joy" hotkey="j"/>
            <Choice value="sadness" hotkey="s"/>
          </Choices>
          <Labels name="entities" toName="text">
            <Label value="PER" hotkey="p"/>
            <Label value="LOC" hotkey="l"/>
          </Labels>
        </View>
        """;

    public const string ImageConfig = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="box" toName="image">
            <Label value="sofa" hotkey="1"/>
            <Label value="lamp" hotkey="2"/>
          </RectangleLabels>
        </View>
        """;
}

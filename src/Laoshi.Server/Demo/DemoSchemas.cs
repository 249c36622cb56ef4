namespace Laoshi.Server.Demo;

/// <summary>
/// The annotation rules of the three demo projects, written as Label Studio configs so the demo
/// also shows that such configs work unchanged.
/// </summary>
public static class DemoSchemas
{
    public const string RoomObjects = """
        <View>
          <Header value="Mark the furniture, then say which room it is"/>
          <Image name="image" value="$image" zoom="true"/>
          <RectangleLabels name="furniture" toName="image">
            <Label value="sofa" background="#d62728" hotkey="1"/>
            <Label value="carpet" background="#2ca02c" hotkey="2"/>
            <Label value="coffee table" background="#1f77b4" hotkey="3"/>
            <Label value="lamp" background="#ff7f0e" hotkey="4"/>
          </RectangleLabels>
          <Choices name="room" toName="image" choice="single" required="true">
            <Choice value="living room" hotkey="l"/>
            <Choice value="bedroom" hotkey="b"/>
            <Choice value="office" hotkey="o"/>
          </Choices>
        </View>
        """;

    public const string EmotionAndEntities = """
        <View>
          <Text name="text" value="$text"/>
          <Choices name="emotion" toName="text" choice="single" required="true">
            <Choice value="joy" alias="喜悦" hotkey="j"/>
            <Choice value="sadness" alias="悲伤" hotkey="s"/>
            <Choice value="anger" alias="愤怒" hotkey="a"/>
            <Choice value="fear" alias="恐惧" hotkey="f"/>
            <Choice value="surprise" alias="惊讶" hotkey="u"/>
            <Choice value="neutral" alias="中性" hotkey="n"/>
          </Choices>
          <Labels name="entities" toName="text">
            <Label value="PER" background="#9467bd" hotkey="p"/>
            <Label value="ORG" background="#8c564b" hotkey="g"/>
            <Label value="LOC" background="#17becf" hotkey="c"/>
          </Labels>
        </View>
        """;

    public const string TonesAndTranscripts = """
        <View>
          <Audio name="audio" value="$audio"/>
          <Labels name="segment" toName="audio">
            <Label value="digits" background="#1f77b4" hotkey="d"/>
            <Label value="noise" background="#7f7f7f" hotkey="x"/>
          </Labels>
          <TextArea name="transcript" toName="audio" perRegion="true" placeholder="digits heard in the segment"/>
        </View>
        """;
}

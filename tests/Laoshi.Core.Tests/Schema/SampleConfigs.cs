namespace Laoshi.Core.Tests.Schema;

/// <summary>Label Studio configs of the kind people really write, one per kind of work Laoshi serves.</summary>
internal static class SampleConfigs
{
    /// <summary>Furniture boxes plus a class for the whole photo.</summary>
    public const string ImageBoxesAndClass = """
        <View>
          <Header value="Draw a box round every piece of furniture"/>
          <Image name="image" value="$image" zoom="true" zoomControl="true"/>
          <RectangleLabels name="label" toName="image" strokeWidth="3">
            <Label value="sofa" background="#FF0000" hotkey="1"/>
            <Label value="carpet" background="#00FF00" hotkey="2"/>
            <Label value="coffee table" alias="table" background="#0000FF" hotkey="3" hint="low table in front of the sofa"/>
          </RectangleLabels>
          <Choices name="room" toName="image" choice="single-radio" required="true" showInline="true">
            <Choice value="living room" hotkey="l"/>
            <Choice value="bedroom" hotkey="b"/>
          </Choices>
        </View>
        """;

    /// <summary>Emotion of a Chinese sentence plus named entities, laid out in nested Views.</summary>
    public const string TextEmotionAndNer = """
        <View style="display: flex;">
          <Style>.lsf-main-content { padding: 0 }</Style>
          <View style="width: 60%">
            <Header value="句子"/>
            <Text name="text" value="$text" granularity="word"/>
          </View>
          <View>
            <View>
              <Header value="情感"/>
              <Choices name="emotion" toName="text" choice="multiple" showInLine="true">
                <Choice value="喜悦" hint="高兴、满足"/>
                <Choice value="愤怒"/>
                <Choice value="悲伤"/>
              </Choices>
            </View>
            <Labels name="ner" toName="text">
              <Label value="人名" background="red" hotkey="p"/>
              <Label value="地名" background="blue" hotkey="d"/>
              <Label value="机构" background="#FFA39E"/>
            </Labels>
          </View>
        </View>
        """;

    /// <summary>Speaker segments with a transcript per segment, and a rating for the clip.</summary>
    public const string AudioSegmentsWithTranscript = """
        <View>
          <AudioPlus name="audio" value="$audio"/>
          <Labels name="speaker" toName="audio">
            <Label value="Speaker 1" hotkey="1"/>
            <Label value="Speaker 2" hotkey="2"/>
          </Labels>
          <TextArea name="transcription" toName="audio" rows="2" editable="true" perRegion="true" required="true"/>
          <Rating name="quality" toName="audio" maxRating="4" icon="star" size="medium"/>
        </View>
        """;
}

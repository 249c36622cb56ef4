// Starting points for a new project: Label Studio labeling configs (XML), which the server reads as schemas.

export interface Template { id: string; config: string }

export const templates: Template[] = [
  {
    id: "imageBoxes",
    config: `<View>
  <Image name="image" value="$image" zoom="true"/>
  <RectangleLabels name="box" toName="image">
    <Label value="person" background="#d62728" hotkey="1"/>
    <Label value="car" background="#1f77b4" hotkey="2"/>
    <Label value="bicycle" background="#2ca02c" hotkey="3"/>
  </RectangleLabels>
</View>`,
  },
  {
    id: "imageClass",
    config: `<View>
  <Image name="image" value="$image"/>
  <Choices name="class" toName="image" choice="single" required="true">
    <Choice value="cat" hotkey="c"/>
    <Choice value="dog" hotkey="d"/>
    <Choice value="other" hotkey="o"/>
  </Choices>
</View>`,
  },
  {
    id: "polygons",
    config: `<View>
  <Image name="image" value="$image" zoom="true"/>
  <PolygonLabels name="shape" toName="image">
    <Label value="road" background="#7f7f7f" hotkey="r"/>
    <Label value="building" background="#8c564b" hotkey="b"/>
    <Label value="tree" background="#2ca02c" hotkey="t"/>
  </PolygonLabels>
</View>`,
  },
  {
    id: "keypoints",
    config: `<View>
  <Image name="image" value="$image" zoom="true"/>
  <KeyPointLabels name="point" toName="image">
    <Label value="left eye" background="#1f77b4" hotkey="l"/>
    <Label value="right eye" background="#ff7f0e" hotkey="r"/>
    <Label value="nose" background="#d62728" hotkey="n"/>
  </KeyPointLabels>
</View>`,
  },
  {
    id: "textClass",
    config: `<View>
  <Text name="text" value="$text"/>
  <Choices name="topic" toName="text" choice="single" required="true">
    <Choice value="sports" hotkey="s"/>
    <Choice value="politics" hotkey="p"/>
    <Choice value="technology" hotkey="t"/>
  </Choices>
</View>`,
  },
  {
    id: "emotion",
    config: `<View>
  <Text name="text" value="$text"/>
  <Choices name="emotion" toName="text" choice="single" required="true">
    <Choice value="joy" alias="喜悦" hotkey="j"/>
    <Choice value="sadness" alias="悲伤" hotkey="s"/>
    <Choice value="anger" alias="愤怒" hotkey="a"/>
    <Choice value="fear" alias="恐惧" hotkey="f"/>
    <Choice value="neutral" alias="中性" hotkey="n"/>
  </Choices>
</View>`,
  },
  {
    id: "ner",
    config: `<View>
  <Text name="text" value="$text"/>
  <Labels name="entities" toName="text">
    <Label value="PER" background="#9467bd" hotkey="p"/>
    <Label value="ORG" background="#8c564b" hotkey="g"/>
    <Label value="LOC" background="#2ca02c" hotkey="l"/>
  </Labels>
</View>`,
  },
  {
    id: "audio",
    config: `<View>
  <Audio name="audio" value="$audio"/>
  <Labels name="segment" toName="audio">
    <Label value="speech" background="#1f77b4" hotkey="s"/>
    <Label value="noise" background="#7f7f7f" hotkey="x"/>
  </Labels>
  <TextArea name="transcript" toName="audio" perRegion="true"/>
</View>`,
  },
];

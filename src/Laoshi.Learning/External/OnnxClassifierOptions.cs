namespace Laoshi.Learning.External;

/// <summary>
/// How to ask an ONNX classifier. Labels name the output columns in order. Image inputs take their size from the
/// model when it is fixed, else from ImageWidth/ImageHeight.
/// </summary>
public sealed record OnnxClassifierOptions(
    IReadOnlyList<string> Labels,
    ModelTarget Target,
    string InputField,
    OnnxInputKind InputKind = OnnxInputKind.Image,
    int? ImageWidth = null,
    int? ImageHeight = null,
    ImagePreprocessing? Preprocessing = null,
    ScoreActivation Activation = ScoreActivation.Auto);

namespace Laoshi.Learning.External;

/// <summary>
/// How to ask a YOLO-style ONNX detector: its square-or-not input size (images are letterboxed into it), the label of
/// each class index, and the non-maximum suppression settings. Both output layouts are read: [1, boxes, 5 + classes]
/// (YOLOv5: cx, cy, w, h, objectness, class scores) and [1, 4 + classes, boxes] (YOLOv8 and later: no objectness).
/// </summary>
public sealed record OnnxDetectorOptions(
    IReadOnlyList<string> Labels,
    ModelTarget Target,
    string InputField,
    int InputWidth = 640,
    int InputHeight = 640,
    double ConfidenceThreshold = 0.25,
    double IouThreshold = 0.45,
    int MaxDetections = 300,
    bool ClassAgnosticNms = false,
    ImagePreprocessing? Preprocessing = null);

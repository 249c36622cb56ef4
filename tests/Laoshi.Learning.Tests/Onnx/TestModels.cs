namespace Laoshi.Learning.Tests.Onnx;

/// <summary>The tiny models the tests run, each small enough to reason about by hand.</summary>
public static class TestModels
{
    /// <summary>
    /// features[N,4] → logits[N,3] = features × W + B, W picking feature 0, 1 and 2 for classes 0, 1 and 2: the class
    /// is whichever of the first three features is largest.
    /// </summary>
    public static byte[] FeatureClassifier() => new TinyOnnx()
        .Input("features", -1, 4)
        .Initializer("W", [4, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0])
        .Initializer("B", [3], [0, 0, 0])
        .Node("Gemm", ["features", "W", "B"], ["logits"])
        .Output("logits", -1, 3)
        .ToModel();

    /// <summary>
    /// image[N,3,8,8] → mean colour per channel → [red − blue, blue − red] → softmax: says "red" for reddish
    /// images and "blue" for bluish ones, with probabilities already normalised by a Softmax node.
    /// </summary>
    public static byte[] ColourClassifier() => new TinyOnnx()
        .Input("image", -1, 3, 8, 8)
        .Initializer("W", [3, 2], [4, -4, 0, 0, -4, 4])
        .Initializer("B", [2], [0, 0])
        .Node("GlobalAveragePool", ["image"], ["pooled"])
        .Node("Flatten", ["pooled"], ["flat"], TinyOnnx.IntAttribute("axis", 1))
        .Node("Gemm", ["flat", "W", "B"], ["logits"])
        .Node("Softmax", ["logits"], ["probabilities"], TinyOnnx.IntAttribute("axis", 1))
        .Output("probabilities", -1, 2)
        .ToModel();

    /// <summary>
    /// A detector whose raw output is fixed (the image only enters through a multiplication by zero, so the graph
    /// still reads it): image[1,3,size,size] → boxes, in YOLOv5 layout [1, boxes, 5 + classes] or, transposed,
    /// YOLOv8's [1, 4 + classes, boxes].
    /// </summary>
    public static byte[] FixedDetector(int size, float[][] boxes, bool yolov8Layout)
    {
        var attributes = boxes[0].Length;
        var values = new float[boxes.Length * attributes];
        for (var b = 0; b < boxes.Length; b++)
            for (var a = 0; a < attributes; a++)
                values[yolov8Layout ? a * boxes.Length + b : b * attributes + a] = boxes[b][a];
        long[] shape = yolov8Layout ? [1, attributes, boxes.Length] : [1, boxes.Length, attributes];
        return new TinyOnnx()
            .Input("images", 1, 3, size, size)
            .Initializer("zero", [], [0])
            .Node("Constant", [], ["raw"], TinyOnnx.TensorAttribute("value", shape, values))
            .Node("ReduceMean", ["images"], ["mean"], TinyOnnx.IntAttribute("keepdims", 0))
            .Node("Mul", ["mean", "zero"], ["nothing"])
            .Node("Add", ["raw", "nothing"], ["output0"])
            .Output("output0", shape)
            .ToModel();
    }
}

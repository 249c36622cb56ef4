namespace Laoshi.Learning.External;

/// <summary>What an ONNX model's input is made from.</summary>
public enum OnnxInputKind
{
    /// <summary>An image field: decoded, resized and scaled into an N×3×H×W tensor (RGB).</summary>
    Image,
    /// <summary>A data field holding a JSON array of numbers (features) that fills one row of the input.</summary>
    Tensor,
}

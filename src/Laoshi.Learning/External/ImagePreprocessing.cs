namespace Laoshi.Learning.External;

/// <summary>
/// How pixels become input values: value = (pixel × Scale − Mean[c]) / Std[c] per RGB channel. The defaults (scale
/// 1/255, mean 0, std 1) are what YOLO exports expect; ImageNet classifiers want mean (0.485, 0.456, 0.406) and
/// std (0.229, 0.224, 0.225).
/// </summary>
public sealed record ImagePreprocessing(double Scale = 1.0 / 255, IReadOnlyList<double>? Mean = null, IReadOnlyList<double>? Std = null)
{
    public static ImagePreprocessing Default { get; } = new();

    public float Apply(byte pixel, int channel)
    {
        var mean = Mean is { Count: 3 } m ? m[channel] : 0;
        var std = Std is { Count: 3 } s ? s[channel] : 1;
        return (float)((pixel * Scale - mean) / std);
    }
}

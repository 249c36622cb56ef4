using Laoshi.Learning.External;
using Microsoft.ML.OnnxRuntime;

namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>
/// Image features from the ResNet18 shipped in the Microsoft.ML.DnnImageFeaturizer.ResNet18 package: its build copies
/// DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx and DnnImageModels/ResNet18Onnx/ResNet18.onnx next to the
/// program. The image is stretched to 224×224 and given as B, G, R planes of 0..255 values (the preprocessing model
/// subtracts an ImageNet mean image whose channel means, 103/116/123, are BGR's, and does no scaling); the network's
/// global average pool gives 512 numbers. Both graphs take one image at a time. Thread-safe; load it once per process.
/// </summary>
public sealed class ResNet18Featurizer : IDisposable
{
    public const string NetworkName = "resnet18";
    public const int Dimension = 512;
    private const int Side = 224;

    private static readonly ImagePreprocessing RawPixels = new(Scale: 1);

    private readonly InferenceSession _preprocess;
    private readonly InferenceSession _network;

    /// <param name="modelsDirectory">The DnnImageModels folder; by default the one next to the program.</param>
    public ResNet18Featurizer(string? modelsDirectory = null)
    {
        var folder = modelsDirectory ?? Path.Combine(AppContext.BaseDirectory, "DnnImageModels");
        var preprocessPath = Path.Combine(folder, "ResNetPrepOnnx", "ResNetPreprocess.onnx");
        var networkPath = Path.Combine(folder, "ResNet18Onnx", "ResNet18.onnx");
        foreach (var path in new[] { preprocessPath, networkPath })
            if (!File.Exists(path))
                throw new FileNotFoundException(
                    $"the ResNet18 model file {path} is missing; the Microsoft.ML.DnnImageFeaturizer.ResNet18 package copies it into the build output", path);
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        _preprocess = new InferenceSession(preprocessPath, options);
        try
        {
            _network = new InferenceSession(networkPath, options);
        }
        catch
        {
            _preprocess.Dispose();
            throw;
        }
    }

    /// <summary>The 512 pooled features of one encoded image (PNG, JPEG, ...).</summary>
    public float[] Featurize(Stream encodedImage, string reference, CancellationToken cancellationToken)
    {
        var pixels = new float[3 * Side * Side];
        LetterboxedImage.Draw(encodedImage, reference, Side, Side, keepAspect: false, RawPixels, pixels);
        // Draw writes R, G, B planes; the network wants B, G, R.
        var plane = Side * Side;
        for (var i = 0; i < plane; i++) (pixels[i], pixels[2 * plane + i]) = (pixels[2 * plane + i], pixels[i]);
        long[] shape = [1, 3, Side, Side];
        using var runOptions = new RunOptions();
        using var cancel = cancellationToken.Register(() => runOptions.Terminate = true);
        using var input = OrtValue.CreateTensorValueFromMemory(pixels, shape);
        using var prepared = _preprocess.Run(runOptions, [_preprocess.InputNames[0]], [input], [_preprocess.OutputNames[0]]);
        using var features = _network.Run(runOptions, [_network.InputNames[0]], [prepared[0]], [_network.OutputNames[0]]);
        cancellationToken.ThrowIfCancellationRequested();
        return features[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose()
    {
        _preprocess.Dispose();
        _network.Dispose();
    }
}

using Laoshi.Core.Errors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Laoshi.Learning.External;

/// <summary>
/// An ONNX session with the one float input and the first output a classifier or detector uses, and the shapes the
/// model declares (−1 where a dimension is dynamic). Run is thread-safe, so one session serves concurrent callers.
/// </summary>
public sealed class OnnxGraph : IDisposable
{
    private readonly InferenceSession _session;

    private OnnxGraph(InferenceSession session, string source)
    {
        _session = session;
        if (session.InputMetadata.Count != 1)
            throw new BadInputException($"{source}: the model has {session.InputMetadata.Count} inputs; Laoshi runs models with exactly one", field: "file");
        var (inputName, input) = session.InputMetadata.First();
        if (input.ElementDataType != TensorElementType.Float)
            throw new BadInputException($"{source}: the input '{inputName}' is {input.ElementDataType}; Laoshi feeds float tensors", field: "file");
        InputName = inputName;
        InputShape = input.Dimensions;
        var (outputName, output) = session.OutputMetadata.First();
        OutputName = outputName;
        OutputShape = output.Dimensions;
    }

    public string InputName { get; }
    public IReadOnlyList<int> InputShape { get; }
    public string OutputName { get; }
    public IReadOnlyList<int> OutputShape { get; }

    /// <summary>Loads a model; an unreadable file is a bad input naming the file.</summary>
    public static OnnxGraph Load(byte[] model, string source)
    {
        InferenceSession session;
        try
        {
            using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
            session = new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new BadInputException($"{source} is not an ONNX model ONNX Runtime can load: {e.Message}", field: "file");
        }
        try
        {
            return new OnnxGraph(session, source);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Runs the model on one input tensor; returns the first output's values and shape.</summary>
    public (float[] Values, long[] Shape) Run(float[] input, long[] shape)
    {
        try
        {
            using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, [InputName], [value], [OutputName]);
            var output = outputs[0];
            return (output.GetTensorDataAsSpan<float>().ToArray(), output.GetTensorTypeAndShape().Shape);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelBackendException($"the ONNX model failed on an input of shape [{string.Join(", ", shape)}]: {e.Message}", e);
        }
    }

    public void Dispose() => _session.Dispose();
}

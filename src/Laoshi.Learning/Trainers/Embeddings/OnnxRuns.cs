using Microsoft.ML.OnnxRuntime;

namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>
/// A network run that a cancellation stops (through RunOptions.Terminate): ONNX Runtime then fails with its own
/// exception, which callers should see as the cancellation it is.
/// </summary>
internal static class OnnxRuns
{
    public static T Cancellable<T>(Func<T> run, CancellationToken cancellationToken) where T : IDisposable
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var result = run();
            if (!cancellationToken.IsCancellationRequested) return result;
            result.Dispose();
            throw new OperationCanceledException(cancellationToken);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }
}

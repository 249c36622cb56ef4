namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>
/// Hands progress straight to a callback on the reporting thread; Progress&lt;T&gt; would post reports to the thread
/// pool, where they can arrive out of order or after training has finished.
/// </summary>
internal sealed class ProgressRelay(Action<double> report) : IProgress<double>
{
    public void Report(double value) => report(value);
}

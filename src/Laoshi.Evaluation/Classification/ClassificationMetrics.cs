namespace Laoshi.Evaluation.Classification;

/// <summary>Accuracy, precision/recall/F1 (per class, macro, micro, weighted, samples), confusion, ROC/PR AUC and ECE.</summary>
public static class ClassificationMetrics
{
    public static ClassificationReport Compute(IEnumerable<ClassificationCase> cases, ClassificationOptions? options = null)
    {
        var accumulator = new ClassificationAccumulator(options);
        foreach (var item in cases) accumulator.Add(item);
        return accumulator.Build();
    }
}

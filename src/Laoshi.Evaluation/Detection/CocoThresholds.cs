namespace Laoshi.Evaluation.Detection;

/// <summary>Threshold lists built exactly as numpy.linspace builds them, so that ties at a threshold fall the same way as in pycocotools.</summary>
public static class CocoThresholds
{
    public static double[] Linspace(double start, double stop, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var step = (stop - start) / (count - 1);
        var values = new double[count];
        for (var i = 0; i < count; i++) values[i] = i * step + start;
        values[^1] = stop;
        return values;
    }
}

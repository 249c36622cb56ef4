namespace Laoshi.Learning.External;

/// <summary>Turns a row of classifier outputs into probabilities.</summary>
internal static class Softmax
{
    public static double[] Probabilities(ReadOnlySpan<float> row, ScoreActivation activation)
    {
        var result = new double[row.Length];
        if (activation == ScoreActivation.None || (activation == ScoreActivation.Auto && IsDistribution(row)))
        {
            for (var i = 0; i < row.Length; i++) result[i] = row[i];
            return result;
        }
        double max = double.NegativeInfinity, sum = 0;
        foreach (var v in row) max = Math.Max(max, v);
        for (var i = 0; i < row.Length; i++) sum += result[i] = Math.Exp(row[i] - max);
        for (var i = 0; i < row.Length; i++) result[i] /= sum;
        return result;
    }

    private static bool IsDistribution(ReadOnlySpan<float> row)
    {
        double sum = 0;
        foreach (var v in row)
        {
            if (v < 0 || v > 1) return false;
            sum += v;
        }
        return Math.Abs(sum - 1) < 1e-3;
    }
}

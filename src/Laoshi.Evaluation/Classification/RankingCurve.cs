namespace Laoshi.Evaluation.Classification;

/// <summary>
/// ROC AUC (trapezoids over every distinct threshold, as sklearn's roc_auc_score), average precision (sklearn's
/// average_precision_score: the sum of precision times the recall gained at each threshold) and thinned curves.
/// </summary>
internal sealed record RankingCurve(double? RocAuc, double? AveragePrecision, IReadOnlyList<RocPoint> Roc, IReadOnlyList<PrPoint> Pr)
{
    /// <param name="positives">scores of items that have the class, ascending</param>
    /// <param name="negatives">scores of items that do not, ascending</param>
    public static RankingCurve Walk(ReadOnlySpan<double> positives, ReadOnlySpan<double> negatives, int curvePoints)
    {
        long p = positives.Length, n = negatives.Length;
        // First walk: the areas, exactly in integers until the last division, and how many thresholds there are.
        long truePositives = 0, falsePositives = 0, twiceArea = 0, steps = 0;
        double precisionSum = 0;
        int i = positives.Length - 1, j = negatives.Length - 1;
        while (i >= 0 || j >= 0)
        {
            var threshold = Next(positives, negatives, i, j);
            long gainedPositives = 0, gainedNegatives = 0;
            while (i >= 0 && positives[i] == threshold) { i--; gainedPositives++; }
            while (j >= 0 && negatives[j] == threshold) { j--; gainedNegatives++; }
            twiceArea += gainedNegatives * (2 * truePositives + gainedPositives);
            truePositives += gainedPositives;
            falsePositives += gainedNegatives;
            if (gainedPositives > 0) precisionSum += gainedPositives * ((double)truePositives / (truePositives + falsePositives));
            steps++;
        }
        double? roc = p > 0 && n > 0 ? twiceArea / (2.0 * p * n) : null;
        double? averagePrecision = p > 0 ? precisionSum / p : null;

        // Second walk: every stride-th threshold (and the last) as a drawable point.
        var stride = Math.Max(1, (long)Math.Ceiling(steps / (double)Math.Max(1, curvePoints - 1)));
        var rocPoints = new List<RocPoint> { new(0, 0, double.PositiveInfinity) };
        var prPoints = new List<PrPoint>();
        truePositives = falsePositives = 0;
        long step = 0;
        i = positives.Length - 1;
        j = negatives.Length - 1;
        while (i >= 0 || j >= 0)
        {
            var threshold = Next(positives, negatives, i, j);
            while (i >= 0 && positives[i] == threshold) { i--; truePositives++; }
            while (j >= 0 && negatives[j] == threshold) { j--; falsePositives++; }
            step++;
            if (step % stride != 0 && step != steps) continue;
            rocPoints.Add(new RocPoint(n > 0 ? (double)falsePositives / n : 0, p > 0 ? (double)truePositives / p : 0, threshold));
            prPoints.Add(new PrPoint(p > 0 ? (double)truePositives / p : 0, (double)truePositives / (truePositives + falsePositives), threshold));
        }
        return new RankingCurve(roc, averagePrecision, rocPoints, prPoints);
    }

    private static double Next(ReadOnlySpan<double> positives, ReadOnlySpan<double> negatives, int i, int j) =>
        i < 0 ? negatives[j] : j < 0 ? positives[i] : Math.Max(positives[i], negatives[j]);
}

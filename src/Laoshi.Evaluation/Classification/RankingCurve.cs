using System.Runtime.CompilerServices;

namespace Laoshi.Evaluation.Classification;

/// <summary>
/// ROC AUC (trapezoids over every distinct threshold, as sklearn's roc_auc_score), average precision (sklearn's
/// average_precision_score: the sum of precision times the recall gained at each threshold) and thinned curves.
/// </summary>
internal sealed record RankingCurve(double? RocAuc, double? AveragePrecision, IReadOnlyList<RocPoint> Roc, IReadOnlyList<PrPoint> Pr)
{
    /// <summary>Two walks over the thresholds from the highest down: the areas first, then the thinned curve points.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RankingCurve Walk<T>(T thresholds, long p, long n, int curvePoints) where T : struct, IThresholds
    {
        // First walk: the areas, exactly in integers until the last division, and how many thresholds there are.
        long truePositives = 0, falsePositives = 0, twiceArea = 0, steps = 0;
        double precisionSum = 0;
        while (thresholds.Next(out _, out var gainedPositives, out var gainedNegatives))
        {
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
        thresholds.Reset();
        while (thresholds.Next(out var threshold, out var gainedPositives, out var gainedNegatives))
        {
            truePositives += gainedPositives;
            falsePositives += gainedNegatives;
            step++;
            if (step % stride != 0 && step != steps) continue;
            rocPoints.Add(new RocPoint(n > 0 ? (double)falsePositives / n : 0, p > 0 ? (double)truePositives / p : 0, threshold));
            prPoints.Add(new PrPoint(p > 0 ? (double)truePositives / p : 0, (double)truePositives / (truePositives + falsePositives), threshold));
        }
        return new RankingCurve(roc, averagePrecision, rocPoints, prPoints);
    }
}

using System.Runtime.CompilerServices;
using Laoshi.Core.Errors;

namespace Laoshi.Evaluation.Classification;

/// <summary>
/// Classification metrics over a stream of cases: counts per class, a confusion matrix and (when scores are given)
/// one score per case and class, so ten million cases need no more than their scores in memory. Not thread-safe.
/// </summary>
public sealed class ClassificationAccumulator
{
    private readonly ClassificationOptions options;
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly List<string> names = [];
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> byChars;
    private long[] truePositives = new long[8];
    private long[] falsePositives = new long[8];
    private long[] falseNegatives = new long[8];
    private bool[] mentioned = new bool[8];
    private ScoreColumn?[] columns = new ScoreColumn?[8];
    private long[] confusion = new long[64];
    private int confusionSide = 8;
    private readonly CalibrationBins topLabel;
    private long items, exact;
    private bool sawSeveral;
    // Exact sums: the same figures whatever order the cases come in, and whichever accumulators they were split over.
    private readonly ExactSum samplePrecision = new(), sampleRecall = new(), sampleF1 = new();
    private int[] truthScratch = new int[4];
    private int[] predictedScratch = new int[4];

    public ClassificationAccumulator(ClassificationOptions? options = null)
    {
        this.options = options ?? new ClassificationOptions();
        if (this.options.CalibrationBins < 1) throw new BadInputException("needs at least one calibration bin", field: "calibration_bins");
        byChars = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        topLabel = new CalibrationBins(this.options.CalibrationBins);
        foreach (var label in this.options.Labels) mentioned[Id(label)] = true;
    }

    public long Count => items;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ClassificationCase item)
    {
        var truth = Ids(item.Truth, ref truthScratch);
        var predicted = Ids(item.Predicted, ref predictedScratch);
        if (item.Scores is null || item.Scores.Count == 0)
        {
            Add(item.Item, truth, predicted, [], []);
            return;
        }
        Span<int> scoreIds = item.Scores.Count <= 64 ? stackalloc int[item.Scores.Count] : new int[item.Scores.Count];
        Span<double> scores = item.Scores.Count <= 64 ? stackalloc double[item.Scores.Count] : new double[item.Scores.Count];
        var k = 0;
        foreach (var (label, score) in item.Scores)
        {
            scoreIds[k] = Id(label);
            scores[k++] = score;
        }
        Add(item.Item, truth, predicted, scoreIds, scores);
    }

    /// <summary>
    /// The id of a label, made on first sight: intern each label once, then add cases by id with
    /// <see cref="Add(ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{double})"/> (no strings or
    /// dictionaries per case, which is what keeps ten million cases within a second or two).
    /// </summary>
    public int LabelId(string label) => Id(label);

    /// <summary>
    /// One case by label ids from <see cref="LabelId"/>: the true labels, the predicted labels (each label once per side;
    /// empty when the model gave no answer) and, optionally, <paramref name="scores"/>[k] as the probability of label
    /// <paramref name="scoreIds"/>[k]. The same figures as <see cref="Add(ClassificationCase)"/> with those names.
    /// </summary>
    public void Add(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, ReadOnlySpan<int> scoreIds, ReadOnlySpan<double> scores)
    {
        if (scoreIds.Length != scores.Length)
            throw new ArgumentException($"{scoreIds.Length} score ids but {scores.Length} scores", nameof(scores));
        CheckIds(truth);
        CheckIds(predicted);
        CheckIds(scoreIds);
        Add([], truth, predicted, scoreIds, scores);
    }

    /// <summary>A single-label case by ids, the commonest shape: see the general overload.</summary>
    public void Add(int truth, int predicted, ReadOnlySpan<int> scoreIds, ReadOnlySpan<double> scores) =>
        Add([truth], [predicted], scoreIds, scores);

    private void CheckIds(ReadOnlySpan<int> labelIds)
    {
        foreach (var id in labelIds)
            if ((uint)id >= (uint)names.Count) throw new ArgumentOutOfRangeException(nameof(labelIds), id, "not an id from LabelId");
    }

    /// <summary>The id of a label (made on first sight); what the fast file readers pass to the other Add.</summary>
    internal int Id(ReadOnlySpan<char> label)
    {
        if (byChars.TryGetValue(label, out var id)) return id;
        return Id(label.ToString());
    }

    internal int Id(string label)
    {
        if (ids.TryGetValue(label, out var id)) return id;
        id = names.Count;
        ids.Add(label, id);
        names.Add(label);
        if (id == truePositives.Length)
        {
            var size = id * 2;
            Array.Resize(ref truePositives, size);
            Array.Resize(ref falsePositives, size);
            Array.Resize(ref falseNegatives, size);
            Array.Resize(ref mentioned, size);
            Array.Resize(ref columns, size);
        }
        return id;
    }

    /// <summary>One case by label ids (each label once per side); <paramref name="item"/> only names it in errors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Add(ReadOnlySpan<char> item, ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, ReadOnlySpan<int> scoreIds, ReadOnlySpan<double> scores)
    {
        items++;
        var severalLabels = truth.Length > 1 || predicted.Length > 1;
        if (severalLabels && options.MultiLabel == false)
        {
            // Cases added by id have no name: the error counts them instead.
            var name = item.IsEmpty ? $"#{items}" : item.ToString();
            throw new BadInputException($"item '{name}' has {Math.Max(truth.Length, predicted.Length)} labels but the metrics are single-label", path: name, field: "label");
        }
        sawSeveral |= severalLabels;
        int hits;
        if (truth.Length == 1 && predicted.Length == 1)
        {
            int t = truth[0], p = predicted[0];
            mentioned[t] = mentioned[p] = true;
            if (t == p) truePositives[t]++;
            else
            {
                falsePositives[p]++;
                falseNegatives[t]++;
            }
            hits = t == p ? 1 : 0;
            CountConfusion(t, p);
        }
        else
        {
            hits = 0;
            foreach (var p in predicted)
            {
                mentioned[p] = true;
                if (truth.Contains(p))
                {
                    truePositives[p]++;
                    hits++;
                }
                else falsePositives[p]++;
            }
            foreach (var t in truth)
            {
                mentioned[t] = true;
                if (!predicted.Contains(t)) falseNegatives[t]++;
            }
        }
        if (hits == truth.Length && hits == predicted.Length) exact++;
        // Per-sample figures (sklearn's average="samples"), with 0 where a side is empty.
        if (hits > 0)
        {
            samplePrecision.Add((double)hits / predicted.Length);
            sampleRecall.Add((double)hits / truth.Length);
            sampleF1.Add(2.0 * hits / (truth.Length + predicted.Length));
        }

        for (var k = 0; k < scoreIds.Length; k++)
        {
            var id = scoreIds[k];
            var positive = truth.Contains(id);
            (columns[id] ??= new ScoreColumn()).Add(scores[k], positive);
            if (predicted.Length == 1 && predicted[0] == id) topLabel.Add(scores[k], hits == 1 && truth.Length == 1);
        }
    }

    /// <summary>
    /// Adds every case of <paramref name="other"/> (built with the same options) to this one, as if they had been added
    /// here: what lets several threads each accumulate part of the cases and the figures come out the same, to the last
    /// digit, as from one accumulator. <paramref name="other"/> is left as it was, and should not be used afterwards.
    /// </summary>
    public void Merge(ClassificationAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this)) throw new ArgumentException("an accumulator cannot merge into itself", nameof(other));
        for (var theirs = 0; theirs < other.names.Count; theirs++)
        {
            var ours = Id(other.names[theirs]);
            truePositives[ours] += other.truePositives[theirs];
            falsePositives[ours] += other.falsePositives[theirs];
            falseNegatives[ours] += other.falseNegatives[theirs];
            mentioned[ours] |= other.mentioned[theirs];
            if (other.columns[theirs] is { } column)
            {
                if (columns[ours] is { } mine) mine.Add(column);
                else columns[ours] = column;
            }
        }
        for (var t = 0; t < Math.Min(other.confusionSide, other.names.Count); t++)
            for (var p = 0; p < Math.Min(other.confusionSide, other.names.Count); p++)
                if (other.confusion[t * other.confusionSide + p] is var count and > 0)
                {
                    var (ours, theirs) = (Id(other.names[t]), Id(other.names[p]));
                    CountConfusion(ours, theirs);
                    confusion[ours * confusionSide + theirs] += count - 1;
                }
        topLabel.Add(other.topLabel);
        items += other.items;
        exact += other.exact;
        sawSeveral |= other.sawSeveral;
        samplePrecision.Add(other.samplePrecision);
        sampleRecall.Add(other.sampleRecall);
        sampleF1.Add(other.sampleF1);
    }

    public ClassificationReport Build()
    {
        var multiLabel = options.MultiLabel ?? sawSeveral;
        var order = Enumerable.Range(0, names.Count).Where(id => mentioned[id]).OrderBy(id => names[id], StringComparer.Ordinal).ToArray();
        var labels = order.Select(id => names[id]).ToArray();

        var ranked = new RankingCurve?[names.Count];
        var scored = order.Where(id => columns[id] is not null).ToArray();
        Parallel.ForEach(scored, id => ranked[id] = columns[id]!.Rank(options.CurvePoints));

        var perClass = new List<ClassMetrics>(order.Length);
        long supportTotal = 0, tpTotal = 0, fpTotal = 0, fnTotal = 0;
        double macroP = 0, macroR = 0, macroF = 0, weightedP = 0, weightedR = 0, weightedF = 0;
        foreach (var id in order)
        {
            var (tp, fp, fn) = (truePositives[id], falsePositives[id], falseNegatives[id]);
            var precision = Divide(tp, tp + fp);
            var recall = Divide(tp, tp + fn);
            var f1 = F1(precision, recall);
            perClass.Add(new ClassMetrics(names[id], precision, recall, f1, tp + fn, tp + fp, ranked[id]?.RocAuc, ranked[id]?.AveragePrecision));
            macroP += precision;
            macroR += recall;
            macroF += f1;
            weightedP += precision * (tp + fn);
            weightedR += recall * (tp + fn);
            weightedF += f1 * (tp + fn);
            supportTotal += tp + fn;
            tpTotal += tp;
            fpTotal += fp;
            fnTotal += fn;
        }
        var count = Math.Max(1, order.Length);
        var microP = Divide(tpTotal, tpTotal + fpTotal);
        var microR = Divide(tpTotal, tpTotal + fnTotal);
        var rocs = perClass.Where(c => c.RocAuc.HasValue).Select(c => c.RocAuc!.Value).ToArray();
        var aps = perClass.Where(c => c.PrAuc.HasValue).Select(c => c.PrAuc!.Value).ToArray();
        // Multi-label calibration takes every class score as a probability; the columns hold them all, sorted, so the
        // sums come out the same whatever order the cases came in.
        var calibration = topLabel;
        if (multiLabel)
        {
            calibration = new CalibrationBins(options.CalibrationBins);
            foreach (var id in scored) columns[id]!.AddTo(calibration);
        }
        return new ClassificationReport(
            items,
            multiLabel,
            labels,
            items == 0 ? 0 : (double)exact / items,
            new AveragedScores(macroP / count, macroR / count, macroF / count),
            new AveragedScores(microP, microR, F1(microP, microR)),
            supportTotal == 0 ? new AveragedScores(0, 0, 0) : new AveragedScores(weightedP / supportTotal, weightedR / supportTotal, weightedF / supportTotal),
            multiLabel && items > 0 ? new AveragedScores(samplePrecision.Value / items, sampleRecall.Value / items, sampleF1.Value / items) : null,
            perClass,
            multiLabel ? null : Confusion(order, labels),
            rocs.Length > 0 ? rocs.Average() : null,
            aps.Length > 0 ? aps.Average() : null,
            calibration.Ece(),
            calibration.Bins(),
            [.. scored.Select(id => new ClassCurves(names[id], ranked[id]!.Roc, ranked[id]!.Pr))]);
    }

    private ConfusionMatrix Confusion(int[] order, string[] labels)
    {
        var matrix = new long[order.Length][];
        for (var r = 0; r < order.Length; r++)
        {
            matrix[r] = new long[order.Length];
            for (var c = 0; c < order.Length; c++)
                matrix[r][c] = order[r] < confusionSide && order[c] < confusionSide ? confusion[order[r] * confusionSide + order[c]] : 0;
        }
        return new ConfusionMatrix(labels, matrix);
    }

    private void CountConfusion(int truth, int predicted)
    {
        if (truth >= confusionSide || predicted >= confusionSide)
        {
            var side = confusionSide;
            while (side <= Math.Max(truth, predicted)) side *= 2;
            var grown = new long[side * side];
            for (var r = 0; r < confusionSide; r++) Array.Copy(confusion, r * confusionSide, grown, r * side, confusionSide);
            confusion = grown;
            confusionSide = side;
        }
        confusion[truth * confusionSide + predicted]++;
    }

    /// <summary>Label ids of one side, each label once (a repeated label is one label, as in an indicator matrix).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<int> Ids(IReadOnlyList<string> labels, ref int[] scratch)
    {
        if (scratch.Length < labels.Count) scratch = new int[labels.Count * 2];
        var n = 0;
        for (var k = 0; k < labels.Count; k++)
        {
            var id = Id(labels[k]);
            if (!scratch.AsSpan(0, n).Contains(id)) scratch[n++] = id;
        }
        return scratch.AsSpan(0, n);
    }

    private static double Divide(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    /// <summary>sklearn's form: from precision and recall (not from counts), 0 when both are 0.</summary>
    private static double F1(double precision, double recall) => precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
}

using Laoshi.Core.Errors;

namespace Laoshi.Evaluation.Detection;

/// <summary>
/// COCO-style box evaluation with the rules of the official evaluator (pycocotools' COCOeval, iouType "bbox"):
/// per image and category, detections in descending score order (at most the largest max-detections limit) are matched
/// greedily to the best remaining ground truth at each IoU threshold; crowd boxes and boxes outside the area range are
/// ignored (a crowd box may absorb any number of detections and its IoU is measured against the detection's area);
/// precision is made monotone and read at the recall points (101 by default); figures are means over thresholds,
/// recall points and categories that have ground truth.
/// </summary>
public static class CocoEvaluation
{
    private const byte FalsePositive = 0;
    private const byte TruePositive = 1;
    private const byte Ignored = 2;
    /// <summary>numpy.spacing(1), which pycocotools adds to precision's denominator.</summary>
    private const double Spacing = 2.220446049250313e-16;

    public static CocoReport Evaluate(IReadOnlyList<DetectionBox> truth, IReadOnlyList<DetectionBox> detections, CocoOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(detections);
        options ??= new CocoOptions();
        CheckOptions(options);
        DetectionInputCheck.Check(truth, detections);

        // Arrays, not interfaces, in the loops below: they run once per box per threshold per area range.
        var truthBoxes = truth as DetectionBox[] ?? [.. truth];
        var detectionBoxes = detections as DetectionBox[] ?? [.. detections];
        var layout = CocoLayout.Build(truthBoxes, detectionBoxes, options);
        var matches = Match(layout, truthBoxes, detectionBoxes, options);
        var tables = Accumulate(layout, matches, options);
        return Summarise(layout, tables, options, truth.Count, detections.Count);
    }

    private static void CheckOptions(CocoOptions options)
    {
        if (options.IouThresholds.Count == 0 || options.IouThresholds.Any(t => !double.IsFinite(t) || t < 0 || t > 1))
            throw new BadInputException("IoU thresholds must be between 0 and 1", field: "iou_thresholds");
        if (options.RecallThresholds.Count == 0 || options.RecallThresholds.Any(r => !double.IsFinite(r) || r < 0 || r > 1))
            throw new BadInputException("recall thresholds must be between 0 and 1", field: "recall_thresholds");
        if (options.MaxDetections.Count != 3 || options.MaxDetections.Any(m => m < 1))
            throw new BadInputException("max detections must be three positive limits (as 1, 10, 100)", field: "max_detections");
        if (!(options.SmallAreaMax >= 0 && options.MediumAreaMax >= options.SmallAreaMax))
            throw new BadInputException("area ranges must satisfy 0 <= small <= medium", field: "area_ranges");
    }

    /// <summary>Per kept detection (a slot), its state at every area range and IoU threshold, and the non-ignored truth counts.</summary>
    private sealed record MatchTable(byte[] States, long[] PositivesByCategoryArea);

    private static MatchTable Match(CocoLayout layout, DetectionBox[] truth, DetectionBox[] detections, CocoOptions options)
    {
        var ranges = AreaRanges(options);
        var thresholds = options.IouThresholds;
        int areaCount = ranges.Length, thresholdCount = thresholds.Count;
        var states = new byte[layout.SlotCount * areaCount * thresholdCount];
        var positives = new long[layout.Categories.Count * areaCount];

        // Categories are independent (they own their slots and their truth counts), so they are matched in parallel.
        Parallel.For(0, layout.Categories.Count, category =>
        {
            var ious = new double[64];
            var gtOrder = new int[16];
            var gtIgnored = new bool[16];
            var gtTaken = new bool[16];
            var (firstCell, endCell) = layout.CategoryCells[category];
            for (var c = firstCell; c < endCell; c++)
            {
                var cell = layout.Cells[c];
                var truthCount = cell.TruthEnd - cell.TruthStart;
                var detectionCount = cell.SlotEnd - cell.SlotStart;
                if (ious.Length < truthCount * detectionCount) ious = new double[Math.Max(truthCount * detectionCount, ious.Length * 2)];
                if (gtOrder.Length < truthCount)
                {
                    gtOrder = new int[truthCount * 2];
                    gtIgnored = new bool[truthCount * 2];
                    gtTaken = new bool[truthCount * 2];
                }

                for (var d = 0; d < detectionCount; d++)
                {
                    var detection = detections[layout.SlotDetection[cell.SlotStart + d]];
                    for (var g = 0; g < truthCount; g++)
                        ious[d * truthCount + g] = BoxIou(detection, truth[layout.TruthOrder[cell.TruthStart + g]]);
                }

                for (var a = 0; a < areaCount; a++)
                {
                    var (low, high) = ranges[a];
                    // Non-ignored truth first, each group in input order (pycocotools' stable argsort on the ignore flag).
                    var next = 0;
                    for (var pass = 0; pass < 2; pass++)
                    {
                        for (var g = 0; g < truthCount; g++)
                        {
                            var box = truth[layout.TruthOrder[cell.TruthStart + g]];
                            var area = box.Area ?? box.Width * box.Height;
                            var ignored = box.IsCrowd || area < low || area > high;
                            if (ignored == (pass == 1))
                            {
                                gtOrder[next] = g;
                                gtIgnored[next] = ignored;
                                next++;
                            }
                        }
                    }
                    for (var g = 0; g < truthCount; g++)
                    {
                        if (!gtIgnored[g]) positives[cell.Category * areaCount + a]++;
                    }

                    for (var t = 0; t < thresholdCount; t++)
                    {
                        Array.Clear(gtTaken, 0, truthCount);
                        for (var d = 0; d < detectionCount; d++)
                        {
                            var best = Math.Min(thresholds[t], 1 - 1e-10);
                            var match = -1;
                            for (var g = 0; g < truthCount; g++)
                            {
                                var original = gtOrder[g];
                                var crowd = truth[layout.TruthOrder[cell.TruthStart + original]].IsCrowd;
                                if (gtTaken[g] && !crowd) continue;
                                // Once matched to a counted box, never move to an ignored one (they are sorted last).
                                if (match > -1 && !gtIgnored[match] && gtIgnored[g]) break;
                                var iou = ious[d * truthCount + original];
                                if (iou < best) continue;
                                best = iou;
                                match = g;
                            }

                            byte state;
                            if (match > -1)
                            {
                                gtTaken[match] = true;
                                state = gtIgnored[match] ? Ignored : TruePositive;
                            }
                            else
                            {
                                var box = detections[layout.SlotDetection[cell.SlotStart + d]];
                                var area = box.Area ?? box.Width * box.Height;
                                state = area < low || area > high ? Ignored : FalsePositive;
                            }
                            states[((cell.SlotStart + d) * areaCount + a) * thresholdCount + t] = state;
                        }
                    }
                }
            }
        });
        return new MatchTable(states, positives);
    }

    /// <summary>pycocotools' box IoU (maskApi bbIou): against a crowd box the union is the detection's own area.</summary>
    private static double BoxIou(DetectionBox detection, DetectionBox truth)
    {
        var w = Math.Min(detection.Width + detection.X, truth.Width + truth.X) - Math.Max(detection.X, truth.X);
        if (w <= 0) return 0;
        var h = Math.Min(detection.Height + detection.Y, truth.Height + truth.Y) - Math.Max(detection.Y, truth.Y);
        if (h <= 0) return 0;
        var intersection = w * h;
        var detectionArea = detection.Width * detection.Height;
        var union = truth.IsCrowd ? detectionArea : detectionArea + truth.Width * truth.Height - intersection;
        return intersection / union;
    }

    private static (double Low, double High)[] AreaRanges(CocoOptions options) =>
        [(0, 1e10), (0, options.SmallAreaMax), (options.SmallAreaMax, options.MediumAreaMax), (options.MediumAreaMax, 1e10)];

    /// <summary>
    /// precision[t, r, k, a, m] and recall[t, k, a, m] as pycocotools lays them out; -1 where a category has no
    /// counted truth in that area range.
    /// </summary>
    private sealed record Tables(double[] Precision, double[] Recall, int Thresholds, int RecallPoints, int Categories, int Areas, int Limits);

    private static Tables Accumulate(CocoLayout layout, MatchTable matches, CocoOptions options)
    {
        int T = options.IouThresholds.Count, R = options.RecallThresholds.Count, K = layout.Categories.Count, A = 4, M = options.MaxDetections.Count;
        var precision = new double[T * R * K * A * M];
        var recall = new double[T * K * A * M];
        Array.Fill(precision, -1);
        Array.Fill(recall, -1);

        var recallPoints = options.RecallThresholds;
        // Each category fills its own entries of the tables, so categories run in parallel.
        Parallel.For(0, K, k =>
        {
            var (start, end) = layout.CategorySlots[k];
            var count = end - start;
            var rc = new double[count];
            var pr = new double[count];
            var ranks = new int[count];
            var local = new byte[count * A * T];
            // Gather the category's states in score order, one run per (area, threshold), so that the passes below
            // read memory in sequence instead of jumping across the whole table.
            for (var i = 0; i < count; i++)
            {
                var slot = layout.SortedSlots[start + i];
                ranks[i] = layout.SlotRank[slot];
                for (var at = 0; at < A * T; at++) local[at * count + i] = matches.States[slot * A * T + at];
            }
            for (var a = 0; a < A; a++)
            {
                var counted = matches.PositivesByCategoryArea[k * A + a];
                if (counted == 0) continue;
                for (var m = 0; m < M; m++)
                {
                    var limit = options.MaxDetections[m];
                    for (var t = 0; t < T; t++)
                    {
                        var n = 0;
                        double tp = 0, fp = 0;
                        var run = (a * T + t) * count;
                        for (var i = 0; i < count; i++)
                        {
                            if (ranks[i] >= limit) continue;
                            var state = local[run + i];
                            if (state == Ignored) continue;
                            if (state == TruePositive) tp++;
                            else fp++;
                            rc[n] = tp / counted;
                            pr[n] = tp / (fp + tp + Spacing);
                            n++;
                        }
                        recall[((t * K + k) * A + a) * M + m] = n > 0 ? rc[n - 1] : 0;

                        for (var i = n - 1; i > 0; i--)
                        {
                            if (pr[i] > pr[i - 1]) pr[i - 1] = pr[i];
                        }
                        var p = 0;
                        for (var r = 0; r < R; r++)
                        {
                            // First curve point whose recall reaches the recall point (numpy searchsorted, side left).
                            while (p < n && rc[p] < recallPoints[r]) p++;
                            var value = p < n ? pr[p] : 0;
                            precision[(((t * R + r) * K + k) * A + a) * M + m] = value;
                            if (p >= n)
                            {
                                for (var rest = r; rest < R; rest++) precision[(((t * R + rest) * K + k) * A + a) * M + m] = 0;
                                break;
                            }
                        }
                    }
                }
            }
        });
        return new Tables(precision, recall, T, R, K, A, M);
    }

    private static CocoReport Summarise(CocoLayout layout, Tables tables, CocoOptions options, int truthCount, int detectionCount)
    {
        var at50 = IndexOf(options.IouThresholds, 0.5);
        var at75 = IndexOf(options.IouThresholds, 0.75);
        var overall = Figures(tables, at50, at75, category: null);
        var perClass = new List<CocoClassReport>();
        if (options.UseCategories)
        {
            for (var k = 0; k < layout.Categories.Count; k++)
            {
                var curve = new double[tables.RecallPoints];
                for (var r = 0; r < tables.RecallPoints; r++)
                {
                    curve[r] = at50 < 0 ? -1 : tables.Precision[(((at50 * tables.RecallPoints + r) * tables.Categories + k) * tables.Areas + 0) * tables.Limits + tables.Limits - 1];
                }
                perClass.Add(new CocoClassReport(layout.Categories[k], layout.TruthPerCategory[k], layout.DetectionsPerCategory[k],
                    Figures(tables, at50, at75, k), curve));
            }
        }
        return new CocoReport(overall, perClass, layout.ImageCount, truthCount, detectionCount, options.RecallThresholds);
    }

    private static int IndexOf(IReadOnlyList<double> thresholds, double value)
    {
        for (var i = 0; i < thresholds.Count; i++)
        {
            if (Math.Abs(thresholds[i] - value) < 1e-9) return i;
        }
        return -1;
    }

    private static CocoFigures Figures(Tables tables, int at50, int at75, int? category)
    {
        var last = tables.Limits - 1;
        return new CocoFigures(
            Mean(tables, true, null, 0, last, category),
            at50 < 0 ? -1 : Mean(tables, true, at50, 0, last, category),
            at75 < 0 ? -1 : Mean(tables, true, at75, 0, last, category),
            Mean(tables, true, null, 1, last, category),
            Mean(tables, true, null, 2, last, category),
            Mean(tables, true, null, 3, last, category),
            Mean(tables, false, null, 0, 0, category),
            Mean(tables, false, null, 0, 1, category),
            Mean(tables, false, null, 0, 2, category),
            Mean(tables, false, null, 1, last, category),
            Mean(tables, false, null, 2, last, category),
            Mean(tables, false, null, 3, last, category));
    }

    /// <summary>pycocotools' _summarize: the mean of the defined (> -1) entries, or -1 when there are none.</summary>
    private static double Mean(Tables tables, bool precision, int? threshold, int area, int limit, int? category)
    {
        double sum = 0;
        long count = 0;
        int tFrom = threshold ?? 0, tTo = threshold + 1 ?? tables.Thresholds;
        int kFrom = category ?? 0, kTo = category + 1 ?? tables.Categories;
        for (var t = tFrom; t < tTo; t++)
        {
            if (precision)
            {
                for (var r = 0; r < tables.RecallPoints; r++)
                {
                    for (var k = kFrom; k < kTo; k++)
                    {
                        var value = tables.Precision[(((t * tables.RecallPoints + r) * tables.Categories + k) * tables.Areas + area) * tables.Limits + limit];
                        if (value > -1) { sum += value; count++; }
                    }
                }
            }
            else
            {
                for (var k = kFrom; k < kTo; k++)
                {
                    var value = tables.Recall[((t * tables.Categories + k) * tables.Areas + area) * tables.Limits + limit];
                    if (value > -1) { sum += value; count++; }
                }
            }
        }
        return count == 0 ? -1 : sum / count;
    }
}

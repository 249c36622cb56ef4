namespace Laoshi.Evaluation.Detection;

/// <summary>
/// Pascal VOC average precision per category, by the devkit's rules: box corners are inclusive pixels (a box
/// from x to x + width covers width + 1 pixels), detections are taken in descending score order and each one
/// matches the ground-truth box it overlaps most on its image if that overlap reaches the threshold and the box
/// is not already taken; "difficult" boxes (<see cref="DetectionBox.IsCrowd"/>) are neither counted nor penalised.
/// </summary>
public static class VocEvaluation
{
    public static VocReport Evaluate(IReadOnlyList<DetectionBox> truth, IReadOnlyList<DetectionBox> detections,
        double iou = 0.5, VocInterpolation interpolation = VocInterpolation.AllPoints)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(detections);
        if (!double.IsFinite(iou) || iou <= 0 || iou > 1)
            throw new Laoshi.Core.Errors.BadInputException($"the IoU threshold must be above 0 and at most 1 (got {iou})", field: "iou");
        DetectionInputCheck.Check(truth, detections);

        var categories = new List<string>();
        var truthByCategory = new Dictionary<string, Dictionary<string, List<int>>>(StringComparer.Ordinal);
        var detectionsByCategory = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < truth.Count; i++)
        {
            var box = truth[i];
            if (!truthByCategory.TryGetValue(box.Category, out var images))
            {
                truthByCategory[box.Category] = images = new Dictionary<string, List<int>>(StringComparer.Ordinal);
                if (!detectionsByCategory.ContainsKey(box.Category)) categories.Add(box.Category);
            }
            if (!images.TryGetValue(box.Image, out var list)) images[box.Image] = list = [];
            list.Add(i);
        }
        for (var i = 0; i < detections.Count; i++)
        {
            var box = detections[i];
            if (!detectionsByCategory.TryGetValue(box.Category, out var list))
            {
                detectionsByCategory[box.Category] = list = [];
                if (!truthByCategory.ContainsKey(box.Category)) categories.Add(box.Category);
            }
            list.Add(i);
        }

        var perClass = new List<VocClassReport>(categories.Count);
        foreach (var category in categories)
        {
            perClass.Add(EvaluateCategory(category, truth, detections,
                truthByCategory.GetValueOrDefault(category) ?? [], detectionsByCategory.GetValueOrDefault(category) ?? [], iou, interpolation));
        }
        var scored = perClass.Where(c => c.Truth > 0).ToList();
        var map = scored.Count == 0 ? 0 : scored.Sum(c => c.AP) / scored.Count;
        return new VocReport(map, iou, interpolation, perClass);
    }

    private static VocClassReport EvaluateCategory(string category, IReadOnlyList<DetectionBox> truth, IReadOnlyList<DetectionBox> detections,
        Dictionary<string, List<int>> truthByImage, List<int> detectionIndices, double threshold, VocInterpolation interpolation)
    {
        var positives = 0;
        var taken = new Dictionary<int, bool>();
        foreach (var list in truthByImage.Values)
        {
            foreach (var index in list)
            {
                if (!truth[index].IsCrowd) positives++;
            }
        }

        // Descending score; equal scores keep their input order, as the devkit's (stable) sort does.
        var order = detectionIndices.ToArray();
        Array.Sort(order, (a, b) =>
        {
            var byScore = detections[b].Score!.Value.CompareTo(detections[a].Score!.Value);
            return byScore != 0 ? byScore : a.CompareTo(b);
        });

        var precision = new List<double>(order.Length);
        var recall = new List<double>(order.Length);
        int truePositives = 0, falsePositives = 0;
        foreach (var index in order)
        {
            var detection = detections[index];
            var best = double.NegativeInfinity;
            var bestTruth = -1;
            if (truthByImage.TryGetValue(detection.Image, out var candidates))
            {
                foreach (var candidate in candidates)
                {
                    var overlap = InclusiveIou(detection, truth[candidate]);
                    if (overlap > best)
                    {
                        best = overlap;
                        bestTruth = candidate;
                    }
                }
            }

            if (bestTruth >= 0 && best >= threshold)
            {
                if (truth[bestTruth].IsCrowd) continue;
                if (taken.TryAdd(bestTruth, true)) truePositives++;
                else falsePositives++;
            }
            else
            {
                falsePositives++;
            }
            recall.Add(positives == 0 ? 0 : (double)truePositives / positives);
            precision.Add((double)truePositives / (truePositives + falsePositives));
        }

        var ap = positives == 0 ? 0 : interpolation == VocInterpolation.ElevenPoint
            ? ElevenPointAp(precision, recall)
            : AllPointAp(precision, recall);
        return new VocClassReport(category, ap, positives, order.Length, truePositives, falsePositives, precision, recall);
    }

    /// <summary>The devkit's overlap: inclusive pixel corners, so widths and heights gain one pixel.</summary>
    private static double InclusiveIou(DetectionBox a, DetectionBox b)
    {
        var left = Math.Max(a.X, b.X);
        var top = Math.Max(a.Y, b.Y);
        var right = Math.Min(a.X + a.Width, b.X + b.Width);
        var bottom = Math.Min(a.Y + a.Height, b.Y + b.Height);
        var width = right - left + 1;
        var height = bottom - top + 1;
        if (width <= 0 || height <= 0) return 0;
        var intersection = width * height;
        var union = (a.Width + 1) * (a.Height + 1) + (b.Width + 1) * (b.Height + 1) - intersection;
        return intersection / union;
    }

    /// <summary>Area under the precision envelope: precision made non-increasing from the right, summed over recall steps.</summary>
    private static double AllPointAp(List<double> precision, List<double> recall)
    {
        var n = precision.Count;
        var envelope = new double[n + 2];
        var steps = new double[n + 2];
        steps[n + 1] = 1;
        for (var i = 0; i < n; i++)
        {
            envelope[i + 1] = precision[i];
            steps[i + 1] = recall[i];
        }
        for (var i = n; i >= 1; i--) envelope[i - 1] = Math.Max(envelope[i - 1], envelope[i]);
        var ap = 0.0;
        for (var i = 1; i < n + 2; i++)
        {
            if (steps[i] != steps[i - 1]) ap += (steps[i] - steps[i - 1]) * envelope[i];
        }
        return ap;
    }

    /// <summary>The best precision at recall of at least r, for r = 0, 0.1, ..., 1 (computed as i × 0.1, as numpy and the devkit do).</summary>
    private static double ElevenPointAp(List<double> precision, List<double> recall)
    {
        var sum = 0.0;
        for (var i = 0; i <= 10; i++)
        {
            var point = i * 0.1;
            var best = 0.0;
            for (var j = 0; j < precision.Count; j++)
            {
                if (recall[j] >= point && precision[j] > best) best = precision[j];
            }
            sum += best;
        }
        return sum / 11;
    }
}

using Laoshi.Core.Regions;

namespace Laoshi.Core.Review;

/// <summary>
/// How much the current answers of one item agree, from 0 (not at all) to 1 (fully): the mean, over every pair of
/// answers, of the pair's agreement. A pair's agreement is the mean over the controls either answer uses of:
/// <list type="bullet">
/// <item>classification (choices, textarea, rating): 1 when both give exactly the same set of values, else 0;</item>
/// <item>image regions (boxes, polygons by their bounding box, keypoints): regions matched one to one, greedily by
/// highest IoU, when the IoU is at least <see cref="BoxIou"/> and the labels are the same; matched pairs over all
/// regions (matched pairs + unmatched of either side);</item>
/// <item>spans (text offsets or audio times): exact-match F1 (same bounds and labels).</item>
/// </list>
/// The adjudication queue sorts by it; the full agreement metrics (kappa, alpha) live in Laoshi.Quality.
/// </summary>
public static class ItemAgreement
{
    public const double BoxIou = 0.5;

    /// <summary>Agreement of the answers; 1 when there are fewer than two.</summary>
    public static double Of(IReadOnlyList<IReadOnlyList<Region>> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count < 2) return 1;
        var sum = 0.0;
        var pairs = 0;
        for (var i = 0; i < answers.Count; i++)
            for (var j = i + 1; j < answers.Count; j++)
            {
                sum += Pair(answers[i], answers[j]);
                pairs++;
            }
        return sum / pairs;
    }

    /// <summary>Agreement of two answers; two empty answers agree fully.</summary>
    public static double Pair(IReadOnlyList<Region> first, IReadOnlyList<Region> second)
    {
        var controls = first.Select(r => r.FromName).Concat(second.Select(r => r.FromName)).Distinct(StringComparer.Ordinal).ToList();
        if (controls.Count == 0) return 1;
        var sum = 0.0;
        foreach (var control in controls)
        {
            var a = first.Where(r => r.FromName == control).ToList();
            var b = second.Where(r => r.FromName == control).ToList();
            var kind = (a.Count > 0 ? a[0] : b[0]).Type;
            sum += kind switch
            {
                RegionTypes.RectangleLabels or RegionTypes.Rectangle or RegionTypes.PolygonLabels or RegionTypes.Polygon
                    or RegionTypes.KeyPointLabels or RegionTypes.KeyPoint => Boxes(a, b),
                RegionTypes.Labels => Spans(a, b),
                _ => Classification(a, b),
            };
        }
        return sum / controls.Count;
    }

    private static double Classification(List<Region> a, List<Region> b) =>
        Values(a).SetEquals(Values(b)) ? 1 : 0;

    private static HashSet<string> Values(List<Region> regions)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            foreach (var label in region.Labels) values.Add("label:" + label);
            foreach (var line in region.TextLines ?? []) values.Add("text:" + line);
            if (region.Rating is double rating) values.Add("rating:" + rating.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }
        return values;
    }

    private static double Spans(List<Region> a, List<Region> b)
    {
        if (a.Count + b.Count == 0) return 1;
        var remaining = b.Select(SpanKey).ToList();
        var matched = 0;
        foreach (var key in a.Select(SpanKey))
        {
            var at = remaining.IndexOf(key);
            if (at < 0) continue;
            remaining.RemoveAt(at);
            matched++;
        }
        return 2.0 * matched / (a.Count + b.Count);
    }

    private static string SpanKey(Region r) => string.Join('\u001f',
        r.ToName, r.Start?.ToString(System.Globalization.CultureInfo.InvariantCulture), r.End?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        r.StartTime?.ToString("R", System.Globalization.CultureInfo.InvariantCulture), r.EndTime?.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        r.Channel?.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join('\u001e', r.Labels.Order(StringComparer.Ordinal)));

    private static double Boxes(List<Region> a, List<Region> b)
    {
        if (a.Count + b.Count == 0) return 1;
        var candidates = new List<(double Iou, int A, int B)>();
        for (var i = 0; i < a.Count; i++)
            for (var j = 0; j < b.Count; j++)
            {
                if (!a[i].Labels.Order(StringComparer.Ordinal).SequenceEqual(b[j].Labels.Order(StringComparer.Ordinal))) continue;
                var iou = Iou(Bounds(a[i]), Bounds(b[j]));
                if (iou >= BoxIou) candidates.Add((iou, i, j));
            }
        var usedA = new HashSet<int>();
        var usedB = new HashSet<int>();
        var matched = 0;
        foreach (var (_, i, j) in candidates.OrderByDescending(c => c.Iou).ThenBy(c => c.A).ThenBy(c => c.B))
        {
            if (usedA.Contains(i) || usedB.Contains(j)) continue;
            usedA.Add(i);
            usedB.Add(j);
            matched++;
        }
        return (double)matched / (a.Count + b.Count - matched);
    }

    private readonly record struct Box(double Left, double Top, double Right, double Bottom)
    {
        public double Area => Math.Max(0, Right - Left) * Math.Max(0, Bottom - Top);
    }

    private static Box Bounds(Region r)
    {
        if (r.Points is { Count: > 0 } points)
            return new Box(points.Min(p => p.X), points.Min(p => p.Y), points.Max(p => p.X), points.Max(p => p.Y));
        var x = r.X ?? 0;
        var y = r.Y ?? 0;
        if (r.Type is RegionTypes.KeyPoint or RegionTypes.KeyPointLabels)
        {
            // A keypoint is compared as the square its radius (width) spans, at least one unit wide.
            var radius = Math.Max(r.Width ?? 0, 0.5);
            return new Box(x - radius, y - radius, x + radius, y + radius);
        }
        return new Box(x, y, x + (r.Width ?? 0), y + (r.Height ?? 0));
    }

    private static double Iou(Box a, Box b)
    {
        var overlap = new Box(Math.Max(a.Left, b.Left), Math.Max(a.Top, b.Top), Math.Min(a.Right, b.Right), Math.Min(a.Bottom, b.Bottom)).Area;
        var union = a.Area + b.Area - overlap;
        return union <= 0 ? (a == b ? 1 : 0) : overlap / union;
    }
}

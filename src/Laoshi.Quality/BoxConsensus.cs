namespace Laoshi.Quality;

/// <summary>An agreed box: the mean of a cluster's boxes, and the share of the item's annotators who drew one in it.</summary>
public sealed record ConsensusBox(string Label, Box Box, int Supporters, double Share);

/// <summary>
/// Box consensus on one item. Boxes of the same label are clustered greedily: in order of annotator then drawing order,
/// each box joins the cluster (of that label, without a box from the same annotator yet) whose mean box overlaps it
/// most with IoU ≥ the threshold, else starts a cluster. Clusters drawn by at least minimumShare of the annotators
/// who drew anything on the item are kept, with their coordinates averaged.
/// </summary>
public static class BoxConsensus
{
    public static IReadOnlyList<ConsensusBox> Compute(IReadOnlyList<LabelledBox> boxes, double threshold = 0.5, double minimumShare = 0.5)
    {
        var annotators = boxes.Select(b => b.Annotator).Distinct(StringComparer.Ordinal).Count();
        if (annotators == 0) return [];
        var ordered = boxes.Select((box, index) => (box, index))
            .OrderBy(p => p.box.Annotator, StringComparer.Ordinal).ThenBy(p => p.index).Select(p => p.box);
        var clusters = new List<Cluster>();
        foreach (var box in ordered)
        {
            Cluster? best = null;
            var bestIoU = 0.0;
            foreach (var cluster in clusters)
            {
                if (cluster.Label != box.Label || cluster.Annotators.Contains(box.Annotator)) continue;
                var iou = cluster.Mean.IoU(box.Box);
                if (iou >= threshold && iou > bestIoU) (best, bestIoU) = (cluster, iou);
            }
            if (best is null) clusters.Add(best = new Cluster(box.Label));
            best.Add(box);
        }
        return clusters
            .Where(c => (double)c.Annotators.Count / annotators >= minimumShare)
            .Select(c => new ConsensusBox(c.Label, c.Mean, c.Annotators.Count, (double)c.Annotators.Count / annotators))
            .ToList();
    }

    private sealed class Cluster(string label)
    {
        private double _x, _y, _width, _height;
        public string Label { get; } = label;
        public HashSet<string> Annotators { get; } = new(StringComparer.Ordinal);
        public Box Mean => new(_x / Annotators.Count, _y / Annotators.Count, _width / Annotators.Count, _height / Annotators.Count);

        public void Add(LabelledBox box)
        {
            Annotators.Add(box.Annotator);
            (_x, _y, _width, _height) = (_x + box.Box.X, _y + box.Box.Y, _width + box.Box.Width, _height + box.Box.Height);
        }
    }
}

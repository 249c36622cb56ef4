namespace Laoshi.Evaluation.Detection;

/// <summary>One image × category pair: its truth boxes and its kept detections (slots), as ranges into the layout's arrays.</summary>
internal readonly record struct CocoCell(int Category, int TruthStart, int TruthEnd, int SlotStart, int SlotEnd);

/// <summary>
/// The boxes arranged the way the COCO evaluator walks them: grouped by category then image (images in id order),
/// detections in each group by descending score (stable) and cut at the largest max-detections limit; and, per category,
/// every kept detection in the order accumulation reads them (score, then image, then input order).
/// </summary>
internal sealed class CocoLayout
{
    public required IReadOnlyList<string> Categories { get; init; }
    public required int ImageCount { get; init; }
    public required List<CocoCell> Cells { get; init; }
    public required int[] TruthOrder { get; init; }
    public required int[] SlotDetection { get; init; }
    public required int[] SlotRank { get; init; }
    public required int[] SortedSlots { get; init; }
    public required (int Start, int End)[] CategorySlots { get; init; }
    /// <summary>Each category's cells, as a range into <see cref="Cells"/>.</summary>
    public required (int Start, int End)[] CategoryCells { get; init; }
    public required int[] TruthPerCategory { get; init; }
    public required int[] DetectionsPerCategory { get; init; }
    public int SlotCount => SlotDetection.Length;

    private readonly record struct Keyed(long Cell, double Score, int Index);

    public static CocoLayout Build(DetectionBox[] truth, DetectionBox[] detections, CocoOptions options)
    {
        var categoryIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var categories = new List<string>();
        int CategoryOf(DetectionBox box)
        {
            var name = options.UseCategories ? box.Category : "";
            if (!categoryIndex.TryGetValue(name, out var k))
            {
                categoryIndex[name] = k = categories.Count;
                categories.Add(name);
            }
            return k;
        }

        var imageNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var box in truth) imageNames.Add(box.Image);
        foreach (var box in detections) imageNames.Add(box.Image);
        var sortedImages = imageNames.ToArray();
        Array.Sort(sortedImages, ImageOrder.Instance);
        var imageRank = new Dictionary<string, int>(sortedImages.Length, StringComparer.Ordinal);
        for (var i = 0; i < sortedImages.Length; i++) imageRank[sortedImages[i]] = i;
        long images = Math.Max(1, sortedImages.Length);

        var truthKeys = new Keyed[truth.Length];
        for (var i = 0; i < truth.Length; i++) truthKeys[i] = new Keyed(CategoryOf(truth[i]) * images + imageRank[truth[i].Image], 0, i);
        var detectionKeys = new Keyed[detections.Length];
        for (var i = 0; i < detections.Length; i++)
            detectionKeys[i] = new Keyed(CategoryOf(detections[i]) * images + imageRank[detections[i].Image], detections[i].Score!.Value, i);
        Array.Sort(truthKeys, static (a, b) => a.Cell != b.Cell ? a.Cell.CompareTo(b.Cell) : a.Index.CompareTo(b.Index));
        Array.Sort(detectionKeys, static (a, b) =>
            a.Cell != b.Cell ? a.Cell.CompareTo(b.Cell) : a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Index.CompareTo(b.Index));

        var limit = options.MaxDetections.Max();
        var truthOrder = new int[truth.Length];
        for (var i = 0; i < truthKeys.Length; i++) truthOrder[i] = truthKeys[i].Index;
        var slotDetection = new List<int>(detections.Length);
        var slotRank = new List<int>(detections.Length);
        var cells = new List<CocoCell>();
        var truthPerCategory = new int[categories.Count];
        var detectionsPerCategory = new int[categories.Count];
        int ti = 0, di = 0;
        while (ti < truthKeys.Length || di < detectionKeys.Length)
        {
            var cell = Math.Min(ti < truthKeys.Length ? truthKeys[ti].Cell : long.MaxValue, di < detectionKeys.Length ? detectionKeys[di].Cell : long.MaxValue);
            var category = (int)(cell / images);
            var truthStart = ti;
            while (ti < truthKeys.Length && truthKeys[ti].Cell == cell) ti++;
            var slotStart = slotDetection.Count;
            var rank = 0;
            while (di < detectionKeys.Length && detectionKeys[di].Cell == cell)
            {
                if (rank < limit)
                {
                    slotDetection.Add(detectionKeys[di].Index);
                    slotRank.Add(rank);
                }
                rank++;
                di++;
            }
            truthPerCategory[category] += ti - truthStart;
            detectionsPerCategory[category] += rank;
            cells.Add(new CocoCell(category, truthStart, ti, slotStart, slotDetection.Count));
        }

        var slotImage = new int[slotDetection.Count];
        var categorySlots = new (int, int)[categories.Count];
        var sortedSlots = new int[slotDetection.Count];
        for (var i = 0; i < sortedSlots.Length; i++) sortedSlots[i] = i;
        var detectionArray = slotDetection.ToArray();
        for (var i = 0; i < detectionArray.Length; i++) slotImage[i] = imageRank[detections[detectionArray[i]].Image];
        var categoryCells = new (int, int)[categories.Count];
        var c = 0;
        for (var k = 0; k < categories.Count; k++)
        {
            var start = c < cells.Count ? cells[c].SlotStart : detectionArray.Length;
            var end = start;
            var firstCell = c;
            while (c < cells.Count && cells[c].Category == k) end = cells[c++].SlotEnd;
            categorySlots[k] = (start, end);
            categoryCells[k] = (firstCell, c);
            // Accumulation concatenates images in id order, then sorts by score with a stable sort.
            Array.Sort(sortedSlots, start, end - start, Comparer<int>.Create((a, b) =>
            {
                var sa = detections[detectionArray[a]].Score!.Value;
                var sb = detections[detectionArray[b]].Score!.Value;
                if (sa != sb) return sb.CompareTo(sa);
                return slotImage[a] != slotImage[b] ? slotImage[a].CompareTo(slotImage[b]) : a.CompareTo(b);
            }));
        }

        return new CocoLayout
        {
            Categories = categories,
            ImageCount = sortedImages.Length,
            Cells = cells,
            TruthOrder = truthOrder,
            SlotDetection = detectionArray,
            SlotRank = [.. slotRank],
            SortedSlots = sortedSlots,
            CategorySlots = categorySlots,
            CategoryCells = categoryCells,
            TruthPerCategory = truthPerCategory,
            DetectionsPerCategory = detectionsPerCategory,
        };
    }
}

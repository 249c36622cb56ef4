using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;
using Laoshi.Quality.Analysis;

namespace Laoshi.Server.Analysis;

/// <summary>
/// One streaming pass over a project's exported items that keeps only aggregates: label counts, co-occurrence,
/// distributions, heat maps and term counts. Memory depends on labels, fields and the bounded term table, never on
/// the number of items. Optionally counts document frequencies for the knowledge view's TF-IDF space.
/// </summary>
public sealed class AnalysisPass(ProjectSchema schema, TextTokenizer tokenizer, HashedTfIdf? space = null)
{
    private readonly Dictionary<(string Control, string Label), (long Items, long Regions)> labels = [];
    private readonly LabelCoOccurrence coOccurrence = new();
    private readonly Dictionary<string, ValueDistribution> textLength = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ValueDistribution> imageWidth = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ValueDistribution> imageHeight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ValueDistribution> imageAspect = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ValueDistribution> audioDuration = new(StringComparer.Ordinal);
    private readonly ValueDistribution answersPerItem = new();
    private readonly HeatMap boxPosition = new();
    private readonly HeatMap boxSize = new();
    private readonly LabelTermCounts terms = new();
    private readonly List<string> scratch = [];
    private readonly HashSet<(string, string)> itemLabels = [];
    private long items;

    public long Items => items;

    public void Add(ExportItem item)
    {
        items++;
        answersPerItem.Add(item.Annotations.Count);
        AddMedia(item);
        AddLabels(item);
        var texts = LabelledTexts.Of(item, schema);
        foreach (var text in texts)
        {
            scratch.Clear();
            tokenizer.AddTerms(text.Text, scratch);
            terms.Add(text.Label, scratch);
        }
        if (space is not null)
        {
            // Each distinct text is one document of the TF-IDF space, however many labels it carries.
            foreach (var text in texts.Select(t => t.Text).Distinct(StringComparer.Ordinal))
                space.CountDocument(tokenizer.Terms(text));
        }
    }

    private void AddMedia(ExportItem item)
    {
        foreach (var field in schema.Fields)
        {
            switch (field.Kind)
            {
                case FieldKind.Text when LabelledTexts.FieldText(item.Data, schema, field.Name) is { } text:
                    Of(textLength, field.Name, 1).Add(CharacterCount(text));
                    break;
                case FieldKind.Image when ImageSize(item, field) is var (width, height):
                    Of(imageWidth, field.Name, 1).Add(width);
                    Of(imageHeight, field.Name, 1).Add(height);
                    if (height > 0) Of(imageAspect, field.Name, 0.001).Add((double)width / height);
                    break;
                case FieldKind.Audio when item.Blobs.GetValueOrDefault(field.Value)?.Duration is { } seconds:
                    Of(audioDuration, field.Name, 0.01).Add(seconds);
                    break;
            }
        }
    }

    /// <summary>Characters as people count them: code points, so a character outside the BMP counts once.</summary>
    private static int CharacterCount(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }

    private static (int Width, int Height)? ImageSize(ExportItem item, SchemaField field)
    {
        if (item.Blobs.GetValueOrDefault(field.Value) is { Width: { } w, Height: { } h }) return (w, h);
        // Without a stored blob (an image by URL) the size the annotation tool saw is the best there is.
        foreach (var answer in item.Annotations)
        {
            foreach (var region in answer.Result)
            {
                if (region.ToName == field.Name && region.OriginalWidth is { } rw && region.OriginalHeight is { } rh) return (rw, rh);
            }
        }
        return null;
    }

    private void AddLabels(ExportItem item)
    {
        itemLabels.Clear();
        foreach (var answer in item.Annotations)
        {
            foreach (var region in answer.Result)
            {
                foreach (var label in region.Labels)
                {
                    var key = (region.FromName, label);
                    var (labelItems, regions) = labels.GetValueOrDefault(key);
                    labels[key] = (itemLabels.Add(key) ? labelItems + 1 : labelItems, regions + 1);
                }
                if (region.Type is RegionTypes.RectangleLabels or RegionTypes.Rectangle) AddBox(item, region);
            }
        }
        if (itemLabels.Count > 0) coOccurrence.Add(itemLabels.Select(k => k.Item2));
    }

    private void AddBox(ExportItem item, Region box)
    {
        if (box is not { X: { } x, Y: { } y, Width: { } w, Height: { } h }) return;
        double imageWidth, imageHeight;
        if (box.Units == CoordinateUnits.Percent) (imageWidth, imageHeight) = (100, 100);
        else if (box.OriginalWidth is { } ow && box.OriginalHeight is { } oh) (imageWidth, imageHeight) = (ow, oh);
        else if (schema.Field(box.ToName) is { } field && ImageSize(item, field) is var (bw, bh)) (imageWidth, imageHeight) = (bw, bh);
        else return;
        if (imageWidth <= 0 || imageHeight <= 0) return;
        boxPosition.Add((x + w / 2) / imageWidth, (y + h / 2) / imageHeight);
        boxSize.Add(w / imageWidth, h / imageHeight);
    }

    private static ValueDistribution Of(Dictionary<string, ValueDistribution> map, string key, double quantum)
    {
        if (!map.TryGetValue(key, out var distribution)) map[key] = distribution = new ValueDistribution(quantum);
        return distribution;
    }

    /// <summary>Items and regions per label of each control (schema labels first, in schema order, then any others).</summary>
    public IReadOnlyList<LabelShare> LabelShares()
    {
        var result = new List<LabelShare>();
        foreach (var control in schema.Controls.Where(c => ControlTypes.HasLabels(c.Type)))
        {
            foreach (var label in control.Labels)
            {
                var (labelItems, regions) = labels.GetValueOrDefault((control.Name, label.Value));
                result.Add(new LabelShare(control.Name, label.Value, labelItems, regions));
            }
        }
        foreach (var ((control, label), (labelItems, regions)) in labels.OrderBy(p => p.Key.Control, StringComparer.Ordinal).ThenBy(p => p.Key.Label, StringComparer.Ordinal))
        {
            if (!result.Any(r => r.Control == control && r.Label == label)) result.Add(new LabelShare(control, label, labelItems, regions));
        }
        return result;
    }

    public LabelTermCounts Terms => terms;

    public DatasetAnalysis Summarize(int topTerms, int bins)
    {
        var shares = LabelShares();
        var imbalance = shares.GroupBy(s => s.Control).Select(g =>
        {
            var used = g.Where(s => s.Items > 0).OrderByDescending(s => s.Items).ThenBy(s => s.Label, StringComparer.Ordinal).ToList();
            var unused = g.Where(s => s.Items == 0).Select(s => s.Label).ToList();
            return used.Count < 2
                ? new ControlImbalance(g.Key, null, used.FirstOrDefault()?.Label, used.FirstOrDefault()?.Label, unused)
                : new ControlImbalance(g.Key, (double)used[0].Items / used[^1].Items, used[0].Label, used[^1].Label, unused);
        }).ToList();
        var inUse = shares.Where(s => s.Items > 0).ToList();
        double? overall = inUse.Count < 2 ? null : (double)inUse.Max(s => s.Items) / inUse.Min(s => s.Items);
        return new DatasetAnalysis(items, shares, overall, imbalance, coOccurrence.Summarize(),
            Summaries(textLength, bins), DistinctiveTerms.Compute(terms, topTerms), terms.DroppedAtOrBelow,
            Summaries(imageWidth, bins), Summaries(imageHeight, bins), Summaries(imageAspect, bins),
            boxPosition.Summarize(), boxSize.Summarize(), Summaries(audioDuration, bins), answersPerItem.Summarize(bins));
    }

    private static Dictionary<string, DistributionSummary> Summaries(Dictionary<string, ValueDistribution> map, int bins) =>
        map.ToDictionary(p => p.Key, p => p.Value.Summarize(bins), StringComparer.Ordinal);
}

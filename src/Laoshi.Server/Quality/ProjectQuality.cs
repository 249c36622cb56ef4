using System.Globalization;
using Laoshi.Core.Errors;
using Laoshi.Core.Schema;
using Laoshi.Quality;
using Laoshi.Server.Api;
using Laoshi.Storage;

namespace Laoshi.Server.Quality;

/// <summary>
/// Agreement, consensus and speed over a project's current answers: what the API's quality endpoints and the CLI's
/// `agreement PROJECT` / `aggregate PROJECT` compute, streamed from the store once.
/// </summary>
public sealed class ProjectQuality(LaoshiStore store, ProjectSchemas schemas)
{
    /// <summary>The control that ratings are read from: the one given, else the project's only classification control.</summary>
    public string Control(ProjectInfo project, string? requested)
    {
        var controls = AnswerLabels.ClassificationControls(schemas.For(project));
        if (requested is { Length: > 0 })
        {
            if (controls.Any(c => c.Name == requested)) return requested;
            throw new BadInputException(
                $"'{requested}' is not a choices or rating control of project '{project.Name}'" +
                (controls.Count > 0 ? $"; it has {string.Join(", ", controls.Select(c => c.Name))}" : ""), field: "control");
        }
        return controls.Count switch
        {
            1 => controls[0].Name,
            0 => throw new BadInputException($"project '{project.Name}' has no choices or rating control to measure agreement on", field: "control"),
            _ => throw new BadInputException(
                $"project '{project.Name}' has several classification controls ({string.Join(", ", controls.Select(c => c.Name))}); choose one with control",
                field: "control"),
        };
    }

    public async Task<RatingTable> RatingsAsync(ProjectInfo project, string control, CancellationToken ct)
    {
        var builder = new RatingTableBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in store.Export.StreamAsync(project.Id, ct: ct)) AnswerLabels.Add(builder, item, control, seen);
        return builder.Build();
    }

    public async Task<ProjectAgreementResponse> AgreementAsync(ProjectInfo project, AgreementMetric metric, MeasurementLevel level,
        string? control, CancellationToken ct)
    {
        var name = Control(project, control);
        var table = await RatingsAsync(project, name, ct);
        if (!Pairable(table))
            return new ProjectAgreementResponse(name, AgreementMetrics.Name(metric), AgreementMetrics.Name(level), null, table.ItemCount,
                CohenKappaAnnotators(table), table.RatingCount, [], []);
        var report = Agreement.Report(table, metric, level);
        return new ProjectAgreementResponse(name, report.Metric, report.Level, report.Value, report.Items, report.Annotators, report.Ratings,
            report.PerLabel, report.Pairs);
    }

    public async Task<QualityReport> QualityAsync(ProjectInfo project, string? control, CancellationToken ct)
    {
        // Speed counts every answer; agreement only works where the project has a label per item to compare.
        string? name = null;
        try
        {
            name = Control(project, control);
        }
        catch (BadInputException) when (control is null)
        {
        }
        var builder = new RatingTableBuilder();
        var lastAnswer = new List<DateTimeOffset>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var times = new Dictionary<string, (int Answers, List<double> LeadTimes)>(StringComparer.Ordinal);
        await foreach (var item in store.Export.StreamAsync(project.Id, ct: ct))
        {
            foreach (var answer in item.Annotations)
            {
                if (answer.CreatedBy is not { Length: > 0 } person) continue;
                if (!times.TryGetValue(person, out var entry)) times[person] = entry = (0, []);
                if (answer.LeadTime is { } seconds && seconds > 0) entry.LeadTimes.Add(seconds);
                times[person] = (entry.Answers + 1, entry.LeadTimes);
            }
            if (name is null) continue;
            var before = builder.Count;
            AnswerLabels.Add(builder, item, name, seen);
            if (builder.Count > before) lastAnswer.Add(item.Annotations.Max(a => a.CreatedAt));
        }
        var table = builder.Build();
        var agreementWithOthers = AgreementWithOthers(table);
        var annotators = times.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t =>
        {
            var (answers, leadTimes) = t.Value;
            double? perHour = leadTimes.Count == 0 ? null : 3600 / leadTimes.Average();
            double? median = leadTimes.Count == 0 ? null : Median(leadTimes);
            return new AnnotatorQuality(t.Key, answers, perHour, median, agreementWithOthers.GetValueOrDefault(t.Key));
        }).ToList();
        return new QualityReport(name, ByDay(table, lastAnswer), annotators);
    }

    /// <summary>Items grouped by the UTC day of their latest answer; the table's items are in the order lastAnswer was filled.</summary>
    private static List<DayAgreement> ByDay(RatingTable table, List<DateTimeOffset> lastAnswer)
    {
        var days = new SortedDictionary<string, HashSet<int>>(StringComparer.Ordinal);
        for (var item = 0; item < table.ItemCount; item++)
        {
            if (table.RatingsOf(item) < 2) continue;
            var day = lastAnswer[item].UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (!days.TryGetValue(day, out var items)) days[day] = items = [];
            items.Add(item);
        }
        return days.Select(day =>
        {
            var subset = table.Where((item, _) => day.Value.Contains(item), minimumPerItem: 2);
            return new DayAgreement(day.Key, subset.ItemCount, Finite(KrippendorffAlpha.Compute(subset)), Finite(PercentAgreement.Compute(subset)));
        }).ToList();
    }

    private static Dictionary<string, double?> AgreementWithOthers(RatingTable table)
    {
        var agreed = new int[table.AnnotatorCount];
        var compared = new int[table.AnnotatorCount];
        var counts = new int[table.LabelCount];
        var starts = table.ItemStarts;
        var annotators = table.RatingAnnotators;
        var labels = table.RatingLabels;
        for (var item = 0; item < table.ItemCount; item++)
        {
            var (start, end) = (starts[item], starts[item + 1]);
            if (end - start < 2) continue;
            for (var r = start; r < end; r++) counts[labels[r]]++;
            for (var r = start; r < end; r++)
            {
                counts[labels[r]]--;
                int best = -1, bestCount = 0;
                for (var o = start; o < end; o++)
                {
                    var c = counts[labels[o]];
                    if (c > bestCount || (c == bestCount && c > 0 && labels[o] < best)) (best, bestCount) = (labels[o], c);
                }
                counts[labels[r]]++;
                compared[annotators[r]]++;
                if (best == labels[r]) agreed[annotators[r]]++;
            }
            for (var r = start; r < end; r++) counts[labels[r]] = 0;
        }
        var result = new Dictionary<string, double?>(StringComparer.Ordinal);
        for (var a = 0; a < table.AnnotatorCount; a++) result[table.Annotators[a]] = compared[a] == 0 ? null : (double)agreed[a] / compared[a];
        return result;
    }

    /// <summary>Box or span agreement for a rectanglelabels or (text) labels control.</summary>
    public async Task<RegionAgreementResponse> RegionAgreementAsync(ProjectInfo project, string? requested, double iou, CancellationToken ct)
    {
        var controls = schemas.For(project).Controls.Where(c => c.Type is ControlTypes.RectangleLabels or ControlTypes.Labels).ToList();
        var control = requested is { Length: > 0 } ? controls.FirstOrDefault(c => c.Name == requested) : controls.Count == 1 ? controls[0] : null;
        if (control is null)
            throw new BadInputException(requested is { Length: > 0 }
                ? $"'{requested}' is not a rectanglelabels or labels control of project '{project.Name}'"
                : $"project '{project.Name}' has {controls.Count} box or span controls ({string.Join(", ", controls.Select(c => c.Name))}); choose one with control",
                field: "control");
        if (iou is <= 0 or > 1) throw new BadInputException("iou must be above 0 and at most 1", field: "iou");
        var boxes = new List<IReadOnlyList<LabelledBox>>();
        var spans = new List<IReadOnlyList<LabelledSpan>>();
        var people = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in store.Export.StreamAsync(project.Id, ct: ct))
        {
            var itemBoxes = new List<LabelledBox>();
            var itemSpans = new List<LabelledSpan>();
            seen.Clear();
            foreach (var answer in item.Annotations)
            {
                if (answer.CreatedBy is not { Length: > 0 } person || !seen.Add(person)) continue;
                people.Add(person);
                foreach (var region in answer.Result)
                {
                    if (region.FromName != control.Name) continue;
                    var label = region.Labels.Count > 0 ? region.Labels[0] : "";
                    if (region is { X: { } x, Y: { } y, Width: { } w, Height: { } h }) itemBoxes.Add(new LabelledBox(person, label, new Box(x, y, w, h)));
                    else if (region is { Start: { } start, End: { } end }) itemSpans.Add(new LabelledSpan(person, label, start, end));
                }
            }
            if (itemBoxes.Count > 0) boxes.Add(itemBoxes);
            if (itemSpans.Count > 0) spans.Add(itemSpans);
        }
        if (control.Type == ControlTypes.RectangleLabels)
            return new RegionAgreementResponse(control.Name, control.Type, iou, BoxAgreement.Compute(boxes, iou), null);
        var pairs = new List<SpanPairAgreement>();
        var everyone = people.ToList();
        for (var i = 0; i < everyone.Count; i++)
        for (var j = i + 1; j < everyone.Count; j++)
        {
            var (a, b) = (everyone[i], everyone[j]);
            var shared = spans.Where(item => item.Any(s => s.Annotator == a) && item.Any(s => s.Annotator == b)).ToList();
            if (shared.Count == 0) continue;
            var result = SpanAgreement.Compute(shared, a, b);
            pairs.Add(new SpanPairAgreement(a, b, result.FirstSpans, result.SecondSpans, result.ExactF1, result.OverlapF1));
        }
        return new RegionAgreementResponse(control.Name, control.Type, iou, null, pairs);
    }

    private static bool Pairable(RatingTable table)
    {
        for (var item = 0; item < table.ItemCount; item++) if (table.RatingsOf(item) >= 2) return true;
        return false;
    }

    private static int CohenKappaAnnotators(RatingTable table) => table.RatingAnnotators.ToArray().Distinct().Count();

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

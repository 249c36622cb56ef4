using System.Globalization;
using Laoshi.Core.Regions;

namespace Laoshi.Core.Gold;

/// <summary>
/// Grades an answer against a known (gold) answer. Classes and other whole-item answers (choices, rating, text) must
/// match exactly per control; boxes match a gold box of the same label at IoU ≥ <see cref="MinimumIoU"/> (one to one,
/// best overlap first); text spans need the same boundaries and label; audio segments match at time IoU ≥ the same
/// threshold with the same label; polygons and keypoints must be equal.
/// </summary>
public static class GoldGrader
{
    public const double MinimumIoU = 0.5;

    public static GoldGrade Grade(IReadOnlyList<Region> gold, IReadOnlyList<Region> answer)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(answer);
        var tally = new Tally();
        GradeWholeAnswers(gold.Where(IsWholeAnswer), answer.Where(IsWholeAnswer), tally);
        GradeByOverlap(gold.Where(IsBox).ToList(), answer.Where(IsBox).ToList(), BoxIoU, tally);
        GradeByOverlap(gold.Where(IsAudioSegment).ToList(), answer.Where(IsAudioSegment).ToList(), TimeIoU, tally);
        GradeExactly(gold.Where(IsExactShape), answer.Where(IsExactShape), tally);
        return tally.ToGrade();
    }

    private static bool IsBox(Region r) => r.Type is RegionTypes.RectangleLabels or RegionTypes.Rectangle;
    private static bool IsAudioSegment(Region r) => r.Type == RegionTypes.Labels && r.StartTime is not null && r.Start is null;
    private static bool IsExactShape(Region r) => !IsBox(r) && !IsAudioSegment(r) && !IsWholeAnswer(r);

    /// <summary>Answers about the whole item (or a transcript of a region, graded with its control).</summary>
    private static bool IsWholeAnswer(Region r) => r.Type is RegionTypes.Choices or RegionTypes.Rating or RegionTypes.TextArea;

    private static string LabelOf(Region r) => r.Labels.Count > 0 ? string.Join("+", r.Labels.Order(StringComparer.Ordinal)) : r.FromName;

    private static void GradeWholeAnswers(IEnumerable<Region> gold, IEnumerable<Region> answer, Tally tally)
    {
        var goldByControl = gold.GroupBy(r => r.FromName).ToDictionary(g => g.Key, WholeValue, StringComparer.Ordinal);
        var answerByControl = answer.GroupBy(r => r.FromName).ToDictionary(g => g.Key, WholeValue, StringComparer.Ordinal);
        foreach (var (control, expected) in goldByControl)
        {
            var same = answerByControl.TryGetValue(control, out var given) && given.Key == expected.Key;
            foreach (var label in expected.Labels) tally.Gold(label, same, countUnit: label == expected.Labels[0]);
            if (!same && given is not null) foreach (var label in given.Labels) tally.ExtraUnit(label, countUnit: label == given.Labels[0]);
        }
        foreach (var (control, given) in answerByControl)
            if (!goldByControl.ContainsKey(control)) foreach (var label in given.Labels) tally.ExtraUnit(label, countUnit: label == given.Labels[0]);
    }

    /// <summary>A control's whole answer as a comparable key, with the labels it is counted under (at least one).</summary>
    private static WholeAnswer WholeValue(IEnumerable<Region> regions)
    {
        var list = regions.ToList();
        var labels = list.SelectMany(r => r.Labels).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var key = string.Join("\u001f", labels) + "\u001e" +
                  string.Join("\u001f", list.Where(r => r.Rating is not null).Select(r => r.Rating!.Value.ToString(CultureInfo.InvariantCulture))) + "\u001e" +
                  string.Join("\u001f", list.Where(r => r.TextLines is not null).SelectMany(r => r.TextLines!).Select(t => t.Trim()));
        return new WholeAnswer(key, labels.Count > 0 ? labels : [list[0].FromName]);
    }

    private static void GradeByOverlap(List<Region> gold, List<Region> answer, Func<Region, Region, double> iou, Tally tally)
    {
        var pairs = new List<(int Gold, int Answer, double IoU)>();
        for (var g = 0; g < gold.Count; g++)
            for (var a = 0; a < answer.Count; a++)
            {
                if (LabelOf(gold[g]) != LabelOf(answer[a])) continue;
                var overlap = iou(gold[g], answer[a]);
                if (overlap >= MinimumIoU) pairs.Add((g, a, overlap));
            }
        var goldMatched = new bool[gold.Count];
        var answerMatched = new bool[answer.Count];
        foreach (var (g, a, _) in pairs.OrderByDescending(p => p.IoU))
        {
            if (goldMatched[g] || answerMatched[a]) continue;
            goldMatched[g] = answerMatched[a] = true;
        }
        for (var g = 0; g < gold.Count; g++) tally.Gold(LabelOf(gold[g]), goldMatched[g]);
        for (var a = 0; a < answer.Count; a++) if (!answerMatched[a]) tally.ExtraUnit(LabelOf(answer[a]), countUnit: true);
    }

    private static void GradeExactly(IEnumerable<Region> gold, IEnumerable<Region> answer, Tally tally)
    {
        var unmatched = answer.ToList();
        foreach (var expected in gold)
        {
            var index = unmatched.FindIndex(r => ExactKey(r) == ExactKey(expected));
            tally.Gold(LabelOf(expected), index >= 0);
            if (index >= 0) unmatched.RemoveAt(index);
        }
        foreach (var extra in unmatched) tally.ExtraUnit(LabelOf(extra), countUnit: true);
    }

    private static string ExactKey(Region r) => string.Join("|",
        r.Type, r.FromName, LabelOf(r), r.Start, r.End,
        r.X?.ToString("R", CultureInfo.InvariantCulture), r.Y?.ToString("R", CultureInfo.InvariantCulture),
        r.Points is null ? "" : string.Join(";", r.Points.Select(p => FormattableString.Invariant($"{p.X:R},{p.Y:R}"))));

    private static double BoxIoU(Region a, Region b)
    {
        if (a.X is not { } ax || a.Y is not { } ay || a.Width is not { } aw || a.Height is not { } ah) return 0;
        if (b.X is not { } bx || b.Y is not { } by || b.Width is not { } bw || b.Height is not { } bh) return 0;
        var w = Math.Min(ax + aw, bx + bw) - Math.Max(ax, bx);
        var h = Math.Min(ay + ah, by + bh) - Math.Max(ay, by);
        if (w <= 0 || h <= 0) return 0;
        var intersection = w * h;
        return intersection / (aw * ah + bw * bh - intersection);
    }

    private static double TimeIoU(Region a, Region b)
    {
        if (a.StartTime is not { } a0 || a.EndTime is not { } a1 || b.StartTime is not { } b0 || b.EndTime is not { } b1) return 0;
        if (a.Channel != b.Channel) return 0;
        var intersection = Math.Min(a1, b1) - Math.Max(a0, b0);
        if (intersection <= 0) return 0;
        return intersection / (Math.Max(a1, b1) - Math.Min(a0, b0));
    }

    private sealed record WholeAnswer(string Key, IReadOnlyList<string> Labels);

    private sealed class Tally
    {
        private readonly Dictionary<string, LabelGrade> _byLabel = new(StringComparer.Ordinal);
        private int _gold;
        private int _matched;
        private int _extra;

        /// <summary>A gold unit under this label; a multi-label whole answer is one unit but counts under each label.</summary>
        public void Gold(string label, bool matched, bool countUnit = true)
        {
            if (countUnit)
            {
                _gold++;
                if (matched) _matched++;
            }
            Add(label, new LabelGrade(1, matched ? 1 : 0, 0));
        }

        /// <summary>An answered unit that matched nothing.</summary>
        public void ExtraUnit(string label, bool countUnit)
        {
            if (countUnit) _extra++;
            Add(label, new LabelGrade(0, 0, 1));
        }

        private void Add(string label, LabelGrade grade) =>
            _byLabel[label] = _byLabel.TryGetValue(label, out var had) ? had.Plus(grade) : grade;

        public GoldGrade ToGrade() => new(_gold, _matched, _extra, _byLabel);
    }
}

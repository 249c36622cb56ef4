using System.Text.RegularExpressions;

namespace Laoshi.Evaluation.Behaviour;

/// <summary>
/// Fills templates such as "I {verb} the {thing}." with every combination of slot values (a slot used twice takes
/// one value), and when that makes more than the limit, a seeded sample of the combinations, in order.
/// </summary>
public static partial class TemplateExpander
{
    [GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial Regex SlotPattern();

    /// <summary>The slot names a template uses, in first-use order.</summary>
    public static IReadOnlyList<string> SlotsOf(string template) =>
        [.. SlotPattern().Matches(template).Select(m => m.Groups[1].Value.Trim()).Distinct(StringComparer.Ordinal)];

    public static IReadOnlyList<string> Expand(IReadOnlyList<string> templates, IReadOnlyDictionary<string, IReadOnlyList<string>> slots, int limit, Random random)
    {
        var shapes = templates.Select(t => (Template: t, Names: SlotsOf(t))).ToList();
        var sizes = shapes.Select(s => s.Names.Aggregate(1L, (product, name) => checked(product * slots[name].Count))).ToList();
        var total = sizes.Sum();
        IEnumerable<long> picks = total <= limit ? Enumerable.Range(0, (int)total).Select(i => (long)i) : SampleIndices(total, limit, random);

        var texts = new List<string>();
        foreach (var pick in picks)
        {
            var index = pick;
            var t = 0;
            while (index >= sizes[t]) index -= sizes[t++];
            var (template, names) = shapes[t];
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var n = names.Count - 1; n >= 0; n--)
            {
                var options = slots[names[n]];
                values[names[n]] = options[(int)(index % options.Count)];
                index /= options.Count;
            }
            texts.Add(SlotPattern().Replace(template, m => values[m.Groups[1].Value.Trim()]));
        }
        return texts;
    }

    /// <summary>Floyd's sampling of <paramref name="count"/> distinct indices below <paramref name="total"/>, returned sorted.</summary>
    private static IEnumerable<long> SampleIndices(long total, int count, Random random)
    {
        var chosen = new HashSet<long>();
        for (var j = total - count; j < total; j++)
        {
            var candidate = random.NextInt64(j + 1);
            chosen.Add(chosen.Contains(candidate) ? j : candidate);
        }
        return chosen.Order();
    }
}

using System.Globalization;
using System.Net;
using System.Text;

namespace Laoshi.Server.Evaluation;

/// <summary>
/// Small inline SVG charts for the self-contained HTML report: nothing external is loaded, so the file can be mailed,
/// archived or attached to a CI run and still shows everything.
/// </summary>
public static class SvgCharts
{
    private static readonly string[] Palette = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777", "#4b5563", "#65a30d"];

    /// <summary>A confusion matrix heat map: rows are true labels, columns predicted; each row shaded by its share.</summary>
    public static string ConfusionHeatMap(IReadOnlyList<string> labels, IReadOnlyList<long[]> matrix)
    {
        const int cell = 36, left = 120, top = 110;
        var n = labels.Count;
        var width = left + n * cell + 10;
        var height = top + n * cell + 10;
        var svg = Open(width, height, "confusion matrix");
        for (var j = 0; j < n; j++)
            svg.Append(Invariant($"<text x=\"{left + j * cell + cell / 2}\" y=\"{top - 6}\" transform=\"rotate(-45 {left + j * cell + cell / 2} {top - 6})\" font-size=\"11\">{Escape(Short(labels[j]))}</text>"));
        for (var i = 0; i < n; i++)
        {
            var rowTotal = matrix[i].Sum();
            svg.Append(Invariant($"<text x=\"{left - 6}\" y=\"{top + i * cell + cell / 2 + 4}\" text-anchor=\"end\" font-size=\"11\">{Escape(Short(labels[i]))}</text>"));
            for (var j = 0; j < n; j++)
            {
                var share = rowTotal == 0 ? 0 : (double)matrix[i][j] / rowTotal;
                var colour = i == j ? Invariant($"rgba(22,163,74,{0.1 + 0.9 * share:F3})") : Invariant($"rgba(220,38,38,{(share == 0 ? 0 : 0.1 + 0.9 * share):F3})");
                svg.Append(Invariant($"<rect x=\"{left + j * cell}\" y=\"{top + i * cell}\" width=\"{cell - 1}\" height=\"{cell - 1}\" fill=\"{colour}\" stroke=\"#e5e7eb\"><title>true {Escape(labels[i])}, predicted {Escape(labels[j])}: {matrix[i][j]}</title></rect>"));
                svg.Append(Invariant($"<text x=\"{left + j * cell + cell / 2}\" y=\"{top + i * cell + cell / 2 + 4}\" text-anchor=\"middle\" font-size=\"10\">{matrix[i][j]}</text>"));
            }
        }
        svg.Append(Invariant($"<text x=\"4\" y=\"{top - 6}\" font-size=\"10\" fill=\"#6b7280\">true ↓ predicted →</text>"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Curves on the unit square (PR: x recall, y precision), one colour per series, with a legend.</summary>
    public static string Curves(string title, string xLabel, string yLabel, IReadOnlyList<(string Name, IReadOnlyList<(double X, double Y)> Points)> series,
        bool diagonal = false)
    {
        const int size = 260, left = 40, top = 20;
        var legendHeight = 16 * Math.Min(series.Count, 12);
        var svg = Open(left + size + 170, top + size + 40 + Math.Max(0, legendHeight - size), title);
        Axes(svg, left, top, size, xLabel, yLabel);
        if (diagonal) svg.Append(Invariant($"<line x1=\"{left}\" y1=\"{top + size}\" x2=\"{left + size}\" y2=\"{top}\" stroke=\"#9ca3af\" stroke-dasharray=\"4 3\"/>"));
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Palette[s % Palette.Length];
            var path = string.Join(" ", series[s].Points.Select(p => Invariant($"{left + Clamp(p.X) * size:F1},{top + (1 - Clamp(p.Y)) * size:F1}")));
            svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.6\" points=\"{path}\"><title>{Escape(series[s].Name)}</title></polyline>"));
            if (s < 12)
                svg.Append(Invariant($"<rect x=\"{left + size + 14}\" y=\"{top + s * 16}\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"{left + size + 28}\" y=\"{top + s * 16 + 9}\" font-size=\"11\">{Escape(Short(series[s].Name))}</text>"));
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A reliability diagram: per confidence bin, the accuracy bar against the diagonal of perfect calibration.</summary>
    public static string Reliability(IReadOnlyList<(double Lower, double Upper, long Count, double? Accuracy)> bins)
    {
        const int size = 260, left = 40, top = 20;
        var svg = Open(left + size + 20, top + size + 40, "reliability diagram");
        Axes(svg, left, top, size, "confidence", "accuracy");
        foreach (var bin in bins)
        {
            if (bin.Count == 0 || bin.Accuracy is not { } accuracy) continue;
            var x = left + bin.Lower * size;
            var w = (bin.Upper - bin.Lower) * size - 1;
            var h = accuracy * size;
            svg.Append(Invariant($"<rect x=\"{x:F1}\" y=\"{top + size - h:F1}\" width=\"{w:F1}\" height=\"{h:F1}\" fill=\"#2563eb\" opacity=\"0.75\"><title>{bin.Lower:F1}–{bin.Upper:F1}: accuracy {accuracy:F3} of {bin.Count}</title></rect>"));
        }
        svg.Append(Invariant($"<line x1=\"{left}\" y1=\"{top + size}\" x2=\"{left + size}\" y2=\"{top}\" stroke=\"#dc2626\" stroke-dasharray=\"4 3\"/>"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars, one per row, the value (0..1 unless a larger maximum is given) written beside each.</summary>
    public static string Bars(string title, IReadOnlyList<(string Label, double Value, string Note)> rows, double max = 1)
    {
        const int left = 200, barWidth = 300, rowHeight = 20;
        max = Math.Max(max, rows.Count == 0 ? 1 : rows.Max(r => r.Value));
        var svg = Open(left + barWidth + 140, rows.Count * rowHeight + 10, title);
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, value, note) = rows[i];
            var y = 5 + i * rowHeight;
            var w = max <= 0 ? 0 : Math.Max(0, value) / max * barWidth;
            svg.Append(Invariant($"<text x=\"{left - 6}\" y=\"{y + 13}\" text-anchor=\"end\" font-size=\"11\">{Escape(Short(label, 32))}</text>"));
            svg.Append(Invariant($"<rect x=\"{left}\" y=\"{y + 2}\" width=\"{w:F1}\" height=\"{rowHeight - 6}\" fill=\"#2563eb\"><title>{Escape(label)}: {value:F4} {Escape(note)}</title></rect>"));
            svg.Append(Invariant($"<text x=\"{left + w + 6:F1}\" y=\"{y + 13}\" font-size=\"11\">{value:F3} {Escape(note)}</text>"));
        }
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(int width, int height, string title) =>
        new(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Escape(title)}\" font-family=\"sans-serif\">"));

    private static void Axes(StringBuilder svg, int left, int top, int size, string xLabel, string yLabel)
    {
        svg.Append(Invariant($"<rect x=\"{left}\" y=\"{top}\" width=\"{size}\" height=\"{size}\" fill=\"none\" stroke=\"#9ca3af\"/>"));
        foreach (var tick in new[] { 0.0, 0.5, 1.0 })
        {
            svg.Append(Invariant($"<text x=\"{left + tick * size}\" y=\"{top + size + 14}\" text-anchor=\"middle\" font-size=\"10\">{tick:0.#}</text>"));
            svg.Append(Invariant($"<text x=\"{left - 4}\" y=\"{top + (1 - tick) * size + 4}\" text-anchor=\"end\" font-size=\"10\">{tick:0.#}</text>"));
        }
        svg.Append(Invariant($"<text x=\"{left + size / 2}\" y=\"{top + size + 30}\" text-anchor=\"middle\" font-size=\"11\">{Escape(xLabel)}</text>"));
        svg.Append(Invariant($"<text x=\"12\" y=\"{top + size / 2}\" transform=\"rotate(-90 12 {top + size / 2})\" text-anchor=\"middle\" font-size=\"11\">{Escape(yLabel)}</text>"));
    }

    private static double Clamp(double value) => double.IsFinite(value) ? Math.Clamp(value, 0, 1) : 0;

    private static string Short(string text, int max = 18) => text.Length <= max ? text : text[..(max - 1)] + "…";

    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

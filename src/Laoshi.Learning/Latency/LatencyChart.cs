using System.Globalization;
using System.Net;
using System.Text;

namespace Laoshi.Learning.Latency;

/// <summary>
/// A self-contained SVG of a latency run: a histogram of request latencies with the p50/p95/p99 marked, and the
/// figures in the title, so the file can be attached to a report or a CI artefact as it is.
/// </summary>
public static class LatencyChart
{
    private const int Width = 640, Height = 320, Left = 56, Right = 16, Top = 40, Bottom = 40, Bins = 40;

    public static string ToSvg(LatencyReport report)
    {
        static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        sb.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#fff\"/>");
        var title = $"{report.Model}: p50 {F(report.P50Ms)} ms · p95 {F(report.P95Ms)} ms · p99 {F(report.P99Ms)} ms · {F(report.RequestsPerSecond)} req/s at concurrency {report.Concurrency}";
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"22\" font-weight=\"bold\">{WebUtility.HtmlEncode(title)}</text>");
        var samples = report.LatenciesMs;
        if (samples.Count > 0)
        {
            var max = Math.Max(samples.Max(), 1e-6);
            var counts = new int[Bins];
            foreach (var s in samples) counts[Math.Min(Bins - 1, (int)(s / max * Bins))]++;
            var top = counts.Max();
            double plotW = Width - Left - Right, plotH = Height - Top - Bottom, barW = plotW / Bins;
            for (var b = 0; b < Bins; b++)
            {
                var h = counts[b] / (double)top * plotH;
                sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(Left + b * barW)}\" y=\"{F(Top + plotH - h)}\" width=\"{F(barW - 1)}\" height=\"{F(h)}\" fill=\"#4a7bd0\"><title>{F(b * max / Bins)}–{F((b + 1) * max / Bins)} ms: {counts[b]}</title></rect>");
            }
            foreach (var (name, value, colour) in new[] { ("p50", report.P50Ms, "#2a9d4a"), ("p95", report.P95Ms, "#e0a000"), ("p99", report.P99Ms, "#d0342c") })
            {
                var x = Left + value / max * plotW;
                sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" y1=\"{Top}\" x2=\"{F(x)}\" y2=\"{F(Top + plotH)}\" stroke=\"{colour}\" stroke-width=\"2\"/>");
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + 3)}\" y=\"{Top + 12}\" fill=\"{colour}\">{name}</text>");
            }
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{F(Top + plotH)}\" x2=\"{F(Left + plotW)}\" y2=\"{F(Top + plotH)}\" stroke=\"#333\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 12}\">0 ms</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Left + plotW)}\" y=\"{Height - 12}\" text-anchor=\"end\">{F(max)} ms</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Left + plotW / 2)}\" y=\"{Height - 12}\" text-anchor=\"middle\">latency per request ({samples.Count} requests)</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + 4}\" text-anchor=\"end\">{top}</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }
}

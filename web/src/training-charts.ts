import { chartFigure } from "./chart-figure";
import { s } from "./dom";

// The training page's charts, drawn as SVG element by element, each with its numbers as a hidden table:
// a metric against one parameter (a scatter; log axis for log-scale parameters), learning curves (lines),
// and two runs' metrics side by side (bars).

const palette = ["#0b57d0", "#b3261e", "#1e7b34", "#6b3fa0", "#8a5a00", "#00677d"];
const width = 520;
const height = 260;
const left = 52;
const right = 16;
const top = 12;
const bottom = 40;

const fmt = (value: number): string => (Math.abs(value) >= 1000 || (value !== 0 && Math.abs(value) < 0.01) ? value.toExponential(1) : String(Number(value.toFixed(3))));

function text(x: number, y: number, value: string, anchor = "start", cls = "axis"): SVGTextElement {
  const el = s("text", { x, y, "text-anchor": anchor, class: cls });
  el.textContent = value;
  return el;
}

/** A linear or log axis from data to pixels, padded so no point sits on the frame. */
function scale(values: number[], from: number, to: number, log: boolean): (v: number) => number {
  const f = log ? (v: number) => Math.log10(Math.max(v, 1e-12)) : (v: number) => v;
  let lo = Math.min(...values.map(f));
  let hi = Math.max(...values.map(f));
  if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
  const pad = (hi - lo) * 0.05;
  lo -= pad; hi += pad;
  return (v) => from + ((f(v) - lo) / (hi - lo)) * (to - from);
}

function frame(svg: SVGSVGElement, xName: string, yName: string, xs: number[], ys: number[], end = width - right): void {
  svg.append(s("rect", { x: left, y: top, width: end - left, height: height - top - bottom, fill: "none", stroke: "#6b7683" }));
  const minX = Math.min(...xs); const maxX = Math.max(...xs);
  const minY = Math.min(...ys); const maxY = Math.max(...ys);
  svg.append(text(left, height - bottom + 14, fmt(minX)), text(width - right, height - bottom + 14, fmt(maxX), "end"),
    text((left + width - right) / 2, height - 6, xName, "middle"),
    text(left - 4, height - bottom, fmt(minY), "end"), text(left - 4, top + 10, fmt(maxY), "end"));
  const label = text(12, (top + height - bottom) / 2, yName, "middle");
  label.setAttribute("transform", `rotate(-90 12 ${(top + height - bottom) / 2})`);
  svg.append(label);
}

export interface ScatterPoint { x: number; y: number; label: string }

/** Metric (y) against one parameter (x): one dot per trial or run, its label in the dot's tooltip. */
export function scatterChart(title: string, xName: string, yName: string, points: ScatterPoint[], logX = false): HTMLElement {
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": title });
  if (points.length) {
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    const sx = scale(xs, left, width - right, logX);
    const sy = scale(ys, height - bottom, top, false);
    frame(svg, logX ? `${xName} (log)` : xName, yName, xs, ys);
    for (const point of points) {
      const dot = s("circle", { cx: sx(point.x), cy: sy(point.y), r: 5, fill: palette[0]!, opacity: 0.75, class: "point" });
      const tip = s("title");
      tip.textContent = `${point.label}: ${xName} ${fmt(point.x)}, ${yName} ${fmt(point.y)}`;
      dot.append(tip);
      svg.append(dot);
    }
  }
  return chartFigure(title, svg, ["", xName, yName], points.map((p) => [p.label, fmt(p.x), fmt(p.y)]));
}

/** Lines sharing an x axis (a learning curve: one line per metric against the examples trained on). */
export function lineChart(title: string, xName: string, series: { name: string; points: [number, number][] }[]): HTMLElement {
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": title });
  const all = series.flatMap((one) => one.points);
  const end = width - 130;
  if (all.length) {
    const xs = all.map(([x]) => x);
    const ys = all.map(([, y]) => y);
    const sx = scale(xs, left, end, false);
    const sy = scale(ys, height - bottom, top, false);
    frame(svg, xName, "", xs, ys, end);
    series.forEach((one, k) => {
      const colour = palette[k % palette.length]!;
      svg.append(s("polyline", { points: one.points.map(([x, y]) => `${sx(x)},${sy(y)}`).join(" "), fill: "none", stroke: colour, "stroke-width": 2 }));
      for (const [x, y] of one.points) svg.append(s("circle", { cx: sx(x), cy: sy(y), r: 3, fill: colour }));
      svg.append(s("rect", { x: end + 10, y: top + k * 18, width: 10, height: 10, fill: colour }), text(end + 24, top + 9 + k * 18, one.name.slice(0, 16)));
    });
  }
  return chartFigure(title, svg, ["", xName, ""], series.flatMap((one) => one.points.map(([x, y]) => [one.name, fmt(x), fmt(y)])));
}

/** Two runs' metrics side by side: a pair of bars per metric. */
export function pairedBars(title: string, names: [string, string], rows: { name: string; a: number | null; b: number | null }[]): HTMLElement {
  const rowHeight = 34;
  const labelWidth = 150;
  const barWidth = width - labelWidth - 70;
  const shown = rows.filter((r) => r.a !== null || r.b !== null);
  const max = Math.max(1e-9, ...shown.flatMap((r) => [Math.abs(r.a ?? 0), Math.abs(r.b ?? 0)]));
  const svg = s("svg", { viewBox: `0 0 ${width} ${shown.length * rowHeight + 30}`, class: "chart", role: "img", "aria-label": title });
  names.forEach((name, k) => svg.append(s("rect", { x: labelWidth + k * 140, y: 4, width: 10, height: 10, fill: palette[k]! }), text(labelWidth + 14 + k * 140, 13, name)));
  shown.forEach((row, i) => {
    const y = 24 + i * rowHeight;
    svg.append(text(labelWidth - 8, y + 17, row.name.slice(0, 22), "end"));
    [row.a, row.b].forEach((value, k) => {
      if (value === null) return;
      const length = Math.max(2, (barWidth * Math.abs(value)) / max);
      svg.append(s("rect", { x: labelWidth, y: y + k * 14, width: length, height: 12, rx: 2, fill: palette[k]!, class: "bar" }),
        text(labelWidth + length + 4, y + k * 14 + 10, fmt(value), "start", "value"));
    });
  });
  return chartFigure(title, svg, ["", names[0], names[1]], shown.map((r) => [r.name, r.a === null ? "—" : fmt(r.a), r.b === null ? "—" : fmt(r.b)]));
}

import { type Activity, type Project, type Stats, api } from "./api";
import { chartFigure } from "./chart-figure";
import { clear, h, s } from "./dom";
import { t } from "./i18n";
import { qualitySection } from "./quality";
import { colorOf } from "./state";

// The project dashboard: progress, annotations per day, labels and people, drawn as SVG built element by element.
// Each chart also has its numbers as a table (visually hidden) for screen readers.

interface Bar { name: string; value: number; colour?: string; note?: string }

function barChart(title: string, bars: Bar[]): HTMLElement {
  const rowHeight = 26;
  const labelWidth = 160;
  const width = 640;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const svg = s("svg", { viewBox: `0 0 ${width} ${Math.max(1, bars.length) * rowHeight + 8}`, class: "chart", role: "img", "aria-label": title });
  bars.forEach((bar, i) => {
    const y = i * rowHeight + 4;
    const length = Math.max(2, ((width - labelWidth - 150) * bar.value) / max);
    const name = s("text", { x: labelWidth - 8, y: y + 16, "text-anchor": "end", class: "axis" });
    name.textContent = bar.name.length > 22 ? `${bar.name.slice(0, 21)}…` : bar.name;
    const rect = s("rect", { x: labelWidth, y: y + 3, width: length, height: rowHeight - 8, rx: 3, fill: bar.colour ?? "#0b57d0" });
    const value = s("text", { x: labelWidth + length + 6, y: y + 16, class: "value" });
    value.textContent = bar.note ? `${bar.value} · ${bar.note}` : String(bar.value);
    svg.append(name, rect, value);
  });
  return chartFigure(title, svg, [t("name"), t("count")], bars.map((b) => [b.name, b.note ? `${b.value} (${b.note})` : String(b.value)]));
}

function dayChart(title: string, days: Activity["by_day"]): HTMLElement {
  const width = 640;
  const height = 200;
  const left = 40;
  const bottom = 24;
  const max = Math.max(1, ...days.map((d) => d.annotations));
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": title });
  svg.append(s("line", { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: "#6b7683" }));
  const top = s("text", { x: left - 6, y: 14, "text-anchor": "end", class: "axis" });
  top.textContent = String(max);
  svg.append(top);
  const slot = (width - left) / Math.max(1, days.length);
  days.forEach((d, i) => {
    const barHeight = ((height - bottom - 20) * d.annotations) / max;
    const barWidth = Math.min(48, Math.max(1, slot * 0.7));
    const x = left + i * slot + (slot - barWidth) / 2;
    const rect = s("rect", { x, y: height - bottom - barHeight, width: barWidth, height: barHeight, fill: "#1e7b34" });
    const tip = s("title");
    tip.textContent = `${d.day}: ${d.annotations}`;
    rect.append(tip);
    svg.append(rect);
    // Dates under the axis only where they fit (every nth bar).
    const every = Math.ceil(days.length / 8);
    if (i % every === 0) {
      const label = s("text", { x: x + barWidth / 2, y: height - 6, "text-anchor": "middle", class: "axis" });
      label.textContent = d.day.slice(5);
      svg.append(label);
    }
  });
  return chartFigure(title, svg, [t("day"), t("count")], days.map((d) => [d.day, String(d.annotations)]));
}

/** Cumulative annotations by day against the number of items: how far the project has come, day by day. */
function progressChart(title: string, days: Activity["by_day"], items: number): HTMLElement {
  const width = 640;
  const height = 200;
  const left = 48;
  const right = 16;
  const bottom = 24;
  const top = 16;
  let sum = 0;
  const totals = days.map((d) => ({ day: d.day, total: (sum += d.annotations) }));
  const max = Math.max(1, items, sum);
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": title });
  const y = (value: number) => height - bottom - ((height - bottom - top) * value) / max;
  const x = (i: number) => left + (totals.length > 1 ? ((width - left - right) * i) / (totals.length - 1) : (width - left - right) / 2);
  svg.append(s("line", { x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, stroke: "#6b7683" }));
  // The dashed line is the whole project: every item annotated once.
  svg.append(s("line", { x1: left, y1: y(items), x2: width - right, y2: y(items), stroke: "#6b7683", "stroke-dasharray": "4 4" }));
  const itemsLabel = s("text", { x: left - 6, y: y(items) + 4, "text-anchor": "end", class: "axis" });
  itemsLabel.textContent = String(items);
  svg.append(itemsLabel);
  svg.append(s("polyline", { points: totals.map((d, i) => `${x(i)},${y(d.total)}`).join(" "), fill: "none", stroke: "#0b57d0", "stroke-width": 2 }));
  const every = Math.ceil(totals.length / 8);
  totals.forEach((d, i) => {
    const dot = s("circle", { cx: x(i), cy: y(d.total), r: 4, fill: "#0b57d0", class: "point" });
    const tip = s("title");
    tip.textContent = `${d.day}: ${d.total}`;
    dot.append(tip);
    svg.append(dot);
    if (i % every === 0) {
      const label = s("text", { x: x(i), y: height - 6, "text-anchor": "middle", class: "axis" });
      label.textContent = d.day.slice(5);
      svg.append(label);
    }
  });
  return chartFigure(title, svg, [t("day"), t("annotationsSoFar")], totals.map((d) => [d.day, `${d.total} / ${items}`]));
}

export function dashboardPage(project: Project): HTMLElement {
  const body = h("div", { class: "dashboard" }, h("p", { class: "muted", role: "status" }, t("loading")));
  void (async () => {
    try {
      const [stats, activity]: [Stats, Activity] = await Promise.all([api.stats(project.name), api.activity(project.name)]);
      clear(body);
      const percent = Math.round(stats.progress * 100);
      const bar = h("div", { role: "progressbar", "aria-label": t("progress"), "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": percent, "aria-valuetext": `${percent}%`, class: "progress" }, h("div", { class: "fill" }));
      (bar.firstChild as HTMLElement).style.width = `${percent}%`;
      const labelColour = (value: string) => colorOf(project.schema.controls.find((c) => c.labels?.some((l) => l.value === value)), value);
      body.append(
        h("section", { class: "chart-box" }, h("h2", {}, t("progress")), bar, h("p", {}, `${t("progressOf", { done: stats.annotated, total: stats.items })} (${percent}%)`)),
        progressChart(t("progressOverTime"), activity.by_day, stats.items),
        dayChart(t("annotationsPerDay"), activity.by_day),
        barChart(t("labelDistribution"), Object.entries(stats.by_label).sort((a, b) => b[1] - a[1]).map(([name, value]) => ({ name, value, colour: labelColour(name) }))),
        barChart(t("annotationsPerPerson"), activity.by_person.map((p) => ({
          name: p.user, value: p.annotations, colour: "#8a5a00",
          note: p.mean_lead_time === null ? undefined : t("meanLeadTime", { s: p.mean_lead_time.toFixed(1) }),
        }))));
    } catch (e) {
      clear(body);
      body.append(h("p", { role: "alert" }, t("error", { message: e instanceof Error ? e.message : String(e) })));
    }
  })();
  return h("section", { class: "page" }, h("h1", {}, project.name, " · ", t("dashboard")), body, qualitySection(project));
}

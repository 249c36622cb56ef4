import { type AgreementReport, type Project, type QualityReport, type ReviewStats, api } from "./api";
import { type GoldAccuracy, distributionApi } from "./distribution";
import { chartFigure } from "./chart-figure";
import { clear, h, s } from "./dom";
import { t } from "./i18n";

// The quality part of the dashboard: agreement per day (line), speed per person and agreement per label (bars).
// Charts are SVG with an accessible name, each with its numbers as a visually hidden table for screen readers.

const width = 640;

const fixed = (value: number | null, digits = 2) => (value === null ? "—" : value.toFixed(digits));

/** Agreement per day: alpha can fall below zero, so the axis runs from min(0, lowest) to 1. */
function lineChart(title: string, days: QualityReport["by_day"]): HTMLElement {
  const height = 200;
  const left = 40;
  const bottom = 24;
  const points = days.filter((d) => d.alpha !== null);
  const low = Math.min(0, ...points.map((d) => d.alpha!));
  const y = (v: number) => 10 + ((1 - v) * (height - bottom - 10)) / (1 - low);
  const slot = (width - left - 20) / Math.max(1, days.length - 1);
  const x = (i: number) => left + (days.length === 1 ? (width - left) / 2 : i * slot);
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": title });
  svg.append(s("line", { x1: left, y1: y(low), x2: width, y2: y(low), stroke: "#6b7683" }));
  for (const mark of [1, 0]) {
    const label = s("text", { x: left - 6, y: y(mark) + 4, "text-anchor": "end", class: "axis" });
    label.textContent = String(mark);
    svg.append(label);
  }
  const coordinates = days.map((d, i) => (d.alpha === null ? null : `${x(i)},${y(d.alpha)}`)).filter((c): c is string => c !== null);
  if (coordinates.length > 1) svg.append(s("polyline", { points: coordinates.join(" "), fill: "none", stroke: "#0b57d0", "stroke-width": 2 }));
  const every = Math.ceil(days.length / 8);
  days.forEach((d, i) => {
    if (d.alpha !== null) {
      const dot = s("circle", { cx: x(i), cy: y(d.alpha), r: 4, fill: "#0b57d0" });
      const tip = s("title");
      tip.textContent = `${d.day}: ${fixed(d.alpha)} (${d.items})`;
      dot.append(tip);
      svg.append(dot);
    }
    if (i % every === 0) {
      const label = s("text", { x: x(i), y: height - 6, "text-anchor": "middle", class: "axis" });
      label.textContent = d.day.slice(5);
      svg.append(label);
    }
  });
  return chartFigure(title, svg, [t("day"), t("agreementValue"), t("items")], days.map((d) => [d.day, fixed(d.alpha), String(d.items)]));
}

interface Bar { name: string; value: number; text: string; colour: string }

/** Horizontal bars; negative values (alpha below chance) are drawn as empty bars with their number. */
function bars(title: string, rows: Bar[], head: string[]): HTMLElement {
  const rowHeight = 26;
  const labelWidth = 160;
  const max = Math.max(1e-9, ...rows.map((b) => b.value));
  const svg = s("svg", { viewBox: `0 0 ${width} ${Math.max(1, rows.length) * rowHeight + 8}`, class: "chart", role: "img", "aria-label": title });
  rows.forEach((bar, i) => {
    const top = i * rowHeight + 4;
    const length = Math.max(2, ((width - labelWidth - 150) * Math.max(0, bar.value)) / max);
    const name = s("text", { x: labelWidth - 8, y: top + 16, "text-anchor": "end", class: "axis" });
    name.textContent = bar.name.length > 22 ? `${bar.name.slice(0, 21)}…` : bar.name;
    const rect = s("rect", { x: labelWidth, y: top + 3, width: length, height: rowHeight - 8, rx: 3, fill: bar.colour });
    const value = s("text", { x: labelWidth + length + 6, y: top + 16, class: "value" });
    value.textContent = bar.text;
    svg.append(name, rect, value);
  });
  return chartFigure(title, svg, head, rows.map((b) => [b.name, b.text]));
}

/** Gold accuracy and rejection rate per person: what a reviewer checks people against. Each is left out when its data is missing. */
function renderPeople(body: HTMLElement, gold: GoldAccuracy[] | null, reviews: ReviewStats | null): void {
  if (gold && gold.length) {
    body.append(bars(t("goldAccuracyPerPerson"), gold.map((g) => ({
      name: g.user, value: g.accuracy, colour: "#6b3fa0", text: `${Math.round(g.accuracy * 100)}% · ${g.items_correct}/${g.items}`,
    })), [t("name"), t("goldAccuracyPerPerson")]));
  }
  const reviewed = (reviews?.annotators ?? []).filter((a) => a.reviewed > 0);
  if (reviewed.length) {
    body.append(bars(t("rejectionRatePerPerson"), reviewed.map((a) => ({
      name: a.annotator, value: a.rejection_rate, colour: "#b3261e", text: `${Math.round(a.rejection_rate * 100)}% · ${a.rejected}/${a.reviewed}`,
    })), [t("name"), t("rejectionRatePerPerson")]));
  }
}

function render(body: HTMLElement, agreement: AgreementReport | null, quality: QualityReport): void {
  if (agreement) {
    body.append(h("p", {}, agreement.value === null ? t("agreementUndefined")
      : t("agreementSummary", { control: agreement.control, value: fixed(agreement.value, 3), items: agreement.items, annotators: agreement.annotators })));
  }
  body.append(lineChart(t("agreementOverTime"), quality.by_day));
  const people = quality.annotators.filter((a) => a.items_per_hour !== null);
  body.append(bars(t("speedPerPerson"), people.map((a) => ({
    name: a.user, value: a.items_per_hour!, colour: "#8a5a00",
    text: `${a.items_per_hour!.toFixed(1)} · ${t("medianSeconds", { s: fixed(a.median_seconds, 1) })}`,
  })), [t("name"), t("speedPerPerson")]));
  const compared = quality.annotators.filter((a) => a.agreement_with_others !== null);
  body.append(bars(t("agreementWithOthers"), compared.map((a) => ({
    name: a.user, value: a.agreement_with_others!, colour: "#0b57d0", text: `${Math.round(a.agreement_with_others! * 100)}%`,
  })), [t("name"), t("agreementWithOthers")]));
  body.append(bars(t("agreementPerLabel"), (agreement?.per_label ?? []).filter((l) => l.value !== null).map((l) => ({
    name: l.label, value: l.value!, colour: "#1e7b34", text: fixed(l.value),
  })), [t("name"), t("agreementValue")]));
}

/** The "Quality" section of a project's dashboard. */
export function qualitySection(project: Project): HTMLElement {
  const body = h("div", { class: "dashboard" }, h("p", { class: "muted", role: "status" }, t("loading")));
  void (async () => {
    try {
      // Agreement needs one classification control; without one the page still shows speed.
      const [agreement, quality, gold, reviews] = await Promise.all([
        api.agreement(project.name).catch(() => null), api.quality(project.name),
        distributionApi.accuracy(project.name).catch(() => null), api.reviewStats(project.name).catch(() => null)]);
      clear(body);
      render(body, agreement, quality);
      renderPeople(body, gold, reviews);
    } catch (e) {
      clear(body);
      body.append(h("p", { role: "alert" }, t("error", { message: e instanceof Error ? e.message : String(e) })));
    }
  })();
  return h("section", { class: "quality", "aria-labelledby": "quality-heading" }, h("h2", { id: "quality-heading" }, t("quality")), body);
}

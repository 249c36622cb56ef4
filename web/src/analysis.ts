import { ApiError, type Project, call } from "./api";
import { chartFigure } from "./chart-figure";
import { clear, h, s } from "./dom";
import { t } from "./i18n";
import { colorOf } from "./state";

// The "Analysis" page: dataset statistics drawn as SVG charts (each with its numbers as a visually hidden table),
// and the "knowledge" view: per label its definition, distinctive terms, typical and borderline examples.

export interface DistributionBin { from: number; to: number; count: number }
export interface Distribution {
  count: number; min?: number; max?: number; mean?: number; median?: number; p90?: number; p99?: number; bins: DistributionBin[];
}
export interface HeatMap { rows: number; columns: number; count: number; cells: number[][] }
export interface Term { term: string; count: number; rest_count: number; log_odds: number; z_score: number }
export interface Analysis {
  items_scanned: number;
  label_distribution: { control: string; label: string; items: number; regions: number }[];
  imbalance_ratio?: number;
  imbalance: { control: string; ratio?: number; most?: string; least?: string; unused_labels: string[] }[];
  label_co_occurrence: { labels: string[]; counts: number[][] };
  text_length: Record<string, Distribution>;
  distinctive_terms: Record<string, Term[]>;
  image_width: Record<string, Distribution>;
  image_height: Record<string, Distribution>;
  image_aspect: Record<string, Distribution>;
  box_position_heat_map: HeatMap;
  box_size_heat_map: HeatMap;
  audio_duration: Record<string, Distribution>;
  annotations_per_item: Distribution;
}
export interface Example { item: number; text: string; similarity: number }
export interface LabelKnowledge {
  control: string; label: string; alias?: string; definition?: string; control_description?: string;
  items: number; regions: number; terms: Term[]; typical: Example[]; borderline: Example[];
}
export interface Knowledge { guideline?: string; items_scanned: number; labels: LabelKnowledge[] }

const p = (name: string) => `/projects/${encodeURIComponent(name)}`;

export const analysisApi = {
  analysis: async (name: string) => (await call<Analysis>("GET", `${p(name)}/analysis`))!,
  knowledge: async (name: string) => (await call<Knowledge>("GET", `${p(name)}/analysis/knowledge`))!,
};

const width = 640;
const round = (x: number | undefined, digits = 2) => (x === undefined ? "—" : String(Math.round(x * 10 ** digits) / 10 ** digits));

function barChart(title: string, bars: { name: string; value: number; colour: string }[]): HTMLElement {
  const rowHeight = 26;
  const labelWidth = 160;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const svg = s("svg", { viewBox: `0 0 ${width} ${Math.max(1, bars.length) * rowHeight + 8}`, class: "chart", role: "img", "aria-label": title });
  bars.forEach((bar, i) => {
    const y = i * rowHeight + 4;
    const length = Math.max(2, ((width - labelWidth - 80) * bar.value) / max);
    const name = s("text", { x: labelWidth - 8, y: y + 16, "text-anchor": "end", class: "axis" });
    name.textContent = bar.name.length > 22 ? `${bar.name.slice(0, 21)}…` : bar.name;
    const value = s("text", { x: labelWidth + length + 6, y: y + 16, class: "value" });
    value.textContent = String(bar.value);
    svg.append(name, s("rect", { x: labelWidth, y: y + 3, width: length, height: rowHeight - 8, rx: 3, fill: bar.colour }), value);
  });
  return chartFigure(title, svg, [t("name"), t("count")], bars.map((b) => [b.name, String(b.value)]));
}

/** A histogram: one vertical bar per bin, the range under the first and last bar, and the median in the caption table. */
function histogram(title: string, d: Distribution, unit: string): HTMLElement {
  const height = 180;
  const left = 40;
  const bottom = 22;
  const max = Math.max(1, ...d.bins.map((b) => b.count));
  const slot = (width - left) / Math.max(1, d.bins.length);
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": title });
  svg.append(s("line", { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: "#6b7683" }));
  const top = s("text", { x: left - 6, y: 14, "text-anchor": "end", class: "axis" });
  top.textContent = String(max);
  svg.append(top);
  const range = (b: DistributionBin) => (b.from === b.to ? round(b.from) : `${round(b.from)}–${round(b.to)}`);
  d.bins.forEach((b, i) => {
    const barHeight = ((height - bottom - 20) * b.count) / max;
    const rect = s("rect", { x: left + i * slot + 1, y: height - bottom - barHeight, width: Math.max(1, slot - 2), height: barHeight, fill: "#0b57d0", class: "bin" });
    const tip = s("title");
    tip.textContent = `${range(b)} ${unit}: ${b.count}`;
    rect.append(tip);
    svg.append(rect);
  });
  if (d.bins.length) {
    const first = s("text", { x: left, y: height - 6, class: "axis" });
    first.textContent = `${round(d.bins[0]!.from)} ${unit}`;
    const last = s("text", { x: width, y: height - 6, "text-anchor": "end", class: "axis" });
    last.textContent = `${round(d.bins[d.bins.length - 1]!.to)} ${unit}`;
    svg.append(first, last);
  }
  const figure = chartFigure(title, svg, [t("range"), t("count")], d.bins.map((b) => [`${range(b)} ${unit}`, String(b.count)]));
  if (d.count) figure.append(h("p", { class: "muted" }, t("distributionSummary", { count: d.count, median: round(d.median), p90: round(d.p90), max: round(d.max), unit })));
  return figure;
}

/** A grid of cells shaded by count: box positions and sizes (fractions of the image), or label co-occurrence. */
function heatMap(title: string, cells: number[][], rowNames: string[], columnNames: string[], head: [string, string]): HTMLElement {
  const left = 120;
  const topMargin = 24;
  const rows = cells.length;
  const columns = rows ? cells[0]!.length : 0;
  const cell = Math.min(40, (width - left) / Math.max(1, columns));
  const max = Math.max(1, ...cells.flat());
  const svg = s("svg", { viewBox: `0 0 ${width} ${topMargin + rows * cell + 4}`, class: "chart heat-map", role: "img", "aria-label": title });
  columnNames.forEach((name, c) => {
    if (columns > 12 && c % 2 === 1) return;
    const label = s("text", { x: left + c * cell + cell / 2, y: topMargin - 8, "text-anchor": "middle", class: "axis" });
    label.textContent = name.length > 8 ? `${name.slice(0, 7)}…` : name;
    svg.append(label);
  });
  const tableRows: string[][] = [];
  cells.forEach((row, r) => {
    if (columns <= 12 || r % 2 === 0) {
      const label = s("text", { x: left - 6, y: topMargin + r * cell + cell / 2 + 4, "text-anchor": "end", class: "axis" });
      label.textContent = rowNames[r]!.length > 16 ? `${rowNames[r]!.slice(0, 15)}…` : rowNames[r]!;
      svg.append(label);
    }
    row.forEach((count, c) => {
      const rect = s("rect", { x: left + c * cell, y: topMargin + r * cell, width: cell - 1, height: cell - 1, fill: "#0b57d0", "fill-opacity": count ? 0.12 + (0.88 * count) / max : 0.03, class: "cell" });
      const tip = s("title");
      tip.textContent = `${rowNames[r]} · ${columnNames[c]}: ${count}`;
      rect.append(tip);
      svg.append(rect);
      if (count) tableRows.push([`${rowNames[r]} · ${columnNames[c]}`, String(count)]);
    });
  });
  return chartFigure(title, svg, head, tableRows);
}

const tenths = (n: number) => Array.from({ length: n }, (_, i) => `${Math.round((i * 100) / n)}%`);

function renderStatistics(body: HTMLElement, project: Project, a: Analysis): void {
  body.append(h("p", {}, t("itemsScanned", { count: a.items_scanned })));
  const colour = (value: string) => colorOf(project.schema.controls.find((c) => c.labels?.some((l) => l.value === value)), value);
  const byControl = new Map<string, Analysis["label_distribution"]>();
  for (const share of a.label_distribution) byControl.set(share.control, [...(byControl.get(share.control) ?? []), share]);
  for (const [control, shares] of byControl) {
    body.append(barChart(t("labelItemsOf", { control }), shares.map((x) => ({ name: x.label, value: x.items, colour: colour(x.label) }))));
    const imbalance = a.imbalance.find((i) => i.control === control);
    if (imbalance?.ratio !== undefined) body.append(h("p", { class: "imbalance" }, t("imbalanceOf", { control, ratio: round(imbalance.ratio, 1), most: imbalance.most ?? "", least: imbalance.least ?? "" })));
    if (imbalance?.unused_labels.length) body.append(h("p", { class: "muted" }, t("unusedLabels", { labels: imbalance.unused_labels.join(", ") })));
  }
  const pairs = a.label_co_occurrence;
  if (pairs.labels.length > 1) body.append(heatMap(t("labelCoOccurrence"), pairs.counts, pairs.labels, pairs.labels, [t("labelPair"), t("items")]));
  for (const [field, d] of Object.entries(a.text_length)) body.append(histogram(t("textLengthOf", { field }), d, t("characters")));
  for (const [field, d] of Object.entries(a.image_width)) {
    body.append(histogram(t("imageWidthOf", { field }), d, "px"));
    if (a.image_height[field]) body.append(histogram(t("imageHeightOf", { field }), a.image_height[field]!, "px"));
    if (a.image_aspect[field]) body.append(histogram(t("imageAspectOf", { field }), a.image_aspect[field]!, ""));
  }
  const position = a.box_position_heat_map;
  if (position.count) {
    body.append(heatMap(t("boxPositionHeatMap"), position.cells, tenths(position.rows), tenths(position.columns), [t("cell"), t("boxes")]));
    const size = a.box_size_heat_map;
    body.append(heatMap(t("boxSizeHeatMap"), size.cells, tenths(size.rows), tenths(size.columns), [t("cell"), t("boxes")]));
  }
  for (const [field, d] of Object.entries(a.audio_duration)) body.append(histogram(t("audioDurationOf", { field }), d, "s"));
  body.append(histogram(t("answersPerItem"), a.annotations_per_item, ""));
}

function exampleList(project: string, title: string, examples: Example[]): HTMLElement | null {
  if (!examples.length) return null;
  return h("div", { class: "examples" }, h("h4", {}, title), h("ol", {}, ...examples.map((e) =>
    h("li", {}, h("a", { href: `#/p/${encodeURIComponent(project)}/work?item=${e.item}` }, `#${e.item}`), " ", e.text,
      h("span", { class: "muted" }, ` · ${t("similarity")} ${round(e.similarity)}`)))));
}

function renderKnowledge(body: HTMLElement, project: string, k: Knowledge): void {
  if (k.guideline) body.append(h("details", {}, h("summary", {}, t("guideline")), h("p", { class: "guideline-text" }, k.guideline)));
  for (const label of k.labels) {
    const card = h("article", { class: "knowledge-label", "aria-labelledby": `knowledge-${label.control}-${label.label}` },
      h("h3", { id: `knowledge-${label.control}-${label.label}` }, label.alias ? `${label.label} (${label.alias})` : label.label),
      h("p", { class: "muted" }, t("labelFacts", { control: label.control, items: label.items, regions: label.regions })),
      h("p", { class: "definition" }, label.definition ? label.definition : t("noDefinition")));
    if (label.terms.length) {
      card.append(h("h4", {}, t("distinctiveTerms")), h("ul", { class: "terms", "aria-label": t("distinctiveTermsOf", { label: label.label }) },
        ...label.terms.map((term) => h("li", { title: `z = ${round(term.z_score)} · ${term.count} / ${term.rest_count}` }, term.term))));
    }
    const typical = exampleList(project, t("typicalExamples"), label.typical);
    const borderline = exampleList(project, t("borderlineExamples"), label.borderline);
    if (typical) card.append(typical);
    if (borderline) card.append(borderline);
    body.append(card);
  }
}

export function analysisPage(project: Project): HTMLElement {
  const statistics = h("div", { class: "dashboard" }, h("p", { class: "muted", role: "status" }, t("loading")));
  const knowledge = h("div", { class: "knowledge" }, h("p", { class: "muted", role: "status" }, t("loading")));
  void (async () => {
    try {
      const a = await analysisApi.analysis(project.name);
      clear(statistics);
      renderStatistics(statistics, project, a);
    } catch (e) {
      clear(statistics);
      statistics.append(h("p", { role: "alert" }, t("error", { message: e instanceof Error ? e.message : String(e) })));
    }
  })();
  void (async () => {
    try {
      const k = await analysisApi.knowledge(project.name);
      clear(knowledge);
      renderKnowledge(knowledge, project.name, k);
    } catch (e) {
      clear(knowledge);
      knowledge.append(e instanceof ApiError && e.status === 403 ? h("p", { class: "muted" }, t("knowledgeForReviewers"))
        : h("p", { role: "alert" }, t("error", { message: e instanceof Error ? e.message : String(e) })));
    }
  })();
  return h("section", { class: "page" }, h("h1", {}, project.name, " · ", t("analysis")),
    h("section", { "aria-labelledby": "statistics-heading" }, h("h2", { id: "statistics-heading" }, t("datasetStatistics")), statistics),
    h("section", { "aria-labelledby": "knowledge-heading" }, h("h2", { id: "knowledge-heading" }, t("knowledge")), knowledge));
}

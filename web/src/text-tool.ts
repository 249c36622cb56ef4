import type { Result } from "./api";
import { fieldValue } from "./api";
import { clear, h } from "./dom";
import { t } from "./i18n";
import { type ActiveLabel, colorOf, labelsOf, newId } from "./state";
import { type Tool, type ToolContext, regionResult } from "./tool";

// Text spans. Offsets are UTF-16 code units, which is what JavaScript strings and the DOM Selection API count.

interface Span { r: Result; predicted: boolean }

export function textTool(ctx: ToolContext, data: Record<string, unknown>): Tool {
  const text = String(fieldValue(ctx.field, data) ?? "");
  const doc = h("div", { role: "document", "aria-label": t("text"), tabindex: 0, class: "text-doc", lang: /[\u4e00-\u9fff]/.test(text) ? "zh-CN" : undefined });
  const el = h("div", { class: "tool text-tool" }, doc);

  function spans(): Span[] {
    const own = ctx.answer.results.filter((r) => r.to_name === ctx.field.name && r.type === "labels").map((r) => ({ r, predicted: false }));
    const pred = ctx.predictions().filter((r) => r.type === "labels").map((r) => ({ r, predicted: true }));
    return [...own, ...pred];
  }

  function render(): void {
    clear(doc);
    const all = spans();
    const cuts = new Set<number>([0, text.length]);
    for (const s of all) { cuts.add(Number(s.r.value["start"])); cuts.add(Number(s.r.value["end"])); }
    const points = [...cuts].filter((n) => n >= 0 && n <= text.length).sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i]!, end = points[i + 1]!;
      const piece = h("span", { "data-start": start }, text.slice(start, end));
      const covering = all.filter((s) => Number(s.r.value["start"]) <= start && Number(s.r.value["end"]) >= end);
      if (covering.length) {
        // Each covering span adds one underline band, so overlapping spans stay visible.
        const shadows = covering.map((s, n) => {
          const color = colorOf(ctx.controls.find((c) => c.name === s.r.from_name), labelsOf(s.r)[0] ?? "");
          return `inset 0 -${3 + n * 4}px 0 0 ${color}`;
        });
        piece.style.boxShadow = shadows.join(", ");
        piece.classList.add("span");
        if (covering.some((s) => s.predicted) && covering.every((s) => s.predicted)) piece.classList.add("predicted");
        if (covering.some((s) => s.r.id === ctx.answer.selected && !s.predicted)) piece.classList.add("selected");
        const top = covering[covering.length - 1]!;
        piece.title = covering.map((s) => `${labelsOf(s.r).join(", ")}${s.predicted ? " (" + t("predictions") + ")" : ""}`).join(" / ");
        if (!top.predicted) piece.addEventListener("click", () => {
          if (window.getSelection()?.isCollapsed !== false) ctx.answer.select(top.r.id);
        });
      }
      doc.append(piece);
    }
  }

  function offsetOf(node: Node, offset: number): number | null {
    const piece = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
    if (piece === doc) {
      // The boundary sits between pieces: count the text of the pieces before it.
      let total = 0;
      for (let i = 0; i < offset && i < doc.childNodes.length; i++) total += doc.childNodes[i]!.textContent?.length ?? 0;
      return total;
    }
    const start = piece?.closest("[data-start]")?.getAttribute("data-start");
    if (start == null || !doc.contains(piece)) return null;
    return Number(start) + (node.nodeType === Node.TEXT_NODE ? offset : 0);
  }

  function selection(): { start: number; end: number } | null {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    if (!doc.contains(range.startContainer) || !doc.contains(range.endContainer)) return null;
    let start = offsetOf(range.startContainer, range.startOffset);
    let end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null) return null;
    if (start > end) [start, end] = [end, start];
    // Leave surrounding blanks out of the span, as annotators expect.
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    return start < end ? { start, end } : null;
  }

  function applyLabel(a: ActiveLabel): boolean {
    const range = selection();
    if (range) {
      const value = { start: range.start, end: range.end, text: text.slice(range.start, range.end), labels: [a.label.value] };
      ctx.answer.add(regionResult(a.control, ctx.field.name, value, newId()));
      window.getSelection()?.removeAllRanges();
      return true;
    }
    const selected = ctx.answer.region(ctx.answer.selected);
    if (selected && selected.from_name === a.control.name && selected.to_name === ctx.field.name) {
      ctx.answer.patch(selected.id, selected.type, { ...selected.value, labels: [a.label.value] });
      return true;
    }
    ctx.notify(t("selectTextFirst"));
    return false;
  }

  function onKey(e: KeyboardEvent): boolean {
    if (!e.shiftKey || (e.key !== "ArrowLeft" && e.key !== "ArrowRight")) return false;
    const sel = window.getSelection();
    if (!sel) return false;
    // Keyboard selection: start at the beginning of the text when nothing in it is selected yet.
    if (sel.rangeCount === 0 || !doc.contains(sel.anchorNode)) {
      const first = doc.querySelector("span")?.firstChild;
      if (!first) return false;
      sel.collapse(first, 0);
    }
    sel.modify("extend", e.key === "ArrowRight" ? "forward" : "backward", "character");
    return true;
  }

  render();
  return { el, render, destroy: () => {}, applyLabel, onKey };
}

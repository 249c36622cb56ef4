import type { Result } from "./api";
import { fieldValue, mediaUrl } from "./api";
import { type Box, type Corner, angleTo, boxOf, corners, inside, isRotated, moved, pixelSize, resized, rotatedTo, toImage } from "./box-geometry";
import { h, s } from "./dom";
import { t } from "./i18n";
import { type ActiveLabel, colorOf, labelsOf, newId } from "./state";
import { type Tool, type ToolContext, regionResult } from "./tool";

// Boxes, polygons and key points over an image. Coordinates are percent of the image, so the SVG uses a
// 0..100 view box stretched over the picture; zoom and pan transform the whole stage. Boxes turn about their
// centre (stored, as Label Studio does, as a clockwise rotation about the top-left corner; see box-geometry.ts).
// Regions the annotator hid are neither drawn nor hit; locked ones can be selected but not changed.

type Drag =
  | { kind: "new"; x0: number; y0: number; x: number; y: number }
  | { kind: "move"; id: string; x0: number; y0: number; start: Record<string, unknown> }
  | { kind: "resize"; id: string; corner: Corner; start: Record<string, unknown> }
  | { kind: "rotate"; id: string; a0: number; start: Record<string, unknown> }
  | { kind: "vertex"; id: string; index: number; start: Record<string, unknown> }
  | { kind: "pan"; cx: number; cy: number; px: number; py: number };

const clamp = (v: number) => Math.max(0, Math.min(100, v));
const round = (v: number) => Math.round(v * 1000) / 1000;
/** How far above a box its rotation handle sits, in screen pixels. */
const rotateHandleGap = 28;

/** The value with a box's geometry replaced. */
const withBox = (value: Record<string, unknown>, b: Box) => ({ ...value, x: b.x, y: b.y, width: b.width, height: b.height, rotation: b.rotation });

export function imageTool(ctx: ToolContext, data: Record<string, unknown>): Tool {
  const img = h("img", { src: mediaUrl(fieldValue(ctx.field, data)), alt: "", draggable: "false" });
  const svg = s("svg", { viewBox: "0 0 100 100", preserveAspectRatio: "none", class: "overlay" });
  const stage = h("div", { class: "stage" }, img);
  stage.append(svg);
  const area = h("div", { role: "application", "aria-label": t("image"), tabindex: 0, class: "image-area" }, stage);
  const el = h("div", { class: "tool image-tool" }, area);

  let zoom = 1, panX = 0, panY = 0, spaceDown = false;
  let drag: Drag | null = null;
  let polygon: number[][] | null = null;
  let hover: [number, number] | null = null;

  const size = () => ({ w: img.naturalWidth || 100, h: img.naturalHeight || 100 });
  const applyTransform = () => { stage.style.transform = `translate(${panX}px, ${panY}px) scale(${zoom})`; };

  function point(e: MouseEvent): [number, number] {
    const [x, y] = rawPoint(e);
    return [clamp(x), clamp(y)];
  }
  /** The pointer in percent of the image, even beyond its edges (turning a box may take the hand outside). */
  function rawPoint(e: MouseEvent): [number, number] {
    const rect = svg.getBoundingClientRect();
    return [((e.clientX - rect.left) / Math.max(rect.width, 1)) * 100, ((e.clientY - rect.top) / Math.max(rect.height, 1)) * 100];
  }
  /** Percent units that look like n screen pixels, for handles. */
  function px(n: number): [number, number] {
    const rect = svg.getBoundingClientRect();
    return [(n / Math.max(rect.width, 1)) * 100, (n / Math.max(rect.height, 1)) * 100];
  }

  const drawn = (r: Result) => ["rectanglelabels", "polygonlabels", "keypointlabels"].includes(r.type);
  const own = () => ctx.answer.results.filter((r) => r.to_name === ctx.field.name && drawn(r));
  const mine = (r: Result | undefined): r is Result => !!r && r.to_name === ctx.field.name && drawn(r);
  const controlOf = (r: Result) => ctx.controls.find((c) => c.name === r.from_name);

  function shape(r: Result, predicted: boolean): SVGElement | null {
    const v = r.value as Record<string, number & number[][]>;
    const color = colorOf(controlOf(r), labelsOf(r)[0] ?? "");
    const selected = !predicted && r.id === ctx.answer.selected;
    const locked = !predicted && ctx.view.isLocked(r.id);
    const common = { stroke: color, "stroke-width": selected ? 3 : 2, "vector-effect": "non-scaling-stroke",
      fill: selected ? color : "transparent", "fill-opacity": selected ? 0.2 : 0, "stroke-dasharray": predicted ? "6 4" : undefined,
      "data-id": predicted ? undefined : r.id, class: predicted ? "predicted" : locked ? "region locked" : "region" };
    let el: SVGElement;
    if (r.type === "rectanglelabels" && isRotated(boxOf(r.value))) {
      const c = corners(boxOf(r.value), size());
      el = s("polygon", { ...common, points: [c.nw, c.ne, c.se, c.sw].map((p) => p.join(",")).join(" ") });
    } else if (r.type === "rectanglelabels") el = s("rect", { ...common, x: v.x, y: v.y, width: v.width, height: v.height });
    else if (r.type === "polygonlabels") el = s("polygon", { ...common, points: (v.points ?? []).map((p) => p.join(",")).join(" ") });
    else {
      const [rx, ry] = px(5);
      el = s("ellipse", { ...common, cx: v.x, cy: v.y, rx, ry, fill: color, "fill-opacity": 1 });
    }
    const title = s("title");
    title.textContent = labelsOf(r).join(", ") + (predicted ? ` (${t("predictions")})` : "");
    el.append(title);
    return el;
  }

  // Two layers: the regions, redrawn only when the answer changes, and an overlay (handles, the box being
  // drawn, the polygon in progress) redrawn on every mouse move. A drag replaces just the dragged region's
  // element, so dragging among hundreds of regions stays within a frame.
  const regionLayer = s("g", { class: "regions" });
  const overlayLayer = s("g", { class: "overlay" });
  const regionElements = new Map<string, SVGElement>();

  function render(): void {
    renderRegions();
    renderOverlay();
  }

  function renderRegions(): void {
    if (regionLayer.parentNode !== svg || overlayLayer.parentNode !== svg) svg.replaceChildren(regionLayer, overlayLayer);
    regionLayer.replaceChildren();
    regionElements.clear();
    for (const r of ctx.predictions().filter(drawn)) { const e = shape(r, true); if (e) regionLayer.append(e); }
    for (const r of own()) {
      if (ctx.view.isHidden(r.id)) continue;
      const e = shape(r, false);
      if (e) { regionLayer.append(e); regionElements.set(r.id, e); }
    }
  }

  /** Redraws one region of the answer in place, during a drag. */
  function renderRegion(r: Result): void {
    const old = regionElements.get(r.id);
    const fresh = shape(r, false);
    if (!old || !fresh) { renderRegions(); return; }
    old.replaceWith(fresh);
    regionElements.set(r.id, fresh);
  }

  function renderOverlay(): void {
    overlayLayer.replaceChildren();
    const found = ctx.answer.region(ctx.answer.selected);
    // Hidden and locked regions get no handles: there is nothing to grab.
    const sel = mine(found) && ctx.view.isEditable(found.id) ? found : undefined;
    const [hw, hh] = px(8);
    if (sel && sel.type === "rectanglelabels") {
      const b = boxOf(sel.value);
      for (const [corner, [x, y]] of Object.entries(corners(b, size())))
        overlayLayer.append(s("rect", { x: x - hw / 2, y: y - hh / 2, width: hw, height: hh, class: `handle ${corner}`, "data-corner": corner, "data-id": sel.id }));
      const [edge, knob] = rotateHandle(b);
      const [rx, ry] = px(6);
      const handle = s("ellipse", { cx: knob[0], cy: knob[1], rx, ry, class: "handle rotate", "data-rotate": "", "data-id": sel.id });
      const title = s("title");
      title.textContent = t("rotateHandle");
      handle.append(title);
      overlayLayer.append(s("line", { x1: edge[0], y1: edge[1], x2: knob[0], y2: knob[1], class: "rotate-stem", "vector-effect": "non-scaling-stroke" }), handle);
    }
    if (sel && sel.type === "polygonlabels") {
      (sel.value["points"] as number[][]).forEach(([x, y], i) =>
        overlayLayer.append(s("rect", { x: x! - hw / 2, y: y! - hh / 2, width: hw, height: hh, class: "handle", "data-vertex": i, "data-id": sel.id })));
    }
    if (drag?.kind === "new") {
      const a = ctx.active();
      overlayLayer.append(s("rect", { x: Math.min(drag.x0, drag.x), y: Math.min(drag.y0, drag.y), width: Math.abs(drag.x - drag.x0), height: Math.abs(drag.y - drag.y0),
        stroke: a ? colorOf(a.control, a.label.value) : "#000", fill: "transparent", "stroke-width": 2, "vector-effect": "non-scaling-stroke" }));
    }
    if (polygon) {
      const pts = hover ? [...polygon, hover] : polygon;
      overlayLayer.append(s("polyline", { points: pts.map((p) => p.join(",")).join(" "), fill: "none", stroke: "#000", "stroke-width": 2, "vector-effect": "non-scaling-stroke" }));
      polygon.forEach(([x, y], i) => overlayLayer.append(s("rect", { x: x! - hw / 2, y: y! - hh / 2, width: hw, height: hh, class: i === 0 ? "handle first" : "handle" })));
    }
  }

  /**
   * Where a box's rotation handle goes: above the middle of its top edge (in the box's own frame), or below the
   * bottom edge when above would fall off the picture. Returns the edge point and the knob, in percent.
   */
  function rotateHandle(b: Box): [[number, number], [number, number]] {
    const [w, hgt] = pixelSize(b, size());
    const gap = (rotateHandleGap * size().w) / Math.max(svg.getBoundingClientRect().width, 1);
    const onImage = ([x, y]: [number, number]) => x >= 0 && x <= 100 && y >= 0 && y <= 100;
    const above = toImage(b, size(), w / 2, -gap);
    if (onImage(above)) return [toImage(b, size(), w / 2, 0), above];
    return [toImage(b, size(), w / 2, hgt), toImage(b, size(), w / 2, hgt + gap)];
  }

  const extra = () => ({ original_width: size().w, original_height: size().h });
  const activeFor = (type: string) => { const a = ctx.active(); return a && a.control.type === type && a.control.toName === ctx.field.name ? a : null; };

  function closePolygon(): void {
    const a = activeFor("polygonlabels");
    if (polygon && polygon.length >= 3 && a) {
      ctx.answer.add(regionResult(a.control, ctx.field.name, { points: polygon.map(([x, y]) => [round(x!), round(y!)]), closed: true, polygonlabels: [a.label.value] }, newId(), extra()));
    }
    polygon = null;
    hover = null;
    render();
  }

  svg.addEventListener("mousedown", (e) => {
    if (e.button !== 0) return;
    area.focus();
    e.preventDefault();
    if (spaceDown) { drag = { kind: "pan", cx: e.clientX, cy: e.clientY, px: panX, py: panY }; return; }
    const [x, y] = point(e);
    const target = e.target as Element;
    const id = target.getAttribute("data-id");
    if (polygon) {
      const first = polygon[0]!;
      const [hw, hh] = px(10);
      if (polygon.length >= 3 && Math.abs(first[0]! - x) < hw && Math.abs(first[1]! - y) < hh) closePolygon();
      else { polygon.push([x, y]); render(); }
      return;
    }
    if (id && target.hasAttribute("data-rotate")) {
      const start = { ...ctx.answer.region(id)!.value };
      drag = { kind: "rotate", id, a0: angleTo(boxOf(start), size(), rawPoint(e)), start };
      return;
    }
    if (id && target.hasAttribute("data-corner")) {
      drag = { kind: "resize", id, corner: target.getAttribute("data-corner") as Corner, start: { ...ctx.answer.region(id)!.value } };
      return;
    }
    if (id && target.hasAttribute("data-vertex")) {
      drag = { kind: "vertex", id, index: Number(target.getAttribute("data-vertex")), start: { ...ctx.answer.region(id)!.value } };
      return;
    }
    if (id && !activeFor("keypointlabels")) {
      ctx.answer.select(id);
      // A locked region is only selected: pressing on it starts no move (and no new drawing either).
      if (!ctx.view.isLocked(id)) drag = { kind: "move", id, x0: x, y0: y, start: { ...ctx.answer.region(id)!.value } };
      return;
    }
    const key = activeFor("keypointlabels");
    if (key) {
      ctx.answer.add(regionResult(key.control, ctx.field.name, { x: round(x), y: round(y), width: 1, keypointlabels: [key.label.value] }, newId(), extra()));
      return;
    }
    if (activeFor("polygonlabels")) { polygon = [[x, y]]; ctx.answer.select(null); render(); return; }
    if (activeFor("rectanglelabels")) { drag = { kind: "new", x0: x, y0: y, x, y }; ctx.answer.select(null); return; }
    ctx.answer.select(null);
    if (ctx.controls.length) ctx.notify(t("pickLabel"));
  });

  const onMove = (e: MouseEvent) => {
    if (polygon && !drag) { hover = point(e); renderOverlay(); return; }
    if (!drag) return;
    if (drag.kind === "pan") { panX = drag.px + e.clientX - drag.cx; panY = drag.py + e.clientY - drag.cy; applyTransform(); return; }
    const [x, y] = point(e);
    if (drag.kind === "new") { drag.x = x; drag.y = y; renderOverlay(); return; }
    const r = ctx.answer.region(drag.id);
    if (!r) return;
    let v: Record<string, unknown> = { ...drag.start };
    if (drag.kind === "move") {
      const dx = x - drag.x0, dy = y - drag.y0;
      if (r.type === "polygonlabels") {
        v["points"] = (drag.start["points"] as number[][]).map(([px0, py0]) => [round(clamp(px0! + dx)), round(clamp(py0! + dy))]);
      } else if (r.type === "rectanglelabels") {
        v = withBox(v, moved(boxOf(drag.start), size(), dx, dy));
      } else {
        v["x"] = round(clamp((drag.start["x"] as number) + dx));
        v["y"] = round(clamp((drag.start["y"] as number) + dy));
      }
    } else if (drag.kind === "resize") {
      const b = resized(boxOf(drag.start), size(), drag.corner, [x, y]);
      // A turned box can reach off the picture at a corner the hand is not holding: keep its last shape that fitted.
      if (isRotated(b) && !inside(b, size())) return;
      v = withBox(v, b);
    } else if (drag.kind === "rotate") {
      const start = boxOf(drag.start);
      let degrees = start.rotation + angleTo(start, size(), rawPoint(e)) - drag.a0;
      if (e.shiftKey) degrees = Math.round(degrees / 15) * 15;
      const b = rotatedTo(start, size(), degrees);
      if (!inside(b, size())) return;
      v = withBox(v, b);
    } else if (drag.kind === "vertex") {
      const pts = (drag.start["points"] as number[][]).map((p) => [...p]);
      pts[drag.index] = [round(x), round(y)];
      v["points"] = pts;
    }
    // Live preview without filling the undo history: the change is committed once on mouse up.
    r.value = v;
    renderRegion(r);
    renderOverlay();
  };

  const onUp = () => {
    const d = drag;
    drag = null;
    if (!d || d.kind === "pan") return;
    if (d.kind === "new") {
      const a = activeFor("rectanglelabels");
      const w = Math.abs(d.x - d.x0), hgt = Math.abs(d.y - d.y0);
      if (a && w > 0.5 && hgt > 0.5) {
        ctx.answer.add(regionResult(a.control, ctx.field.name, {
          x: round(Math.min(d.x0, d.x)), y: round(Math.min(d.y0, d.y)), width: round(w), height: round(hgt), rotation: 0, rectanglelabels: [a.label.value],
        }, newId(), extra()));
      } else render();
      return;
    }
    const r = ctx.answer.region(d.id);
    if (!r) return;
    const moved = r.value;
    r.value = d.start;
    if (JSON.stringify(moved) !== JSON.stringify(d.start)) ctx.answer.patch(r.id, r.type, moved);
  };
  window.addEventListener("mousemove", onMove);
  window.addEventListener("mouseup", onUp);

  area.addEventListener("wheel", (e) => {
    e.preventDefault();
    const rect = area.getBoundingClientRect();
    const cx = e.clientX - rect.left, cy = e.clientY - rect.top;
    const next = Math.max(0.25, Math.min(10, zoom * (e.deltaY < 0 ? 1.15 : 1 / 1.15)));
    // Keep the point under the cursor still.
    panX = cx - ((cx - panX) * next) / zoom;
    panY = cy - ((cy - panY) * next) / zoom;
    zoom = next;
    applyTransform();
    render();
  }, { passive: false });

  const keyUp = (e: KeyboardEvent) => { if (e.key === " ") { spaceDown = false; area.classList.remove("panning"); } };
  window.addEventListener("keyup", keyUp);
  // Start with the whole picture in view, centred; the wheel zooms from there.
  function fit(): void {
    const w = img.naturalWidth, hgt = img.naturalHeight;
    const aw = area.clientWidth, ah = area.clientHeight;
    if (!w || !hgt || !aw || !ah) return;
    zoom = Math.min(aw / w, ah / hgt);
    panX = (aw - w * zoom) / 2;
    panY = (ah - hgt * zoom) / 2;
    applyTransform();
  }
  img.addEventListener("load", () => { requestAnimationFrame(() => { fit(); render(); }); });

  function onKey(e: KeyboardEvent): boolean {
    if (e.key === " ") { spaceDown = true; area.classList.add("panning"); return true; }
    if (e.key === "Enter" && polygon && !e.ctrlKey) { closePolygon(); return true; }
    if (e.key === "Escape" && polygon) { polygon = null; render(); return true; }
    if (e.key === "0" && e.ctrlKey) { fit(); render(); return true; }
    const step = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
    const sel = ctx.answer.region(ctx.answer.selected);
    // [ and ] turn the selected box by 1° (15° with Shift); the key's code, since Shift turns [ into { on most layouts.
    const turn = e.code === "BracketLeft" ? -1 : e.code === "BracketRight" ? 1 : 0;
    if (turn && mine(sel) && sel.type === "rectanglelabels" && !e.ctrlKey && !e.altKey && !e.metaKey) {
      if (!ctx.view.isEditable(sel.id)) { ctx.notify(t("regionLocked")); return true; }
      const b = boxOf(sel.value);
      const next = rotatedTo(b, size(), b.rotation + turn * (e.shiftKey ? 15 : 1));
      if (!inside(next, size())) { ctx.notify(t("rotateOutside")); return true; }
      ctx.answer.patch(sel.id, sel.type, withBox(sel.value, next));
      return true;
    }
    if (step && mine(sel) && !e.ctrlKey) {
      if (!ctx.view.isEditable(sel.id)) { ctx.notify(t("regionLocked")); return true; }
      // Arrow keys nudge the selected region by 0.5% (5% with Shift), keeping it inside the image.
      const d = e.shiftKey ? 5 : 0.5;
      let v = { ...sel.value } as Record<string, unknown>;
      if (sel.type === "polygonlabels") {
        v["points"] = (v["points"] as number[][]).map(([x, y]) => [round(clamp(x! + step[0]! * d)), round(clamp(y! + step[1]! * d))]);
      } else if (sel.type === "rectanglelabels") {
        v = withBox(v, moved(boxOf(v), size(), step[0]! * d, step[1]! * d));
      } else {
        v["x"] = round(clamp((v["x"] as number) + step[0]! * d));
        v["y"] = round(clamp((v["y"] as number) + step[1]! * d));
      }
      ctx.answer.patch(sel.id, sel.type, v);
      return true;
    }
    return false;
  }

  function applyLabel(a: ActiveLabel): boolean {
    const sel = ctx.answer.region(ctx.answer.selected);
    // A locked region keeps its label too: the key just picks the label for the next drawing.
    if (sel && sel.from_name === a.control.name && sel.to_name === ctx.field.name && !ctx.view.isLocked(sel.id)) {
      ctx.answer.patch(sel.id, sel.type, { ...sel.value, [sel.type]: [a.label.value] });
      return true;
    }
    return false;
  }

  render();
  return {
    el, render, applyLabel, onKey,
    imageSize: () => (img.naturalWidth ? { w: img.naturalWidth, h: img.naturalHeight } : null),
    destroy: () => { window.removeEventListener("mousemove", onMove); window.removeEventListener("mouseup", onUp); window.removeEventListener("keyup", keyUp); },
  };
}

import { fieldValue, mediaUrl } from "./api";
import { h } from "./dom";
import { t } from "./i18n";
import { type ActiveLabel, colorOf, labelsOf, newId } from "./state";
import { type Tool, type ToolContext, regionResult } from "./tool";

// A waveform drawn from the decoded audio, with segments (seconds) dragged out on it. A segment's body drags
// to move it and its edges drag to resize it; with one selected, [ ] and Shift+[ ] nudge its start and end.
// Each finished drag or nudge is one change of the answer, so one undo takes it back.

const round = (v: number) => Math.round(v * 1000) / 1000;
/** Seconds one nudge key moves a segment's edge, and the shortest a segment may become. */
const nudgeStep = 0.05;
const shortest = 0.01;
/** Seconds the arrow keys seek by. */
const seekStep = 1;

type EditMode = "move" | "start" | "end";
interface SegmentEdit { id: string; mode: EditMode; at0: number; x0: number; start0: number; end0: number; start: number; end: number; moved: boolean }

/** The segment after an edit, kept inside the clip and never shorter than the shortest. */
export function editedSegment(mode: EditMode, start: number, end: number, delta: number, duration: number): { start: number; end: number } {
  if (mode === "move") {
    const shift = Math.max(-start, Math.min(duration - end, delta));
    return { start: start + shift, end: end + shift };
  }
  if (mode === "start") return { start: Math.max(0, Math.min(end - shortest, start + delta)), end };
  return { start, end: Math.min(duration, Math.max(start + shortest, end + delta)) };
}

export function audioTool(ctx: ToolContext, data: Record<string, unknown>): Tool {
  const url = mediaUrl(fieldValue(ctx.field, data));
  const audio = h("audio", { src: url, preload: "auto" });
  const canvas = h("canvas", { class: "wave", height: 140 });
  const layer = h("div", { class: "segments" });
  const head = h("div", { class: "playhead" });
  const wave = h("div", { role: "application", "aria-label": t("waveform"), tabindex: 0, class: "wave-area" }, canvas, layer, head);
  const play = h("button", { type: "button", class: "play", "aria-label": t("playPause") }, "▶");
  const speed = h("select", { "aria-label": t("speed") });
  for (const r of [0.5, 0.75, 1, 1.25, 1.5, 2]) {
    const o = h("option", { value: r }, `${r}×`);
    if (r === 1) o.selected = true;
    speed.append(o);
  }
  const clock = h("span", { class: "clock", "aria-live": "off" }, "0.00");
  const bar = h("div", { class: "audio-bar" }, play, h("label", {}, `${t("speed")} `, speed), clock);
  const keys = h("p", { class: "hint audio-keys" },
    h("kbd", {}, "Space"), ` ${t("keyPlay")} · `, h("kbd", {}, "← →"), ` ${t("keySeek")} · `,
    h("kbd", {}, "[ ]"), ` ${t("keySegmentStart")} · `, h("kbd", {}, "Shift+[ ]"), ` ${t("keySegmentEnd")} · `, t("segmentDragHint"));
  const el = h("div", { class: "tool audio-tool" }, wave, bar, keys, audio);

  let peaks: Float32Array | null = null;
  let duration = 0;
  let drag: { x0: number; x: number } | null = null;
  let edit: SegmentEdit | null = null;
  let frame = 0;

  async function load(): Promise<void> {
    const bytes = await (await fetch(url)).arrayBuffer();
    const context = new AudioContext();
    try {
      const buffer = await context.decodeAudioData(bytes);
      duration = buffer.duration;
      const channel = buffer.getChannelData(0);
      const columns = 1200;
      const per = Math.max(1, Math.floor(channel.length / columns));
      peaks = new Float32Array(columns);
      for (let c = 0; c < columns; c++) {
        let max = 0;
        for (let i = c * per; i < (c + 1) * per && i < channel.length; i++) max = Math.max(max, Math.abs(channel[i]!));
        peaks[c] = max;
      }
    } finally {
      void context.close();
    }
    draw();
    render();
  }

  function draw(): void {
    const width = wave.clientWidth || 800;
    canvas.width = width;
    const g = canvas.getContext("2d");
    if (!g) return;
    g.fillStyle = "#f4f6f8";
    g.fillRect(0, 0, width, canvas.height);
    if (!peaks) return;
    g.fillStyle = "#1d4f91";
    const mid = canvas.height / 2;
    for (let x = 0; x < width; x++) {
      const p = peaks[Math.floor((x / width) * peaks.length)] ?? 0;
      const hgt = Math.max(1, p * mid * 0.95);
      g.fillRect(x, mid - hgt, 1, hgt * 2);
    }
  }

  const timeAt = (clientX: number) => {
    const rect = wave.getBoundingClientRect();
    return Math.max(0, Math.min(duration, ((clientX - rect.left) / rect.width) * duration));
  };
  const pct = (sec: number) => (duration ? (sec / duration) * 100 : 0);

  function segmentEl(start: number, end: number, color: string, cls: string, title: string): HTMLElement {
    const div = h("div", { class: cls, title });
    div.style.left = `${pct(start)}%`;
    div.style.width = `${pct(end - start)}%`;
    div.style.borderColor = color;
    div.style.background = `color-mix(in srgb, ${color} 25%, transparent)`;
    return div;
  }

  function render(): void {
    while (layer.firstChild) layer.removeChild(layer.firstChild);
    for (const r of ctx.predictions().filter((r) => r.type === "labels")) {
      layer.append(segmentEl(Number(r.value["start"]), Number(r.value["end"]), colorOf(ctx.controls.find((c) => c.name === r.from_name), labelsOf(r)[0] ?? ""),
        "segment predicted", `${labelsOf(r).join(", ")} (${t("predictions")})`));
    }
    for (const r of ctx.answer.results.filter((r) => r.to_name === ctx.field.name && r.type === "labels")) {
      const editing = edit?.id === r.id ? edit : null;
      const start = editing ? editing.start : Number(r.value["start"]);
      const end = editing ? editing.end : Number(r.value["end"]);
      const seg = segmentEl(start, end, colorOf(ctx.controls.find((c) => c.name === r.from_name), labelsOf(r)[0] ?? ""),
        r.id === ctx.answer.selected ? "segment selected" : "segment", labelsOf(r).join(", "));
      seg.setAttribute("data-segment", r.id);
      seg.append(h("span", { class: "seg-label" }, labelsOf(r).join(", ")),
        h("span", { class: "seg-edge start", "data-edge": "start" }), h("span", { class: "seg-edge end", "data-edge": "end" }));
      seg.addEventListener("mousedown", (e) => {
        e.stopPropagation();
        if (e.button !== 0) return;
        e.preventDefault();
        wave.focus();
        const edge = (e.target as HTMLElement).getAttribute("data-edge");
        const at = timeAt(e.clientX);
        const s0 = Number(r.value["start"]), e0 = Number(r.value["end"]);
        edit = { id: r.id, mode: edge === "start" || edge === "end" ? edge : "move", at0: at, x0: e.clientX, start0: s0, end0: e0, start: s0, end: e0, moved: false };
        ctx.answer.select(r.id);
      });
      seg.addEventListener("dblclick", () => { audio.currentTime = Number(r.value["start"]); void audio.play(); });
      layer.append(seg);
    }
    if (drag) {
      const a = ctx.active();
      layer.append(segmentEl(Math.min(drag.x0, drag.x), Math.max(drag.x0, drag.x), a ? colorOf(a.control, a.label.value) : "#333", "segment drawing", ""));
    }
  }

  wave.addEventListener("mousedown", (e) => {
    if (e.button !== 0 || !duration) return;
    e.preventDefault();
    wave.focus();
    const at = timeAt(e.clientX);
    drag = { x0: at, x: at };
  });
  const onMove = (e: MouseEvent) => {
    if (edit) {
      if (Math.abs(e.clientX - edit.x0) > 2) edit.moved = true;
      if (!edit.moved) return;
      const next = editedSegment(edit.mode, edit.start0, edit.end0, timeAt(e.clientX) - edit.at0, duration);
      edit.start = next.start;
      edit.end = next.end;
      render();
      return;
    }
    if (drag) { drag.x = timeAt(e.clientX); render(); }
  };
  const onUp = () => {
    if (edit) {
      const done = edit;
      edit = null;
      const r = ctx.answer.region(done.id);
      if (done.moved && r) ctx.answer.patch(r.id, r.type, { ...r.value, start: round(done.start), end: round(done.end) });
      else render();
      return;
    }
    const d = drag;
    drag = null;
    if (!d) return;
    const start = Math.min(d.x0, d.x), end = Math.max(d.x0, d.x);
    const rect = wave.getBoundingClientRect();
    if (((end - start) / duration) * rect.width < 4) {
      // A click, not a drag: seek.
      audio.currentTime = d.x0;
      ctx.answer.select(null);
      return;
    }
    const a = ctx.active()?.control.toName === ctx.field.name ? ctx.active() : null;
    const control = a?.control ?? ctx.controls[0];
    const label = a?.label ?? control?.labels?.[0];
    if (!control || !label) { render(); return; }
    ctx.answer.add(regionResult(control, ctx.field.name, { start: round(start), end: round(end), channel: 0, labels: [label.value] }, newId()));
  };
  window.addEventListener("mousemove", onMove);
  window.addEventListener("mouseup", onUp);

  function toggle(): void { if (audio.paused) void audio.play(); else audio.pause(); }
  play.addEventListener("click", toggle);
  speed.addEventListener("change", () => { audio.playbackRate = Number(speed.value); });
  const sync = () => {
    play.textContent = audio.paused ? "▶" : "⏸";
    play.setAttribute("aria-label", audio.paused ? t("play") : t("pause"));
  };
  audio.addEventListener("play", sync);
  audio.addEventListener("pause", sync);
  const tick = () => {
    head.style.left = `${pct(audio.currentTime)}%`;
    clock.textContent = `${audio.currentTime.toFixed(2)} / ${duration.toFixed(2)}`;
    frame = requestAnimationFrame(tick);
  };
  frame = requestAnimationFrame(tick);
  const onResize = () => draw();
  window.addEventListener("resize", onResize);
  sync();
  requestAnimationFrame(() => { draw(); void load().catch((e: unknown) => ctx.notify(t("error", { message: String(e) }))); });

  function applyLabel(a: ActiveLabel): boolean {
    const sel = ctx.answer.region(ctx.answer.selected);
    if (sel && sel.from_name === a.control.name && sel.to_name === ctx.field.name) {
      ctx.answer.patch(sel.id, sel.type, { ...sel.value, labels: [a.label.value] });
      return true;
    }
    return false;
  }

  function nudge(mode: EditMode, delta: number): boolean {
    const r = ctx.answer.region(ctx.answer.selected);
    if (!r || r.to_name !== ctx.field.name || !duration) return false;
    const next = editedSegment(mode, Number(r.value["start"]), Number(r.value["end"]), delta, duration);
    ctx.answer.patch(r.id, r.type, { ...r.value, start: round(next.start), end: round(next.end) });
    return true;
  }

  function onKey(e: KeyboardEvent): boolean {
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    if (e.key === " ") { toggle(); return true; }
    if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
      const to = audio.currentTime + (e.key === "ArrowLeft" ? -seekStep : seekStep);
      audio.currentTime = Math.max(0, Math.min(duration || to, to));
      return true;
    }
    // By key position, so Shift+[ (which types "{" on many layouts) is still the bracket key.
    if (e.code === "BracketLeft" || e.code === "BracketRight") {
      const delta = e.code === "BracketLeft" ? -nudgeStep : nudgeStep;
      return nudge(e.shiftKey ? "end" : "start", delta);
    }
    return false;
  }

  return {
    el, render, applyLabel, onKey,
    destroy: () => {
      audio.pause();
      cancelAnimationFrame(frame);
      window.removeEventListener("mousemove", onMove);
      window.removeEventListener("mouseup", onUp);
      window.removeEventListener("resize", onResize);
    },
  };
}

import { fieldValue, mediaUrl } from "./api";
import { h } from "./dom";
import { t } from "./i18n";
import { type ActiveLabel, colorOf, labelsOf, newId } from "./state";
import { type Tool, type ToolContext, regionResult } from "./tool";

// A waveform drawn from the decoded audio, with segments (seconds) dragged out on it.

const round = (v: number) => Math.round(v * 1000) / 1000;

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
  const el = h("div", { class: "tool audio-tool" }, wave, bar, audio);

  let peaks: Float32Array | null = null;
  let duration = 0;
  let drag: { x0: number; x: number } | null = null;
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
      const seg = segmentEl(Number(r.value["start"]), Number(r.value["end"]), colorOf(ctx.controls.find((c) => c.name === r.from_name), labelsOf(r)[0] ?? ""),
        r.id === ctx.answer.selected ? "segment selected" : "segment", labelsOf(r).join(", "));
      seg.append(h("span", { class: "seg-label" }, labelsOf(r).join(", ")));
      seg.addEventListener("mousedown", (e) => { e.stopPropagation(); ctx.answer.select(r.id); });
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
  const onMove = (e: MouseEvent) => { if (drag) { drag.x = timeAt(e.clientX); render(); } };
  const onUp = () => {
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

  function onKey(e: KeyboardEvent): boolean {
    if (e.key === " ") { toggle(); return true; }
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

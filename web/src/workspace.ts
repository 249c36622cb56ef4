import { ApiError, type Item, type Project, type Result, type SchemaControl, api, user } from "./api";
import { audioTool } from "./audio-tool";
import { renderControl, toggleChoice } from "./controls";
import { lockIcon } from "./lock-icon";
import { distributionApi } from "./distribution";
import { clear, h } from "./dom";
import { t } from "./i18n";
import { imageTool } from "./image-tool";
import { RegionView } from "./region-view";
import { type ActiveLabel, Answer, colorOf, isRegion, labelsOf, newId } from "./state";
import { textTool } from "./text-tool";
import type { Tool } from "./tool";

// The annotation workspace: built from the project's schema, one tool per data field, answers in a side panel.

const acceptKey = "Shift+A";
const hideKey = "Shift+H";
const lockKey = "Shift+L";
const copyPreviousKey = "Shift+P";
const previousKey = (project: string) => `laoshi.previous.${project}`;
/** Region types drawn on a picture: the ones that can be hidden, locked and copied to the next item. */
const imageRegionTypes = new Set(["rectanglelabels", "polygonlabels", "keypointlabels"]);
const draftKey = (project: string, id: number) => `laoshi.draft.${project}.${id}`;

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && !["button", "checkbox", "radio"].includes(target.type));
}

export interface Workspace { el: HTMLElement; destroy(): void }

/**
 * A directed use of the workspace on one item: it opens with prefill (instead of the caller's own answer) and
 * Submit hands the answer to submitTo (a reviewer's correction, an agreed answer) instead of submitting an
 * annotation. No queue, no skip, no drafts, no URL change.
 */
export interface WorkspaceOptions {
  prefill?: Result[];
  submitTo?: (results: Result[]) => Promise<unknown>;
  submitLabel?: string;
  onDone?: () => void;
}

/** preview: draw this item only, as the rules page's live preview (no queue, no submit, no drafts, no URL change). */
export function workspace(project: Project, startItem: number | null, preview?: Item, options: WorkspaceOptions = {}): Workspace {
  const directed = options.submitTo !== undefined;
  const name = project.name;
  // The address this workspace was opened at, then the one it last wrote to name its item. Items load late; once the
  // person has gone to another page the address is no longer ours, and rewriting it would cancel their navigation.
  let ownHash = location.hash;
  const schema = project.schema;
  const root = h("section", { class: "workspace", "aria-label": t("workspace") });
  const status = h("div", { class: "status", role: "status", "aria-live": "polite" });
  const submitText = options.submitLabel ?? t("submit");
  const submitBtn = h("button", { type: "button", class: "primary", "aria-label": submitText, title: "Ctrl+Enter" }, submitText, h("kbd", { "aria-hidden": "true" }, "Ctrl+Enter"));
  const skipBtn = h("button", { type: "button", "aria-label": t("skip"), hidden: directed }, t("skip"));
  const undoBtn = h("button", { type: "button", "aria-label": t("undo"), title: "Ctrl+Z" }, t("undo"));
  const redoBtn = h("button", { type: "button", "aria-label": t("redo"), title: "Ctrl+Shift+Z" }, t("redo"));
  const helpBtn = h("button", { type: "button", "aria-label": t("help"), title: "?" }, "?");
  const hasImage = schema.fields.some((f) => f.kind === "image");
  const copyBtn = hasImage
    ? h("button", { type: "button", "aria-label": t("copyPrevious"), title: copyPreviousKey }, t("copyPrevious"), h("kbd", { "aria-hidden": "true" }, copyPreviousKey))
    : null;
  const toolbar = h("div", { class: "toolbar", role: "toolbar", "aria-label": t("workspace") }, submitBtn, skipBtn, undoBtn, redoBtn, copyBtn, helpBtn, status);
  const stage = h("div", { class: "fields" });
  const side = h("aside", { class: "side", "aria-label": t("regions") });
  root.append(toolbar, h("div", { class: "work-body" }, stage, side));

  const answer = new Answer();
  let item: Item | null = null;
  let prefetched: Promise<Item | null> | null = null;
  let predictions: Result[] = [];
  let tools: { field: string; tool: Tool }[] = [];
  let active: ActiveLabel | null = null;
  let shownAt = Date.now();
  let helpOpen: HTMLElement | null = null;
  /** Where focus was when the help opened, to give it back when the help closes. */
  let helpOpener: HTMLElement | null = null;
  const view = new RegionView();
  let busy = false;

  const regionControls = schema.controls.filter((c) => ["labels", "rectanglelabels", "polygonlabels", "keypointlabels"].includes(c.type));
  const answerControls = schema.controls.filter((c) => !regionControls.includes(c));

  function notify(message: string): void {
    status.textContent = message;
    status.title = message; // the line may be cut short on narrow screens
  }

  function setActive(a: ActiveLabel | null): void {
    active = a;
    renderSide();
  }

  function show(next: Item): void {
    for (const x of tools) x.tool.destroy();
    tools = [];
    clear(stage);
    item = next;
    submitBtn.disabled = false;
    if (copyBtn) copyBtn.disabled = !!preview;
    skipBtn.disabled = false;
    root.setAttribute("data-item-id", String(next.id));
    if (!preview && !directed && location.hash === ownHash) {
      history.replaceState(null, "", `#/p/${encodeURIComponent(name)}/work?item=${next.id}`);
      ownHash = location.hash;
    }
    predictions = next.predictions[0]?.result ?? [];
    const mine = next.annotations.find((a) => a.is_current && a.completed_by === user());
    const draft = preview || directed ? null : localStorage.getItem(draftKey(name, next.id));
    let results = options.prefill ?? mine?.result ?? [];
    if (draft) {
      try { results = JSON.parse(draft) as Result[]; notify(t("draftRestored")); } catch { /* a broken draft is dropped */ }
    } else notify("");
    openedWith = JSON.stringify(options.prefill ?? mine?.result ?? []);
    view.clear();
    answer.reset(results);
    for (const field of schema.fields) {
      const ctx = {
        answer, field, controls: regionControls.filter((c) => c.toName === field.name),
        predictions: () => predictions.filter((r) => r.to_name === field.name),
        active: () => active, setActive, notify, view,
      };
      const tool = field.kind === "image" ? imageTool(ctx, next.data) : field.kind === "audio" ? audioTool(ctx, next.data) : textTool(ctx, next.data);
      tools.push({ field: field.name, tool });
      stage.append(h("div", { class: "field" }, tool.el));
    }
    active = null;
    const firstDrawing = regionControls.find((c) => c.type !== "labels");
    if (firstDrawing?.labels?.[0]) active = { control: firstDrawing, label: firstDrawing.labels[0] };
    shownAt = Date.now();
    renderAll();
  }

  function renderAll(): void {
    for (const x of tools) x.tool.render();
    renderSide();
    undoBtn.disabled = !answer.canUndo();
    redoBtn.disabled = !answer.canRedo();
  }

  // The draft is kept only while it differs from what the item opened with, so an untouched item leaves nothing behind.
  let openedWith = "[]";
  answer.onChange(() => {
    renderAll();
    if (!item || preview || directed) return;
    const now = JSON.stringify(answer.results);
    if (now === openedWith) localStorage.removeItem(draftKey(name, item.id));
    else localStorage.setItem(draftKey(name, item.id), now);
  });

  function labelButton(control: SchemaControl, label: { value: string; alias?: string; hotkey?: string; background?: string; description?: string }): HTMLElement {
    const on = active?.control === control && active.label.value === label.value;
    const button = h("button", { type: "button", class: on ? "label on" : "label", "aria-pressed": on ? "true" : "false", "aria-label": label.value, title: label.description },
      h("span", { class: "swatch", "aria-hidden": "true" }), label.alias && label.alias !== label.value ? `${label.value} · ${label.alias}` : label.value);
    (button.firstChild as HTMLElement).style.background = colorOf(control, label.value);
    if (label.hotkey) button.append(h("kbd", { "aria-hidden": "true" }, label.hotkey));
    button.setAttribute("data-key", `label:${control.name}:${label.value}`);
    button.addEventListener("mousedown", (e) => e.preventDefault()); // keep the text selection
    button.addEventListener("click", () => pickLabel({ control, label }));
    return button;
  }

  function summary(r: Result): string {
    const v = r.value;
    if (typeof v["text"] === "string") return `“${v["text"]}” [${v["start"]}–${v["end"]}]`;
    if (r.type === "labels") return t("seconds", { s: `${Number(v["start"]).toFixed(2)}–${Number(v["end"]).toFixed(2)}` });
    if (r.type === "rectanglelabels") {
      const turned = Number(v["rotation"] ?? 0) ? ` · ${Number(v["rotation"]).toFixed(1)}°` : "";
      return `${Number(v["x"]).toFixed(1)}%, ${Number(v["y"]).toFixed(1)}% · ${Number(v["width"]).toFixed(1)}×${Number(v["height"]).toFixed(1)}%${turned}`;
    }
    if (r.type === "polygonlabels") return t("points", { n: (v["points"] as unknown[]).length });
    return `${Number(v["x"]).toFixed(1)}%, ${Number(v["y"]).toFixed(1)}%`;
  }

  function renderSide(): void {
    const focusedKey = (document.activeElement as HTMLElement | null)?.getAttribute?.("data-key");
    clear(side);
    for (const control of regionControls) {
      const group = h("div", { role: "group", "aria-label": control.name, class: "palette" }, h("div", { class: "control-name" }, control.name));
      for (const label of control.labels ?? []) group.append(labelButton(control, label));
      side.append(group);
    }
    for (const control of answerControls.filter((c) => !c.perRegion)) {
      const hinted = predictions.filter((r) => r.from_name === control.name).flatMap((r) => (r.value["choices"] as string[] | undefined) ?? []);
      side.append(renderControl(answer, control, null, hinted));
    }

    if (predictions.length) {
      const accept = h("button", { type: "button", "aria-label": t("acceptPredictions"), "data-key": "accept" }, t("acceptPredictions"), h("kbd", { "aria-hidden": "true" }, acceptKey));
      accept.addEventListener("click", acceptPredictions);
      const lines = h("ul", { class: "pred-list" });
      for (const r of predictions) lines.append(h("li", {}, `${r.from_name}: ${(labelsOf(r).length ? labelsOf(r) : (r.value["choices"] as string[] | undefined) ?? []).join(", ")}`));
      side.append(h("div", { class: "preds" }, h("h2", {}, t("predictions")), h("p", { class: "hint" }, t("predictionsHint")), lines, accept));
    }

    const regions = answer.results.filter(isRegion);
    const list = h("ul", { class: "regions", "aria-label": t("regions") });
    for (const [index, r] of regions.entries()) {
      const control = regionControls.find((c) => c.name === r.from_name);
      const labelText = labelsOf(r).join(", ");
      const swatch = h("span", { class: "swatch", "aria-hidden": "true" });
      swatch.style.background = colorOf(control, labelsOf(r)[0] ?? "");
      // Region buttons are named by number, described by label: a label's own name stays unique to its label button.
      const descId = `region-desc-${r.id}`;
      const pick = h("button", { type: "button", class: "region-pick", "aria-pressed": r.id === answer.selected ? "true" : "false", "data-key": `pick:${r.id}`,
        "aria-label": t("regionN", { n: index + 1 }), "aria-describedby": descId },
        swatch, h("span", { id: descId }, h("strong", {}, labelText), " ", h("span", { class: "muted" }, summary(r))));
      pick.addEventListener("click", () => answer.select(r.id));
      const locked = view.isLocked(r.id), hidden = view.isHidden(r.id);
      const del = h("button", { type: "button", class: "delete", "aria-label": t("deleteRegion", { n: index + 1 }), title: "Del", disabled: locked, "data-key": `del:${r.id}` }, "✕");
      del.addEventListener("click", () => removeRegion(r.id));
      const head = h("div", { class: "region-head" }, pick);
      if (imageRegionTypes.has(r.type)) {
        const eye = h("button", { type: "button", class: "toggle", "aria-label": t("hideRegion", { n: index + 1 }), "aria-pressed": hidden ? "true" : "false",
          title: `${t(hidden ? "showRegionHint" : "hideRegionHint")} (${hideKey})`, "data-key": `hide:${r.id}` }, h("span", { "aria-hidden": "true" }, hidden ? "◌" : "◉"));
        eye.addEventListener("click", () => toggleHidden(r.id));
        const lock = h("button", { type: "button", class: "toggle", "aria-label": t("lockRegion", { n: index + 1 }), "aria-pressed": locked ? "true" : "false",
          title: `${t(locked ? "unlockRegionHint" : "lockRegionHint")} (${lockKey})`, "data-key": `lock:${r.id}` }, lockIcon(locked));
        lock.addEventListener("click", () => toggleLocked(r.id));
        head.append(eye, lock);
      }
      head.append(del);
      const row = h("li", { class: `region${r.id === answer.selected ? " selected" : ""}${hidden ? " hidden-region" : ""}` }, head);
      for (const c of answerControls.filter((c) => c.perRegion && c.toName === r.to_name)) {
        const box = renderControl(answer, c, r.id);
        box.querySelectorAll("textarea, button").forEach((e, i) => e.setAttribute("data-key", `pr:${r.id}:${c.name}:${i}`));
        row.append(box);
      }
      list.append(row);
    }
    side.append(h("div", { class: "region-box" }, h("h2", {}, t("regions")), regions.length ? list : h("p", { class: "muted" }, t("noRegions"))));
    side.append(shortcutList());
    if (schema.guideline) side.append(h("details", { class: "guideline" }, h("summary", {}, t("guideline")), h("pre", {}, schema.guideline)));
    if (focusedKey) (side.querySelector(`[data-key="${CSS.escape(focusedKey)}"]`) as HTMLElement | null)?.focus();
  }

  function toggleHidden(id: string): void {
    view.toggleHidden(id);
    renderAll();
  }

  function toggleLocked(id: string): void {
    view.toggleLocked(id);
    renderAll();
  }

  /** Deletes a region unless the annotator locked it. */
  function removeRegion(id: string): void {
    if (view.isLocked(id)) { notify(t("regionLocked")); return; }
    answer.remove(id);
  }

  /**
   * Adds the picture regions of the answer submitted on the previous item (with their per-region answers) to this
   * item, as one undoable step. Regions already here (same control and geometry) are not added twice.
   */
  function copyPrevious(): void {
    if (!item || preview) return;
    let previous: Result[] = [];
    try { previous = JSON.parse(sessionStorage.getItem(previousKey(name)) ?? "[]") as Result[]; } catch { /* unreadable: nothing to copy */ }
    const imageFields = new Set(schema.fields.filter((f) => f.kind === "image").map((f) => f.name));
    const same = (a: Result, b: Result) => a.from_name === b.from_name && a.type === b.type && JSON.stringify(a.value) === JSON.stringify(b.value);
    const regions = previous.filter((r) => imageRegionTypes.has(r.type) && imageFields.has(r.to_name));
    if (!regions.length) { notify(t("noPreviousRegions")); return; }
    const fresh = regions.filter((p) => !answer.results.some((r) => same(r, p)));
    if (!fresh.length) { notify(t("previousAlreadyCopied")); return; }
    const ids = new Map(fresh.map((r) => [r.id, newId()]));
    const perRegion = previous.filter((r) => !isRegion(r) && ids.has(r.id));
    // Percent coordinates fit any picture; the pixel size they refer to is this item's picture.
    const sizeOf = (field: string) => tools.find((x) => x.field === field)?.tool.imageSize?.() ?? null;
    const copied = [...fresh, ...perRegion].map((r) => {
      const size = sizeOf(r.to_name);
      const copy: Result = { ...r, id: ids.get(r.id)!, value: structuredClone(r.value) };
      if (size) { copy.original_width = size.w; copy.original_height = size.h; }
      return copy;
    });
    answer.update([...answer.results, ...copied]);
    notify(t("copiedRegions", { n: fresh.length }));
  }

  function shortcuts(): [string, string][] {
    const keys: [string, string][] = [["Ctrl+Enter", t("keySubmit")], ["Ctrl+Z", t("keyUndo")], ["Ctrl+Shift+Z", t("keyRedo")],
      ["Del", t("keyDelete")], [acceptKey, t("keyAccept")], ["?", t("keyHelp")], ["Esc", t("keyEscape")]];
    if (schema.fields.some((f) => f.kind === "audio")) {
      keys.push(["Space", t("keyPlay")], ["← →", t("keySeek")], ["[ / ]", t("keySegmentStart")], ["Shift+[ / ]", t("keySegmentEnd")]);
    }
    if (hasImage) {
      keys.push(["Wheel / Space", t("keyZoom")], ["Ctrl+0", t("zoomReset")], ["← ↑ → ↓", t("keyNudge")], ["[ / ]", t("keyRotate")],
        [hideKey, t("keyHide")], [lockKey, t("keyLock")], [copyPreviousKey, t("keyCopyPrevious")]);
    }
    if (regionControls.some((c) => c.type === "polygonlabels")) keys.push(["Enter", t("keyPolygonClose")]);
    for (const c of schema.controls) for (const l of c.labels ?? []) if (l.hotkey) keys.push([l.hotkey, t("keyLabel", { control: c.name, label: l.value })]);
    return keys;
  }

  function shortcutList(): HTMLElement {
    const dl = h("dl", { class: "keys" });
    for (const [key, what] of shortcuts()) dl.append(h("dt", {}, h("kbd", {}, key)), h("dd", {}, what));
    return h("details", { class: "shortcuts", open: true }, h("summary", {}, t("shortcuts")), dl);
  }

  function toggleHelp(): void {
    if (helpOpen) {
      helpOpen.remove();
      helpOpen = null;
      const opener = helpOpener;
      helpOpener = null;
      if (opener?.isConnected) opener.focus();
      return;
    }
    helpOpener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    const close = h("button", { type: "button", "aria-label": t("close") }, t("close"));
    const dl = h("dl", { class: "keys" });
    for (const [key, what] of shortcuts()) dl.append(h("dt", {}, h("kbd", {}, key)), h("dd", {}, what));
    // The list can be longer than the dialog, so it takes focus to be scrolled by keyboard.
    const list = h("div", { class: "keys-scroll", role: "region", "aria-label": t("shortcuts"), tabindex: 0 }, dl);
    helpOpen = h("div", { class: "overlay" }, h("div", { role: "dialog", "aria-modal": "true", "aria-label": t("help"), class: "dialog" }, h("h2", {}, t("help")), list, close));
    close.addEventListener("click", toggleHelp);
    document.body.append(helpOpen);
    close.focus();
  }

  /** Keeps Tab and Shift+Tab inside the open help dialog, going round from the last control to the first. */
  function trapFocus(e: KeyboardEvent): void {
    if (!helpOpen) return;
    const focusable = [...helpOpen.querySelectorAll<HTMLElement>("button, [tabindex]:not([tabindex='-1']), a[href], input, select, textarea")]
      .filter((el) => !(el as HTMLButtonElement).disabled);
    if (!focusable.length) { e.preventDefault(); return; }
    const at = focusable.indexOf(document.activeElement as HTMLElement);
    const next = at < 0 ? (e.shiftKey ? focusable.length - 1 : 0) : (at + (e.shiftKey ? -1 : 1) + focusable.length) % focusable.length;
    e.preventDefault();
    focusable[next]!.focus();
  }

  function pickLabel(a: ActiveLabel): void {
    if (a.control.type === "choices") {
      const region = a.control.perRegion ? answer.selected : null;
      toggleChoice(answer, a.control, a.label.value, region);
      return;
    }
    active = a;
    const tool = tools.find((x) => x.field === a.control.toName)?.tool;
    if (!tool?.applyLabel(a)) renderSide();
  }

  function acceptPredictions(): void {
    if (!predictions.length) return;
    const taken = new Set(answer.results.map((r) => r.id));
    const renamed = new Map<string, string>();
    // A pre-label the annotator already drew (same control, same value) is not added twice.
    const same = (a: Result, b: Result) => a.from_name === b.from_name && a.type === b.type && JSON.stringify(a.value) === JSON.stringify(b.value);
    const added = predictions.filter((p) => !answer.results.some((r) => same(r, p))).map((r) => {
      let id = r.id;
      if (taken.has(id)) { id = renamed.get(r.id) ?? newId(); renamed.set(r.id, id); }
      return { ...r, id, value: { ...r.value } };
    });
    // Item-level answers from the model replace the annotator's empty ones, never pile up beside them.
    const kept = answer.results.filter((r) => isRegion(r) || !added.some((a) => a.from_name === r.from_name && !isRegion(a)));
    predictions = [];
    answer.update([...kept, ...added]);
  }

  function showDone(): void {
    for (const x of tools) x.tool.destroy();
    tools = [];
    item = null;
    clear(stage);
    clear(side);
    root.removeAttribute("data-item-id");
    for (const b of [submitBtn, skipBtn, undoBtn, redoBtn, copyBtn]) if (b) b.disabled = true;
    stage.append(h("p", { class: "done" }, t("done")), h("a", { href: "#/" }, t("backToProjects")));
  }

  /** A person who failed the project's exam gets no work: the server's reason, and what to do about it. */
  function showNotQualified(message: string): void {
    showDone();
    clear(stage);
    stage.append(h("p", { class: "done", role: "alert" }, t("notQualified", { message })), h("a", { href: "#/" }, t("backToProjects")));
  }

  /** The server decides what comes next (overlap, order, gold, exam), so every move asks it for the next lease. */
  /**
   * Leases the item after the current one while the person works on it, and warms its media, so that after a submit or
   * skip the next item appears without waiting on the server. Only the server knows what comes next (overlap, order,
   * gold), so it is asked, not guessed.
   */
  function prefetch(): void {
    if (!item || directed || preview) { prefetched = null; return; }
    prefetched = api.nextAfter(name, item.id).then((next) => {
      if (next) {
        for (const f of schema.fields) {
          const v = next.data[(f.value ?? f.name).replace(/^\$/, "")];
          if (f.kind !== "text" && typeof v === "string") void fetch(v.startsWith("/") || v.startsWith("http") ? v : `/api/v1/blobs/${v}`).catch(() => undefined);
        }
      }
      return next;
    }, () => null);
  }

  async function advance(): Promise<void> {
    const ahead = prefetched ? await prefetched : null;
    prefetched = null;
    if (ahead && ahead.id !== item?.id) {
      show(ahead);
      prefetch();
      return;
    }
    let leased: Item | null;
    try {
      leased = await api.next(name);
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) { showNotQualified(e.message); return; }
      throw e;
    }
    if (!leased || leased.id === item?.id) { showDone(); return; }
    show(leased);
    prefetch();
  }

  /** The first required control left unanswered (item-level ones; per-region ones for each region of their field). */
  function missingRequired(): SchemaControl | null {
    for (const c of schema.controls.filter((c) => c.required)) {
      const answered = (regionId: string | null) => answer.results.some((r) => r.from_name === c.name && (regionId === null || r.id === regionId));
      if (c.perRegion) {
        const regions = answer.results.filter((r) => isRegion(r) && r.to_name === c.toName);
        if (regions.some((r) => !answered(r.id))) return c;
      } else if (!answered(null)) return c;
    }
    return null;
  }

  async function submit(): Promise<void> {
    if (!item || busy || preview) return;
    const missing = missingRequired();
    if (missing) {
      notify(t("required", { name: missing.name }));
      (side.querySelector(`[data-control="${CSS.escape(missing.name)}"] button, [data-control="${CSS.escape(missing.name)}"] textarea`) as HTMLElement | null)?.focus();
      return;
    }
    busy = true;
    if (options.submitTo) {
      try {
        await options.submitTo(answer.results);
        options.onDone?.();
      } catch (e) {
        notify(t("error", { message: e instanceof Error ? e.message : String(e) }));
      } finally {
        busy = false;
      }
      return;
    }
    try {
      await api.submit(name, item.id, answer.results, Math.round((Date.now() - shownAt) / 100) / 10);
      localStorage.removeItem(draftKey(name, item.id));
      // Remembered for "copy regions from the previous item" on the items that follow in this session.
      sessionStorage.setItem(previousKey(name), JSON.stringify(answer.results));
      await advance();
      notify(t("submitted"));
    } catch (e) {
      notify(t("error", { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      busy = false;
    }
  }

  async function skip(): Promise<void> {
    if (!item || busy || preview || directed) return;
    busy = true;
    try {
      // The server releases the lease and never offers this item to this person again.
      await distributionApi.skip(name, item.id);
      localStorage.removeItem(draftKey(name, item.id));
      await advance();
      notify(t("skipped"));
    } catch (e) {
      notify(t("error", { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      busy = false;
    }
  }

  submitBtn.addEventListener("click", () => void submit());
  skipBtn.addEventListener("click", () => void skip());
  undoBtn.addEventListener("click", () => answer.undo());
  redoBtn.addEventListener("click", () => answer.redo());
  helpBtn.addEventListener("click", toggleHelp);
  copyBtn?.addEventListener("click", copyPrevious);

  function onKey(e: KeyboardEvent): void {
    // A preview shares its page with the rules editor: it takes keys only when focus is in it (or nowhere).
    if (preview && e.target instanceof Node && e.target !== document.body && !root.contains(e.target)) return;
    const ctrl = e.ctrlKey || e.metaKey;
    if (ctrl && e.key === "Enter") { e.preventDefault(); void submit(); return; }
    if (e.key === "Tab" && helpOpen) { trapFocus(e); return; }
    if (e.key === "Escape") {
      if (helpOpen) { toggleHelp(); e.preventDefault(); return; }
      if (isTyping(e.target)) { (e.target as HTMLElement).blur(); return; }
    }
    if (isTyping(e.target) || helpOpen && e.key !== "?") return;
    if (ctrl && e.key.toLowerCase() === "z") { e.preventDefault(); if (e.shiftKey) answer.redo(); else answer.undo(); return; }
    if (ctrl && e.key.toLowerCase() === "y") { e.preventDefault(); answer.redo(); return; }
    if (e.key === "?") { e.preventDefault(); toggleHelp(); return; }
    if (e.shiftKey && !ctrl && !e.altKey && e.key.toLowerCase() === "a" && predictions.length) { e.preventDefault(); acceptPredictions(); return; }
    if ((e.key === "Delete" || e.key === "Backspace") && answer.selected) { e.preventDefault(); removeRegion(answer.selected); return; }
    if (e.shiftKey && !ctrl && !e.altKey) {
      const letter = e.key.toLowerCase();
      const sel = answer.region(answer.selected);
      const drawnSel = sel && imageRegionTypes.has(sel.type) ? sel : undefined;
      if (letter === "h" && drawnSel) { e.preventDefault(); toggleHidden(drawnSel.id); return; }
      if (letter === "l" && drawnSel) { e.preventDefault(); toggleLocked(drawnSel.id); return; }
      if ((letter === "h" || letter === "l") && hasImage) { e.preventDefault(); notify(t("selectRegionFirst")); return; }
      if (letter === "p" && hasImage) { e.preventDefault(); copyPrevious(); return; }
    }
    if (e.key === "Escape") { answer.select(null); return; }
    for (const x of tools) {
      if (x.tool.onKey(e)) { e.preventDefault(); return; }
    }
    if (ctrl || e.altKey) return;
    if (e.key.length !== 1 || e.shiftKey) return;
    for (const control of schema.controls) {
      const label = control.labels?.find((l) => l.hotkey && l.hotkey.toLowerCase() === e.key.toLowerCase());
      if (label) { e.preventDefault(); pickLabel({ control, label }); return; }
    }
  }
  window.addEventListener("keydown", onKey);

  if (preview) {
    show(preview);
    submitBtn.disabled = true;
    skipBtn.disabled = true;
    if (copyBtn) copyBtn.disabled = true;
  } else (async () => {
    try {
      if (startItem === null) { await advance(); return; }
      show(await api.item(name, startItem));
      prefetch();
    } catch (e) {
      notify(t("error", { message: e instanceof Error ? e.message : String(e) }));
    }
  })();

  return {
    el: root,
    destroy: () => {
      window.removeEventListener("keydown", onKey);
      for (const x of tools) x.tool.destroy();
      helpOpen?.remove();
    },
  };
}

import { type Project, fieldValue } from "./api";
import { type CleaningOptions, type CleaningReport, type Cluster, type ClusterItem, cleaningApi } from "./cleaning-api";
import { clear, h } from "./dom";
import { type Key, t } from "./i18n";
import { jobProgress } from "./jobs";

// Cleaning: choose what a pass looks for, preview it (nothing changes), apply it; resolve duplicate clusters side by side
// (keep one, merge, drop, not duplicates); every change is listed with an undo.

const normalizations = ["nfkc", "width", "t2s", "whitespace", "control"] as const;

export function cleaningPage(project: Project): HTMLElement {
  const name = project.name;
  const note = h("p", { class: "muted", role: "status", "aria-live": "polite" });
  const fail = (e: unknown) => { note.textContent = t("error", { message: e instanceof Error ? e.message : String(e) }); };

  // What to look for.
  const dedupe = h("input", { type: "checkbox", checked: true });
  const nearOn = h("input", { type: "checkbox", checked: true });
  const near = h("input", { type: "range", min: 0.5, max: 1, step: 0.01, value: 0.8, "aria-label": t("cleanNearThreshold") });
  const nearValue = h("span", { class: "near-value" }, "0.80");
  near.addEventListener("input", () => { nearValue.textContent = Number(near.value).toFixed(2); });
  const broken = h("input", { type: "checkbox", checked: true });
  const steps = normalizations.map((step) => ({ step, box: h("input", { type: "checkbox", value: step }) }));
  const pii = h("select", { "aria-label": t("cleanPii") },
    h("option", { value: "" }, t("cleanPiiNone")), h("option", { value: "report" }, t("cleanPiiReport")), h("option", { value: "mask" }, t("cleanPiiMask")));
  const minImage = h("input", { type: "number", min: 0, value: 32, "aria-label": t("cleanMinImage") });
  const maxText = h("input", { type: "number", min: 1, value: 100000, "aria-label": t("cleanMaxText") });
  const previewButton = h("button", { type: "button", class: "primary" }, t("cleanPreview"));
  const applyButton = h("button", { type: "button" }, t("cleanApply"));
  const form = h("form", { class: "cleaning-options", "aria-label": t("cleanOptions") },
    h("label", {}, dedupe, ` ${t("cleanDedupe")}`),
    h("label", {}, nearOn, ` ${t("cleanNear")} `, near, " ", nearValue),
    h("label", {}, broken, ` ${t("cleanBroken")}`),
    h("fieldset", {}, h("legend", {}, t("cleanNormalize")), ...steps.map(({ step, box }) => h("label", {}, box, ` ${t(`cleanStep_${step}` as Key)} `))),
    h("label", {}, `${t("cleanPii")} `, pii),
    h("label", {}, `${t("cleanMinImage")} `, minImage),
    h("label", {}, `${t("cleanMaxText")} `, maxText),
    h("div", { class: "actions" }, previewButton, " ", applyButton));
  form.addEventListener("submit", (e) => e.preventDefault());

  function options(): CleaningOptions {
    const chosen = steps.filter((s) => s.box.checked).map((s) => s.step).join(",");
    return {
      dedupe: dedupe.checked,
      near: nearOn.checked ? Number(near.value) : undefined,
      broken: broken.checked,
      normalize: chosen || undefined,
      pii: (pii.value || undefined) as CleaningOptions["pii"],
      min_image_size: Number(minImage.value),
      max_text_length: Number(maxText.value),
    };
  }

  // A live preview of the chosen normalisation on a text the user types.
  const sample = h("textarea", { rows: 2, "aria-label": t("cleanSample"), placeholder: "ＡＢＣ　這裡有全形字元" });
  const sampleOut = h("p", { class: "normalized-sample", "aria-label": t("cleanSampleResult") });
  let timer = 0;
  const refreshSample = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      const normalize = options().normalize;
      if (!normalize || !sample.value) { sampleOut.textContent = sample.value; return; }
      cleaningApi.normalize(name, sample.value, normalize).then((r) => { sampleOut.textContent = r.after; }, fail);
    }, 200);
  };
  sample.addEventListener("input", refreshSample);
  for (const { box } of steps) box.addEventListener("change", refreshSample);

  const reportView = h("section", { class: "cleaning-report", "aria-label": t("cleanReport") });
  const clusterList = h("div", { class: "cluster-list" });
  const clustersEmpty = h("p", { class: "muted", hidden: true }, t("cleanNoClusters"));
  const moreClusters = h("button", { type: "button", hidden: true }, t("loadMore"));
  const runList = h("ul", { class: "cleaning-runs" });
  const changeList = h("tbody");
  const moreChanges = h("button", { type: "button", hidden: true }, t("loadMore"));
  let clusterCursor: string | null = null;
  let changeCursor: string | null = null;

  // A preview answers at once; an applied pass runs as a background job whose progress shows until its report arrives.
  const jobBox = h("div", { class: "cleaning-job" });
  async function pass(apply: boolean): Promise<void> {
    previewButton.disabled = applyButton.disabled = true;
    note.textContent = t("cleanRunning");
    clear(jobBox);
    let waiting = false;
    try {
      if (!apply) {
        showReport(await cleaningApi.preview(name, options()));
        note.textContent = t("cleanPreviewed");
        return;
      }
      const job = await cleaningApi.queue(name, options());
      waiting = true;
      note.textContent = t("cleanQueued", { job });
      jobBox.append(jobProgress(job, (done) => {
        previewButton.disabled = applyButton.disabled = false;
        if (done.state !== "succeeded" || !done.result) { note.textContent = t("cleanJobEnded"); return; }
        const report = done.result as CleaningReport;
        showReport(report);
        note.textContent = t("cleanApplied", { run: report.run_id ?? "", changes: report.changes ?? 0 });
        void refresh();
      }));
    } catch (e) {
      fail(e);
    } finally {
      if (!waiting) previewButton.disabled = applyButton.disabled = false;
    }
  }
  previewButton.addEventListener("click", () => void pass(false));
  applyButton.addEventListener("click", () => void pass(true));

  function showReport(report: CleaningReport): void {
    clear(reportView);
    const facts = h("dl", { class: "facts" }, h("dt", {}, t("cleanItemsRead")), h("dd", {}, String(report.items)));
    const fact = (key: Key, value: string | number) => facts.append(h("dt", {}, t(key)), h("dd", {}, String(value)));
    if (report.exact_duplicates !== undefined) fact("cleanExact", report.exact_duplicates);
    if (report.near_duplicates) fact("cleanNearClusters", report.near_duplicates.length);
    if (report.broken) fact("cleanBrokenCount", report.broken.length);
    if (report.normalized !== undefined) fact("cleanNormalizedCount", report.normalized);
    if (report.pii_masked !== undefined) fact("cleanMaskedCount", report.pii_masked);
    if (report.dropped !== undefined) fact("cleanDroppedCount", report.dropped);
    reportView.append(h("h2", {}, report.dry_run ? t("cleanPreviewTitle") : t("cleanRunTitle", { run: report.run_id ?? "" })), facts);
    if (report.pii) {
      reportView.append(h("table", { class: "pii-counts", "aria-label": t("cleanPii") },
        h("thead", {}, h("tr", {}, ...Object.keys(report.pii).map((k) => h("th", { scope: "col" }, k)))),
        h("tbody", {}, h("tr", {}, ...Object.values(report.pii).map((v) => h("td", {}, String(v)))))));
    }
    if (report.broken?.length) {
      reportView.append(h("h3", {}, t("cleanBroken")),
        h("ul", { class: "broken-items" }, ...report.broken.map((b) => h("li", {}, h("a", { href: `#/p/${encodeURIComponent(name)}?item=${b.item}` }, `#${b.item}`), ` ${b.reason}`))));
    }
    if (report.near_duplicates?.length && report.dry_run) {
      reportView.append(h("h3", {}, t("cleanNearClusters")),
        h("ul", {}, ...report.near_duplicates.map((c) => h("li", {}, `${c.items.map((i) => `#${i}`).join(", ")} · ${c.similarity.toFixed(2)} · ${c.kind}`))));
    }
    if (report.normalize_preview?.length) {
      reportView.append(h("h3", {}, t("cleanNormalizePreview")), h("table", { class: "normalize-preview" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("cleanItem")), h("th", { scope: "col" }, t("cleanBefore")), h("th", { scope: "col" }, t("cleanAfter")))),
        h("tbody", {}, ...report.normalize_preview.map((c) => h("tr", {}, h("td", {}, `#${c.item} ${c.field}`), h("td", {}, c.before), h("td", {}, c.after))))));
    }
    if (report.skipped.length) {
      reportView.append(h("h3", {}, t("cleanSkipped")), h("ul", {}, ...report.skipped.map((s) => h("li", {}, `#${s.item} ${s.reason}`))));
    }
  }

  function itemView(item: ClusterItem): HTMLElement {
    if (item.missing || !item.data) return h("p", { class: "muted" }, t("cleanMissing"));
    const parts = project.schema.fields.map((field) => {
      const value = fieldValue(field, item.data!);
      if (typeof value !== "string") return null;
      if (field.kind === "image") return h("img", { src: value, alt: t("item", { id: item.id }), class: "cluster-image" });
      if (field.kind === "audio") return h("audio", { src: value, controls: true });
      return h("p", { class: "cluster-text" }, value);
    });
    return h("div", {}, ...parts);
  }

  function clusterCard(cluster: Cluster): HTMLElement {
    const group = `keep-${cluster.id}`;
    const columns = h("div", { class: "side-by-side" }, ...cluster.items.map((item, i) =>
      h("article", { class: "answer-column", "aria-label": t("item", { id: item.id }) },
        h("h3", {}, h("label", {}, h("input", { type: "radio", name: group, value: item.id, checked: i === 0 }), ` ${t("cleanKeepThis", { id: item.id })}`)),
        itemView(item))));
    const kept = () => Number((columns.querySelector(`input[name="${group}"]:checked`) as HTMLInputElement | null)?.value ?? cluster.items[0]?.id);
    const card = h("section", { class: "cluster", "aria-label": t("cleanCluster", { id: cluster.id }) },
      h("h3", {}, t("cleanCluster", { id: cluster.id }), " · ", t(cluster.kind === "near_image" ? "cleanKindImage" : cluster.kind === "exact" ? "cleanKindExact" : "cleanKindText"),
        " · ", t("cleanSimilarity", { value: cluster.similarity.toFixed(2) })), columns);
    const actions = h("div", { class: "actions" });
    for (const [resolution, label] of [["keep", "cleanKeep"], ["merge", "cleanMerge"], ["drop", "cleanDropAll"], ["dismiss", "cleanDismiss"]] as const) {
      const button = h("button", { type: "button", class: resolution === "keep" ? "primary" : undefined }, t(label));
      button.addEventListener("click", () => {
        cleaningApi.resolve(name, cluster.id, resolution, resolution === "keep" || resolution === "merge" ? kept() : undefined)
          .then(() => { note.textContent = t("cleanResolved", { id: cluster.id }); card.remove(); clustersEmpty.hidden = clusterList.childElementCount > 0; void loadChanges(true); }, fail);
      });
      actions.append(button, " ");
    }
    card.append(actions);
    return card;
  }

  async function loadClusters(reset: boolean): Promise<void> {
    if (reset) { clear(clusterList); clusterCursor = null; }
    const got = await cleaningApi.clusters(name, clusterCursor);
    for (const cluster of got.clusters) clusterList.append(clusterCard(cluster));
    clusterCursor = got.next;
    moreClusters.hidden = !clusterCursor;
    clustersEmpty.hidden = clusterList.childElementCount > 0;
  }

  async function loadRuns(): Promise<void> {
    clear(runList);
    for (const run of (await cleaningApi.runs(name)).runs) {
      const undo = h("button", { type: "button" }, t("cleanUndoRun"));
      undo.addEventListener("click", () => {
        cleaningApi.undoRun(name, run.id).then((r) => { note.textContent = t("cleanUndone", { count: r.undone }); void refresh(); }, fail);
      });
      runList.append(h("li", {}, t("cleanRunLine", { run: run.id, by: run.created_by, at: new Date(run.created_at).toLocaleString(), changes: run.report?.changes ?? 0 }), " ", undo));
    }
  }

  async function loadChanges(reset: boolean): Promise<void> {
    if (reset) { clear(changeList); changeCursor = null; }
    const got = await cleaningApi.changes(name, changeCursor);
    for (const change of got.changes) {
      const undo = h("button", { type: "button", disabled: change.undone }, change.undone ? t("cleanWasUndone") : t("cleanUndo"));
      undo.addEventListener("click", () => {
        cleaningApi.undoChange(name, change.id).then(() => { note.textContent = t("cleanUndone", { count: 1 }); void refresh(); }, fail);
      });
      changeList.append(h("tr", {}, h("td", {}, `#${change.item_id}`), h("td", {}, change.kind), h("td", {}, change.detail ?? ""),
        h("td", { class: "change-value" }, change.before), h("td", { class: "change-value" }, change.after), h("td", {}, undo)));
    }
    changeCursor = got.next;
    moreChanges.hidden = !changeCursor;
  }

  async function refresh(): Promise<void> {
    try {
      await Promise.all([loadClusters(true), loadRuns(), loadChanges(true)]);
    } catch (e) {
      fail(e);
    }
  }
  moreClusters.addEventListener("click", () => void loadClusters(false).catch(fail));
  moreChanges.addEventListener("click", () => void loadChanges(false).catch(fail));
  void refresh();

  return h("section", { class: "page cleaning" },
    h("h1", {}, name, " · ", t("cleaning")), note, form, jobBox,
    h("section", {}, h("h2", {}, t("cleanSample")), sample, sampleOut),
    reportView,
    h("section", { "aria-label": t("cleanClusters") }, h("h2", {}, t("cleanClusters")), clustersEmpty, clusterList, moreClusters),
    h("section", { "aria-label": t("cleanRuns") }, h("h2", {}, t("cleanRuns")), runList),
    h("section", { "aria-label": t("cleanChanges") }, h("h2", {}, t("cleanChanges")),
      h("table", { class: "cleaning-changes" }, h("thead", {}, h("tr", {}, ...(["cleanItem", "cleanKind", "cleanDetail", "cleanBefore", "cleanAfter", "cleanUndo"] as const).map((k) => h("th", { scope: "col" }, t(k))))), changeList),
      moreChanges));
}

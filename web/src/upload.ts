import { type ImportSummary, ApiError, type InputProblem, uploadImport } from "./api";
import { clear, h } from "./dom";
import { t } from "./i18n";
import { where } from "./problems";

// Upload on the data page: picked files or a whole folder, or one data file (JSONL, CSV, Label Studio, COCO).
// Each file is its own request, so one bad file does not lose the others, and progress is per byte sent.

const dataFormats = ["auto", "jsonl", "csv", "labelstudio", "coco", "conll"];
const mediaPattern = /\.(png|jpe?g|gif|webp|bmp|wav|mp3|ogg|flac)$/i;

export function uploadPanel(projectName: string, onDone: () => void): HTMLElement {
  const files = h("input", { type: "file", multiple: true, id: "upload-files" });
  const folder = h("input", { type: "file", id: "upload-folder" });
  folder.setAttribute("webkitdirectory", "");
  const format = h("select", { id: "upload-format" });
  for (const f of dataFormats) format.append(h("option", { value: f }, f === "auto" ? t("formatAuto") : f));
  const skipBad = h("input", { type: "checkbox", id: "upload-skip-bad" });
  const start = h("button", { type: "button", class: "primary", disabled: true }, t("upload"));
  const bar = h("progress", { max: 100, value: 0, "aria-label": t("uploadProgress"), hidden: true });
  const status = h("p", { class: "muted", role: "status", "aria-live": "polite" });
  const report = h("div", { class: "upload-report" });
  let chosen: File[] = [];

  function pick(list: FileList | null): void {
    // A folder brings hidden files (.DS_Store) along; they are not data.
    chosen = [...(list ?? [])].filter((f) => !f.name.startsWith("."));
    start.disabled = chosen.length === 0;
    status.textContent = chosen.length ? t("filesChosen", { n: chosen.length, size: megabytes(chosen.reduce((a, f) => a + f.size, 0)) }) : "";
  }
  files.addEventListener("change", () => pick(files.files));
  folder.addEventListener("change", () => pick(folder.files));

  start.addEventListener("click", () => {
    void (async () => {
      start.disabled = true;
      clear(report);
      bar.hidden = false;
      const total = chosen.reduce((a, f) => a + f.size, 0) || 1;
      let sent = 0;
      let items = 0;
      let annotations = 0;
      let refused = 0;
      const problems: InputProblem[] = [];
      for (const [index, file] of chosen.entries()) {
        const name = file.webkitRelativePath || file.name;
        status.textContent = t("uploading", { i: index + 1, n: chosen.length, name });
        const media = mediaPattern.test(file.name);
        try {
          const summary: ImportSummary = await uploadImport(projectName, file, media ? "" : format.value === "auto" ? "" : format.value, name, skipBad.checked, (loaded) => {
            bar.value = Math.round(((sent + loaded) / total) * 100);
          });
          items += summary.items;
          annotations += summary.annotations ?? 0;
          refused += summary.refused ?? 0;
          for (const e of summary.errors ?? []) problems.push({ ...e, file: e.file ?? name });
        } catch (error) {
          refused++;
          if (error instanceof ApiError && error.errors.length) for (const e of error.errors) problems.push({ ...e, file: e.file ?? name });
          else problems.push({ message: error instanceof Error ? error.message : String(error), file: name });
        }
        sent += file.size;
        bar.value = Math.round((sent / total) * 100);
      }
      status.textContent = t("uploadDone", { items, annotations, refused });
      if (problems.length) {
        const list = h("ul", { class: "problem-list" });
        for (const p of problems.slice(0, 200)) {
          const at = where(p);
          list.append(h("li", {}, at ? h("code", {}, at) : null, at ? " " : null, p.message));
        }
        report.append(h("div", { class: "problems", role: "alert" }, h("p", { class: "problem-title" }, t("refusedRows", { n: problems.length })), list));
      }
      start.disabled = false;
      if (items) onDone();
    })();
  });

  return h("details", { class: "upload" },
    h("summary", {}, t("uploadData")),
    h("div", { class: "upload-body" },
      h("p", {}, h("label", { for: "upload-files" }, t("chooseFiles")), " ", files),
      h("p", {}, h("label", { for: "upload-folder" }, t("chooseFolder")), " ", folder),
      h("p", {}, h("label", { for: "upload-format" }, t("dataFormat")), " ", format, " ", h("span", { class: "muted" }, t("formatHint"))),
      h("p", {}, skipBad, " ", h("label", { for: "upload-skip-bad" }, t("skipBadRows"))),
      h("p", {}, start, " ", bar),
      status, report));
}

function megabytes(bytes: number): string {
  return (bytes / 1048576).toFixed(1);
}

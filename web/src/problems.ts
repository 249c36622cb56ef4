import { ApiError, type InputProblem } from "./api";
import { clear, h } from "./dom";
import { t } from "./i18n";

// Shows what the server refused, next to the input it refused: the message and where (file, line, JSON path).

export function where(problem: InputProblem): string {
  const parts: string[] = [];
  if (problem.file) parts.push(problem.file);
  if (problem.line) parts.push(t("lineN", { n: problem.line }));
  if (problem.path) parts.push(problem.path);
  if (problem.field && !problem.path) parts.push(problem.field);
  return parts.join(" · ");
}

/** Fills box (an element with role=alert) with the error and each problem; empties it for null. */
export function showProblems(box: HTMLElement, error: unknown): void {
  clear(box);
  box.hidden = error === null;
  if (error === null) return;
  const message = error instanceof Error ? error.message : String(error);
  const problems = error instanceof ApiError ? error.errors : [];
  // With a list, the list says it all (the summary line repeats its first entry).
  box.append(h("p", { class: "problem-title" }, problems.length ? t("problemsFound", { n: problems.length }) : t("error", { message })));
  if (!problems.length) return;
  const list = h("ul", { class: "problem-list" });
  for (const problem of problems) {
    const at = where(problem);
    list.append(h("li", {}, at ? h("code", {}, at) : null, at ? " " : null, problem.message));
  }
  box.append(list);
}

import type { Result, SchemaControl, SchemaField } from "./api";
import type { RegionView } from "./region-view";
import type { ActiveLabel, Answer } from "./state";

/** What a data tool (text, image, audio) gets from the workspace. */
export interface ToolContext {
  answer: Answer;
  field: SchemaField;
  /** The region controls (labels, rectanglelabels, …) that draw on this field. */
  controls: SchemaControl[];
  /** Visible pre-labels for this field. */
  predictions: () => Result[];
  active: () => ActiveLabel | null;
  setActive: (a: ActiveLabel | null) => void;
  notify: (message: string) => void;
  /** Which regions the annotator has hidden or locked (view state, not part of the answer). */
  view: RegionView;
}

export interface Tool {
  el: HTMLElement;
  /** Redraws the regions from the answer. */
  render(): void;
  destroy(): void;
  /** A label was picked (hotkey or button); returns true when it made or changed a region. */
  applyLabel(a: ActiveLabel): boolean;
  /** Keys the tool handles itself (Space, Enter, arrows); returns true when handled. */
  onKey(e: KeyboardEvent): boolean;
  /** The size in pixels of the picture the tool shows, once known (image tools only). */
  imageSize?(): { w: number; h: number } | null;
}

export function labelKey(type: string): string {
  return type;
}

export function regionResult(control: SchemaControl, toName: string, value: Record<string, unknown>, id: string, extra: Partial<Result> = {}): Result {
  return { id, from_name: control.name, to_name: toName, type: control.type, value, ...extra };
}

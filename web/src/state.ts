import type { Result, SchemaControl, SchemaLabel } from "./api";

/** Region result types: the ones drawn on the data, as opposed to item-level answers. */
export const regionTypes = new Set(["labels", "rectanglelabels", "polygonlabels", "keypointlabels"]);

export function isRegion(r: Result): boolean {
  return regionTypes.has(r.type);
}

export function newId(): string {
  return Math.random().toString(36).slice(2, 12);
}

export function labelsOf(r: Result): string[] {
  const v = r.value[r.type];
  return Array.isArray(v) ? (v as string[]) : [];
}

/** Geometry of a region (everything but its labels), copied into per-region answers that share its id. */
export function geometryOf(r: Result): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r.value)) if (k !== r.type) copy[k] = v;
  return copy;
}

/**
 * The answer being built for one item, with undo and redo. Every change replaces the result list,
 * so a snapshot is just the previous list.
 */
export class Answer {
  results: Result[] = [];
  selected: string | null = null;
  private past: Result[][] = [];
  private future: Result[][] = [];
  private listeners: (() => void)[] = [];

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  reset(results: Result[]): void {
    this.results = results;
    this.past = [];
    this.future = [];
    this.selected = null;
    this.emit();
  }

  update(next: Result[]): void {
    this.past.push(this.results);
    this.future = [];
    this.results = next;
    if (this.selected && !next.some((r) => r.id === this.selected)) this.selected = null;
    this.emit();
  }

  select(id: string | null): void {
    this.selected = id;
    this.emit();
  }

  canUndo(): boolean { return this.past.length > 0; }
  canRedo(): boolean { return this.future.length > 0; }

  undo(): void {
    const prev = this.past.pop();
    if (!prev) return;
    this.future.push(this.results);
    this.results = prev;
    this.emit();
  }

  redo(): void {
    const next = this.future.pop();
    if (!next) return;
    this.past.push(this.results);
    this.results = next;
    this.emit();
  }

  /**
   * Adds a region without selecting it: the annotator picks a label and then draws, so a label key pressed
   * before the next drawing must not relabel the region just drawn.
   */
  add(r: Result): void {
    this.update([...this.results, r]);
  }

  /** Replaces the value of every result with this id and type (a region and its per-region answers move together). */
  patch(id: string, type: string, value: Record<string, unknown>, extra: Partial<Result> = {}): void {
    const moved = type ? value : null;
    this.update(this.results.map((r) => {
      if (r.id !== id) return r;
      if (r.type === type) return { ...r, ...extra, value };
      if (moved && isRegion({ ...r, type }) && !isRegion(r)) return { ...r, value: { ...r.value, ...geometryWithout(value, type) } };
      return r;
    }));
  }

  remove(id: string): void {
    this.update(this.results.filter((r) => r.id !== id));
  }

  region(id: string | null): Result | undefined {
    return id ? this.results.find((r) => r.id === id && isRegion(r)) : undefined;
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

function geometryWithout(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

export interface ActiveLabel { control: SchemaControl; label: SchemaLabel }

export function colorOf(control: SchemaControl | undefined, value: string): string {
  const found = control?.labels?.find((l) => l.value === value);
  if (found?.background) return found.background;
  // A stable colour from the label text when the schema gives none.
  let hash = 0;
  for (const ch of value) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return `hsl(${Math.abs(hash) % 360} 65% 40%)`;
}

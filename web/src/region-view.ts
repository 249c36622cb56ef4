// How the annotator is viewing the regions of the current item: some hidden (not drawn, not hit by the mouse), some
// locked (not moved, resized, turned, relabelled or deleted). This is a working aid only, never part of the answer,
// and it starts empty on every item.

export class RegionView {
  private readonly hiddenIds = new Set<string>();
  private readonly lockedIds = new Set<string>();

  isHidden(id: string): boolean { return this.hiddenIds.has(id); }
  isLocked(id: string): boolean { return this.lockedIds.has(id); }
  /** Whether the region may be changed: locked and hidden regions stay as they are. */
  isEditable(id: string): boolean { return !this.hiddenIds.has(id) && !this.lockedIds.has(id); }

  toggleHidden(id: string): boolean { return toggle(this.hiddenIds, id); }
  toggleLocked(id: string): boolean { return toggle(this.lockedIds, id); }

  clear(): void {
    this.hiddenIds.clear();
    this.lockedIds.clear();
  }
}

/** Flips membership; returns whether the id is now in the set. */
function toggle(set: Set<string>, id: string): boolean {
  if (set.delete(id)) return false;
  set.add(id);
  return true;
}

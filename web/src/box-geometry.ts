// Geometry of a (possibly rotated) box whose x, y, width and height are percent of the image and whose rotation
// is degrees clockwise about its top-left corner, measured in image pixels — Label Studio's definition, and the
// one the server's validator and exporters use. Because percent units stretch differently along x and y on a
// non-square image, every turn is computed in pixels and only the results are converted back to percent.

export interface Box { x: number; y: number; width: number; height: number; rotation: number }
/** The image's size in pixels. */
export interface Size { w: number; h: number }
export type Point = [number, number];
export type Corner = "nw" | "ne" | "se" | "sw";

const radians = (degrees: number) => (degrees * Math.PI) / 180;
const round = (v: number) => Math.round(v * 1000) / 1000;

export function boxOf(value: Record<string, unknown>): Box {
  const n = (k: string) => Number(value[k] ?? 0);
  return { x: n("x"), y: n("y"), width: n("width"), height: n("height"), rotation: n("rotation") };
}

export const isRotated = (b: Box) => normalise(b.rotation) !== 0;

/** Degrees in [0, 360). */
export function normalise(degrees: number): number {
  const d = round(((degrees % 360) + 360) % 360);
  return d === 360 ? 0 : d;
}

/** The box's width and height in image pixels. */
export function pixelSize(b: Box, size: Size): Point {
  return [(b.width * size.w) / 100, (b.height * size.h) / 100];
}

/** A point given in the box's own frame (pixels from its top-left corner, along its edges), as percent of the image. */
export function toImage(b: Box, size: Size, dx: number, dy: number): Point {
  const c = Math.cos(radians(b.rotation)), s = Math.sin(radians(b.rotation));
  const ox = (b.x * size.w) / 100, oy = (b.y * size.h) / 100;
  return [((ox + dx * c - dy * s) * 100) / size.w, ((oy + dx * s + dy * c) * 100) / size.h];
}

/** A point in percent of the image, in the box's own frame (pixels from its top-left corner, along its edges). */
export function toBox(b: Box, size: Size, p: Point): Point {
  const c = Math.cos(radians(b.rotation)), s = Math.sin(radians(b.rotation));
  const dx = ((p[0] - b.x) * size.w) / 100, dy = ((p[1] - b.y) * size.h) / 100;
  return [dx * c + dy * s, -dx * s + dy * c];
}

/** The four corners in percent: top-left, top-right, bottom-right, bottom-left of the box's own frame. */
export function corners(b: Box, size: Size): Record<Corner, Point> {
  const [w, h] = pixelSize(b, size);
  return { nw: toImage(b, size, 0, 0), ne: toImage(b, size, w, 0), se: toImage(b, size, w, h), sw: toImage(b, size, 0, h) };
}

export function centre(b: Box, size: Size): Point {
  const [w, h] = pixelSize(b, size);
  return toImage(b, size, w / 2, h / 2);
}

/**
 * Whether every corner lies on the image. A rotated box is checked in pixels as the server does, keeping a hair's
 * margin so that the server's own arithmetic never finds a corner a rounding error outside.
 */
export function inside(b: Box, size: Size): boolean {
  if (!isRotated(b)) return b.x >= 0 && b.y >= 0 && b.x + b.width <= 100 + 1e-9 && b.y + b.height <= 100 + 1e-9;
  const margin = 1e-3;
  return Object.values(corners(b, size)).every(([x, y]) => {
    const px = (x * size.w) / 100, py = (y * size.h) / 100;
    return px >= margin && py >= margin && px <= size.w - margin && py <= size.h - margin;
  });
}

/** The box turned to an absolute rotation about its centre, which stays where it is (the way a person turns a box). */
export function rotatedTo(b: Box, size: Size, degrees: number): Box {
  const [cx, cy] = centre(b, size);
  const [w, h] = pixelSize(b, size);
  const rotation = normalise(degrees);
  const c = Math.cos(radians(rotation)), s = Math.sin(radians(rotation));
  const ox = (cx * size.w) / 100 - ((w / 2) * c - (h / 2) * s);
  const oy = (cy * size.h) / 100 - ((w / 2) * s + (h / 2) * c);
  return { ...b, x: round((ox * 100) / size.w), y: round((oy * 100) / size.h), rotation };
}

/** The box moved by (dx, dy) percent, stopped at the image's edges. */
export function moved(b: Box, size: Size, dx: number, dy: number): Box {
  const all = Object.values(corners(b, size));
  const xs = all.map((p) => p[0] - b.x), ys = all.map((p) => p[1] - b.y);
  // A rotated box keeps a little more room so that rounding never pushes a corner off the image.
  const m = isRotated(b) ? 0.002 : 0;
  const x = Math.max(-Math.min(...xs) + m, Math.min(100 - Math.max(...xs) - m, b.x + dx));
  const y = Math.max(-Math.min(...ys) + m, Math.min(100 - Math.max(...ys) - m, b.y + dy));
  return { ...b, x: round(x), y: round(y) };
}

/**
 * The box with one corner dragged to point p (percent), resized in its own frame: the opposite corner stays put
 * and the edges keep their angle. Dragging past the opposite corner flips the box rather than inverting it.
 */
export function resized(b: Box, size: Size, corner: Corner, p: Point): Box {
  const [w, h] = pixelSize(b, size);
  const fixed: Point = { nw: [w, h] as Point, ne: [0, h] as Point, se: [0, 0] as Point, sw: [w, 0] as Point }[corner];
  const [lx, ly] = toBox(b, size, p);
  const left = Math.min(fixed[0], lx), right = Math.max(fixed[0], lx);
  const top = Math.min(fixed[1], ly), bottom = Math.max(fixed[1], ly);
  const [x, y] = toImage(b, size, left, top);
  return { ...b, x: round(x), y: round(y), width: round(((right - left) * 100) / size.w), height: round(((bottom - top) * 100) / size.h) };
}

/** Angle in degrees, clockwise on screen, from the box's centre to p (percent), measured in pixels. */
export function angleTo(b: Box, size: Size, p: Point): number {
  const [cx, cy] = centre(b, size);
  return (Math.atan2(((p[1] - cy) * size.h) / 100, ((p[0] - cx) * size.w) / 100) * 180) / Math.PI;
}

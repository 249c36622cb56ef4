import { s } from "./dom";

/**
 * A padlock drawn in SVG, closed or open. Drawn rather than typed because the lock emoji is missing from many
 * system fonts (headless Chromium shows an empty box), and the button must read the same everywhere.
 */
export function lockIcon(locked: boolean): SVGSVGElement {
  const svg = s("svg", { viewBox: "0 0 16 16", width: 14, height: 14, "aria-hidden": "true", class: "icon" });
  const shackle = s("path", {
    d: locked ? "M5 7V5a3 3 0 0 1 6 0v2" : "M5 7V5a3 3 0 0 1 6 0v0",
    fill: "none", stroke: "currentColor", "stroke-width": 1.6, "stroke-linecap": "round",
  });
  const body = s("rect", { x: 3, y: 7, width: 10, height: 7, rx: 1.5, fill: "currentColor" });
  svg.append(shackle, body);
  return svg;
}

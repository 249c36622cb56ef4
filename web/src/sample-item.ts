import { type Item, type Project, api, fieldValue } from "./api";

// An item to preview the workspace with: the project's first item when it has one, else made-up data
// for each field (a drawn picture, a short tone), built in the browser so nothing is fetched.

export async function sampleItem(project: Project): Promise<Item> {
  try {
    const page = await api.items(project.name, { limit: "1" });
    const first = page.items[0];
    if (first && project.schema.fields.every((f) => fieldValue(f, first.data) !== undefined)) {
      const item = await api.item(project.name, first.id);
      return { ...item, annotations: [], predictions: [] };
    }
  } catch { /* fall back to made-up data */ }
  const data: Record<string, unknown> = {};
  for (const field of project.schema.fields) {
    const key = (field.value ?? field.name).replace(/^\$/, "");
    data[key] = field.kind === "image" ? samplePicture() : field.kind === "audio" ? sampleTone() : "李明在北京的清华大学工作。Anna Schmidt lives in Milan and works for Siemens.";
  }
  return { id: 0, data, status: "new", annotations: [], predictions: [] };
}

function samplePicture(): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400" viewBox="0 0 640 400">` +
    `<rect width="640" height="400" fill="#dde6ee"/><rect x="60" y="220" width="260" height="120" rx="18" fill="#b5534a"/>` +
    `<circle cx="480" cy="140" r="70" fill="#e8b339"/><rect x="400" y="260" width="180" height="80" fill="#5b7f3a"/></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** Two seconds of a 440 Hz tone with a pause, as a WAV blob URL (the waveform needs real samples). */
function sampleTone(): string {
  const rate = 8000;
  const count = rate * 2;
  const bytes = new DataView(new ArrayBuffer(44 + count * 2));
  const text = (offset: number, value: string) => { for (let i = 0; i < value.length; i++) bytes.setUint8(offset + i, value.charCodeAt(i)); };
  text(0, "RIFF"); bytes.setUint32(4, 36 + count * 2, true); text(8, "WAVE"); text(12, "fmt ");
  bytes.setUint32(16, 16, true); bytes.setUint16(20, 1, true); bytes.setUint16(22, 1, true);
  bytes.setUint32(24, rate, true); bytes.setUint32(28, rate * 2, true); bytes.setUint16(32, 2, true); bytes.setUint16(34, 16, true);
  text(36, "data"); bytes.setUint32(40, count * 2, true);
  for (let i = 0; i < count; i++) {
    const on = i < rate * 0.8 || i > rate * 1.2;
    bytes.setInt16(44 + i * 2, on ? Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 9000) : 0, true);
  }
  return URL.createObjectURL(new Blob([bytes.buffer], { type: "audio/wav" }));
}

import { h } from "./dom";

// A small Markdown subset for guidelines — headings, lists, paragraphs, **bold**, *italic* and `code` —
// built as DOM nodes with text content, so a guideline can never inject markup.

function inline(text: string): (Node | string)[] {
  const out: (Node | string)[] = [];
  const pattern = /(\*\*[^*]+\*\*|`[^`]+`|\*[^*]+\*)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const token = match[0];
    if (match.index > last) out.push(text.slice(last, match.index));
    if (token.startsWith("**")) out.push(h("strong", {}, token.slice(2, -2)));
    else if (token.startsWith("`")) out.push(h("code", {}, token.slice(1, -1)));
    else out.push(h("em", {}, token.slice(1, -1)));
    last = match.index + token.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function renderMarkdown(source: string): HTMLElement {
  const root = h("div", { class: "markdown" });
  let list: HTMLElement | null = null;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) root.append(h("p", {}, ...inline(paragraph.join(" "))));
    paragraph = [];
  };
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim();
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    const bullet = /^[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line);
    if (bullet || numbered) {
      flush();
      const tag = bullet ? "ul" : "ol";
      if (!list || list.tagName.toLowerCase() !== tag) { list = h(tag); root.append(list); }
      list.append(h("li", {}, ...inline((bullet ?? numbered)![1]!)));
      continue;
    }
    list = null;
    if (heading) {
      flush();
      const level = Math.min(heading[1]!.length + 2, 6);
      root.append(h(`h${level}` as "h3", {}, ...inline(heading[2]!)));
    } else if (!line) flush();
    else paragraph.push(line);
  }
  flush();
  return root;
}

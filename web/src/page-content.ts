import { ApiError } from "./api";
import { clear, h } from "./dom";
import { t } from "./i18n";

// What the pages that build their content from several requests share: how an error reads, and how the page swaps
// its "loading" note for the content or for the reason it could not be built.

/** An error's text for people: the server's problem detail, or the thrown error's message. */
export const errorMessage = (e: unknown): string => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/** Replaces the page's contents with what `build` makes, or with an alert saying why it failed. */
export function fillWhenReady(main: HTMLElement, build: () => Promise<HTMLElement>): void {
  void (async () => {
    try {
      const content = await build();
      clear(main);
      main.append(content);
    } catch (e) {
      clear(main);
      main.append(h("p", { role: "alert" }, t("error", { message: errorMessage(e) })));
    }
  })();
}

import { ApiError, api } from "./api";
import { h } from "./dom";
import { t } from "./i18n";

// The sign-in page: email and password; a refusal is shown in place and the password is cleared for another try.

export function signInPage(next: string): HTMLElement {
  const email = h("input", { id: "sign-in-email", name: "email", type: "text", inputmode: "email", autocomplete: "username", required: true });
  const password = h("input", { id: "sign-in-password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const error = h("p", { id: "sign-in-error", class: "problems", role: "alert", hidden: true });
  const button = h("button", { type: "submit", class: "primary" }, t("signIn"));
  const form = h("form", { class: "sign-in", "aria-describedby": "sign-in-error" },
    h("p", {}, h("label", { for: "sign-in-email" }, t("email")), h("br"), email),
    h("p", {}, h("label", { for: "sign-in-password" }, t("password")), h("br"), password),
    error,
    h("p", {}, button));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      button.disabled = true;
      try {
        await api.signIn(email.value.trim(), password.value);
        // Only an in-app route: the next parameter must not send the browser elsewhere.
        location.hash = next.startsWith("#/") && !next.startsWith("#/sign-in") ? next : "#/";
      } catch (problem) {
        error.textContent = problem instanceof ApiError && problem.status === 401 ? t("signInFailed") : t("error", { message: String(problem) });
        error.hidden = false;
        password.value = "";
        password.focus();
      } finally {
        button.disabled = false;
      }
    })();
  });
  queueMicrotask(() => email.focus());
  return h("section", { class: "page narrow" }, h("h1", {}, t("signInTitle")), form);
}

/* Which notifications also come by email (data-widget="notification-settings"): one checkbox
   per kind; each change is saved at once and the result announced. */
import { api, el, me, message, register } from "./components.js";

class NotificationSettings {
  constructor(root) {
    this.root = root;
    this.list = root.querySelector("[data-list]");
    this.status = root.querySelector("[data-status]");
    this.show();
  }

  async show() {
    const person = await me(this.root.dataset.me).catch(() => null);
    if (!person || !person.authenticated) return;
    try {
      this.render(await api(this.root.dataset.endpoint));
    } catch (error) {
      this.status.textContent = error.message || message(this.root, "failed");
    }
  }

  render(preferences) {
    this.list.replaceChildren(
      ...preferences.map((preference) => {
        const id = `notify-${preference.kind}`;
        const box = el("input", { type: "checkbox", id, name: preference.kind, checked: preference.by_email });
        box.addEventListener("change", () => this.save(preference, box));
        return el("li", {}, [box, " ", el("label", { for: id, text: preference.label })]);
      }),
    );
    this.root.querySelector("fieldset").hidden = false;
  }

  async save(preference, box) {
    this.status.textContent = message(this.root, "saving");
    try {
      await api(this.root.dataset.endpoint, { method: "PUT", body: { kind: preference.kind, by_email: box.checked } });
      this.status.textContent = message(this.root, box.checked ? "by-email" : "cabinet-only", { kind: preference.label });
    } catch (error) {
      box.checked = !box.checked;
      this.status.textContent = error.message || message(this.root, "failed");
    }
  }
}

register("notification-settings", NotificationSettings);

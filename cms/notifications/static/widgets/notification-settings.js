/* Which notifications also come by email (data-widget="notification-settings"): one checkbox
   per kind, and how the emails come (at once, a daily digest, none: data-delivery is its
   endpoint); each change is saved at once and the result announced. */
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
      if (this.root.dataset.delivery) this.renderDelivery(await api(this.root.dataset.delivery));
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

  renderDelivery(state) {
    const select = this.root.querySelector("[data-delivery-choice]");
    if (!select) return;
    select.replaceChildren(
      ...state.choices.map((choice) => el("option", { value: choice.value, text: choice.label, selected: choice.value === state.delivery })),
    );
    let current = state.delivery;
    select.addEventListener("change", async () => {
      this.status.textContent = message(this.root, "saving");
      try {
        const saved = await api(this.root.dataset.delivery, { method: "PUT", body: { delivery: select.value } });
        current = saved.delivery;
        const label = saved.choices.find((choice) => choice.value === current);
        this.status.textContent = message(this.root, "delivery-saved", { choice: label ? label.label : current });
      } catch (error) {
        select.value = current;
        this.status.textContent = error.message || message(this.root, "failed");
      }
    });
    select.closest("[data-delivery-field]").hidden = false;
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

/* Profile and privacy (data-widget="profile"): the language of emails and, for a pupil, how
   they are named in public. The form is published with the page; this fills and saves it. */
import { api, me, message, register } from "./components.js";

class Profile {
  constructor(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.status = root.querySelector("[data-status]");
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.save();
    });
    this.show();
  }

  async show() {
    const person = await me(this.root.dataset.endpoint).catch(() => null);
    if (!person || !person.authenticated) return;
    this.fill(person);
    const pupil = person.roles.includes("student");
    this.root.querySelectorAll("[data-pupil-only]").forEach((node) => (node.hidden = !pupil));
    this.form.hidden = false;
  }

  fill(person) {
    this.form.elements.language.value = person.language;
    this.form.elements.name_display.value = person.name_display;
  }

  async save() {
    const body = { language: this.form.elements.language.value };
    if (!this.form.querySelector("[data-pupil-only]").hidden) body.name_display = this.form.elements.name_display.value;
    this.status.textContent = message(this.root, "saving");
    try {
      this.fill(await api(this.root.dataset.endpoint, { method: "PATCH", body }));
      this.status.textContent = message(this.root, "saved");
    } catch (error) {
      this.status.textContent = error.message || message(this.root, "failed");
    }
  }
}

register("profile", Profile);

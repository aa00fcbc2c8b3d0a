/* Delete my account (data-widget="account-delete"): the password typed again and a confirmation
   box, then the account is deleted and the person signed out. The form is published with the
   page; the warning above it says what is removed and what stays. */
import { api, me, message, register } from "./components.js";

class AccountDelete {
  constructor(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.status = root.querySelector("[data-status]");
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.remove();
    });
    this.show();
  }

  async show() {
    const person = await me(this.root.dataset.me).catch(() => null);
    if (!person || !person.authenticated) return;
    this.form.hidden = false;
  }

  async remove() {
    const password = this.form.elements.password;
    password.removeAttribute("aria-invalid");
    this.status.textContent = message(this.root, "deleting");
    try {
      await api(this.root.dataset.endpoint, { method: "POST", body: { password: password.value } });
    } catch (error) {
      if (error.fields && error.fields.password) {
        password.setAttribute("aria-invalid", "true");
        this.status.textContent = error.fields.password.join(" ");
        password.focus();
      } else {
        this.status.textContent = error.message || message(this.root, "failed");
      }
      return;
    }
    this.form.reset();
    this.form.hidden = true;
    document.querySelectorAll("[data-cabinet-section]").forEach((section) => {
      if (!section.contains(this.root)) section.hidden = true;
    });
    this.status.textContent = message(this.root, "deleted");
    const done = this.root.querySelector("[data-done]");
    done.hidden = false;
    done.querySelector("a").focus();
  }
}

register("account-delete", AccountDelete);

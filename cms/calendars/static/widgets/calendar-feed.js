/* The personal calendar feed (data-widget="calendar-feed"): make a secret address for calendar
   apps, copy it, replace it or revoke it. Only a hash of the address is kept, so the address
   itself is shown once, in the answer that made it. */
import { api, me, message, register } from "./components.js";

class CalendarFeed {
  constructor(root) {
    this.root = root;
    this.state = root.querySelector("[data-state]");
    this.box = root.querySelector("[data-url-box]");
    this.url = root.querySelector("[data-url]");
    this.status = root.querySelector("[data-status]");
    this.buttons = {
      create: root.querySelector("[data-create]"),
      rotate: root.querySelector("[data-rotate]"),
      revoke: root.querySelector("[data-revoke]"),
      copy: root.querySelector("[data-copy]"),
    };
    this.buttons.create.addEventListener("click", () => this.make());
    this.buttons.rotate.addEventListener("click", () => this.make());
    this.buttons.revoke.addEventListener("click", () => this.revoke());
    this.buttons.copy.addEventListener("click", () => this.copy());
    this.url.addEventListener("focus", () => this.url.select());
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

  render(feed) {
    const lang = this.root.dataset.lang || "ru";
    this.state.textContent = feed.exists
      ? message(this.root, "exists", { date: new Date(feed.created_at).toLocaleDateString(lang) })
      : message(this.root, "none");
    this.buttons.create.hidden = feed.exists;
    this.buttons.rotate.hidden = !feed.exists;
    this.buttons.revoke.hidden = !feed.exists;
    this.box.hidden = !feed.url;
    this.url.value = feed.url || "";
    this.root.querySelector("[data-controls]").hidden = false;
  }

  async make() {
    try {
      this.render(await api(this.root.dataset.endpoint, { method: "POST" }));
      this.status.textContent = message(this.root, "created");
      this.url.focus();
    } catch (error) {
      this.status.textContent = error.message || message(this.root, "failed");
    }
  }

  async revoke() {
    try {
      await api(this.root.dataset.endpoint, { method: "DELETE" });
      this.render({ exists: false, created_at: null, url: null });
      this.status.textContent = message(this.root, "revoked");
      this.buttons.create.focus();
    } catch (error) {
      this.status.textContent = error.message || message(this.root, "failed");
    }
  }

  async copy() {
    try {
      await navigator.clipboard.writeText(this.url.value);
      this.status.textContent = message(this.root, "copied");
    } catch (error) {
      this.url.focus();
      this.status.textContent = message(this.root, "copy-failed");
    }
  }
}

register("calendar-feed", CalendarFeed);

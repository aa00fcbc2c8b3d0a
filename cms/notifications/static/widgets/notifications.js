/* The cabinet's notifications (data-widget="notifications"): newest first, unread ones marked
   in words, each can be marked read (or all at once); the count is announced politely. */
import { api, el, me, message, register } from "./components.js";

class Notifications {
  constructor(root) {
    this.root = root;
    this.endpoint = root.dataset.endpoint;
    this.count = root.querySelector("[data-count]");
    this.status = root.querySelector("[data-status]");
    this.list = root.querySelector("[data-list]");
    this.all = root.querySelector("[data-mark-all]");
    this.all.addEventListener("click", () => this.markRead(null));
    this.show();
  }

  async show() {
    const person = await me(this.root.dataset.me).catch(() => null);
    if (!person || !person.authenticated) return;
    await this.load();
  }

  async load() {
    let page, unread;
    try {
      [page, unread] = await Promise.all([
        api(this.endpoint),
        api(this.endpoint + "?unread=1&size=1"),
      ]);
    } catch (error) {
      this.status.textContent = error.message || message(this.root, "failed");
      return;
    }
    this.unread = unread.count;
    this.render(page.results);
  }

  render(items) {
    this.list.replaceChildren(...items.map((item) => this.item(item)));
    this.count.textContent = items.length
      ? message(this.root, "unread", { count: this.unread })
      : message(this.root, "none");
    this.all.hidden = this.unread === 0;
  }

  item(item) {
    const when = new Date(item.created_at);
    const title = item.url ? el("a", { href: item.url, text: item.title }) : item.title;
    const node = el("li", { class: "notification" + (item.read ? "" : " notification--unread") }, [
      el("h3", { class: "notification-title" }, [
        item.read ? null : el("span", { class: "notification-new", text: message(this.root, "new") }),
        title,
      ]),
      item.body ? el("p", { class: "notification-body", text: item.body }) : null,
      el("p", { class: "meta" }, [
        el("time", { datetime: item.created_at, text: when.toLocaleString(this.root.dataset.lang || undefined, { dateStyle: "long", timeStyle: "short" }) }),
      ]),
    ]);
    if (!item.read) {
      const button = el("button", { type: "button", class: "notification-read", text: message(this.root, "mark-read") });
      button.addEventListener("click", () => this.markRead([item.id], node));
      node.append(button);
    }
    return node;
  }

  async markRead(ids, node) {
    let result;
    try {
      result = await api(this.endpoint + "/read", { method: "POST", body: ids ? { ids } : {} });
    } catch (error) {
      this.status.textContent = error.message || message(this.root, "failed");
      return;
    }
    await this.load();
    this.status.textContent = message(this.root, "marked", { count: result.marked }) + " " + this.count.textContent;
    /* Focus stays in the list: on the next notification, or on the heading of the list. */
    const next = this.list.querySelector(".notification-read") || this.root.querySelector("h2");
    if (next) next.focus();
  }
}

register("notifications", Notifications);

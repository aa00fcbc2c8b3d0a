/* "My children" (data-widget="children"): a parent's own children, by name and class. */
import { api, el, me, message, register } from "./components.js";

class Children {
  constructor(root) {
    this.root = root;
    this.list = root.querySelector("[data-children]");
    this.status = root.querySelector("[data-status]");
    this.show();
  }

  async show() {
    const person = await me(this.root.dataset.me).catch(() => null);
    if (!person || !person.authenticated || !person.roles.includes("parent")) return;
    let children;
    try {
      children = await api(this.root.dataset.endpoint);
    } catch (error) {
      this.status.textContent = error.message || message(this.root, "failed");
      return;
    }
    this.list.replaceChildren(
      ...children.map((child) =>
        el("li", { class: "child" }, [
          el("span", { class: "child-name", text: child.name }),
          child.school_class ? el("span", { class: "child-class", text: message(this.root, "class", { name: child.school_class }) }) : null,
        ]),
      ),
    );
    this.status.textContent = children.length ? "" : message(this.root, "none");
  }
}

register("children", Children);

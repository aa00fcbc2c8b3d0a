/* The header's account place (data-widget="account"): "Sign in" for visitors, as published;
   the signed-in person's name, a link to their cabinet and a sign-out button otherwise. */
import { el, me, message, register } from "./components.js";

class Account {
  constructor(root) {
    this.root = root;
    this.lang = root.dataset.lang || document.documentElement.lang || "ru";
    this.show();
  }

  async show() {
    let person;
    try {
      person = await me(this.root.dataset.endpoint);
    } catch (error) {
      return; /* The sign-in link stays: it works whatever the API says. */
    }
    if (!person.authenticated) return;
    const cabinet = el("a", { class: "account-name", href: person.cabinet_url }, [
      el("span", { class: "visually-hidden", text: message(this.root, "cabinet") + ": " }),
      person.name,
    ]);
    const signOut = el("form", { class: "account-sign-out", method: "post", action: `/${this.lang}/accounts/logout/` }, [
      el("input", { type: "hidden", name: "csrfmiddlewaretoken", value: person.csrf_token }),
      el("button", { type: "submit", text: message(this.root, "sign-out") }),
    ]);
    this.root.replaceChildren(cabinet, signOut);
  }
}

register("account", Account);

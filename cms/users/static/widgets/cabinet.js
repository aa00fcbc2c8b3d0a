/* The cabinet page (data-widget="cabinet"): for a signed-in person, greets them, opens the
   sections meant for their roles and, to a pupil without their parents' consent, says who sees
   what they write; visitors keep the published text with its sign-in link. */
import { el, me, message, register } from "./components.js";

class Cabinet {
  constructor(root) {
    this.root = root;
    this.show();
  }

  async show() {
    let person;
    try {
      person = await me(this.root.dataset.endpoint);
    } catch (error) {
      const greeting = this.root.querySelector("[data-cabinet-greeting]");
      if (error.code === "mfa_required") {
        /* Staff, experts and the psychologist see nothing here until they add the second factor. */
        this.root.querySelectorAll("[data-cabinet-signed-out]").forEach((node) => (node.hidden = true));
        greeting.replaceChildren(error.message + " ", el("a", { href: this.root.dataset.mfaUrl, text: message(this.root, "set-up-mfa") }));
      } else {
        greeting.textContent = message(this.root, "unreachable");
      }
      return;
    }
    if (!person.authenticated) return;
    this.root.querySelectorAll("[data-cabinet-signed-out]").forEach((node) => (node.hidden = true));
    this.root.querySelector("[data-cabinet-greeting]").textContent = message(this.root, "greeting", { name: person.name });
    /* A pupil whose parents' consent is not on file is told who sees what they write. */
    const notice = this.root.querySelector("[data-cabinet-unpublished]");
    if (notice && person.can_publish === false) {
      notice.textContent = message(this.root, "unpublished", { name: person.public_name });
      notice.hidden = false;
    }
    this.root.querySelectorAll("[data-cabinet-section]").forEach((section) => {
      const roles = (section.dataset.roles || "").split(" ").filter(Boolean);
      section.hidden = roles.length > 0 && !roles.some((role) => person.roles.includes(role));
    });
  }
}

register("cabinet", Cabinet);

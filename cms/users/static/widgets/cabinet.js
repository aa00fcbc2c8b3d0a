/* The cabinet page (data-widget="cabinet"): for a signed-in person, greets them and opens the
   sections meant for their roles; visitors keep the published text with its sign-in link. */
import { me, message, register } from "./components.js";

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
      this.root.querySelector("[data-cabinet-greeting]").textContent = message(this.root, "unreachable");
      return;
    }
    if (!person.authenticated) return;
    this.root.querySelectorAll("[data-cabinet-signed-out]").forEach((node) => (node.hidden = true));
    this.root.querySelector("[data-cabinet-greeting]").textContent = message(this.root, "greeting", { name: person.name });
    this.root.querySelectorAll("[data-cabinet-section]").forEach((section) => {
      const roles = (section.dataset.roles || "").split(" ").filter(Boolean);
      section.hidden = roles.length > 0 && !roles.some((role) => person.roles.includes(role));
    });
  }
}

register("cabinet", Cabinet);

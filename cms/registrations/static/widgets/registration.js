/* Event registration (data-widget="registration"): the live state of an event's places (free
   places, the waiting list, the window), one's own registration and one's children's, with
   register / cancel / leave-the-list buttons, the event's questions and the public-list choice;
   a visitor without an account asks for a link by email. The published page knows only the
   dates; everything that changes with registrations comes from the API. */
import { api, el, me, message, register, signInUrl } from "./components.js";

const TIME_ZONE = "Europe/Moscow";

class Registration {
  constructor(root) {
    this.root = root;
    this.endpoint = root.dataset.endpoint;
    this.lang = root.dataset.lang || document.documentElement.lang || "ru";
    if (!this.endpoint) return;
    this.status = el("p", { class: "registration-status", role: "status", "aria-live": "polite" });
    this.places = el("p", { class: "registration-places", "aria-live": "polite", "data-places": "" });
    this.body = el("div", { class: "registration-body" });
    this.load();
  }

  say(name, values) {
    return message(this.root, name, values);
  }

  when(iso) {
    return new Date(iso).toLocaleString(this.lang, { timeZone: TIME_ZONE, dateStyle: "long", timeStyle: "short" });
  }

  async load() {
    this.person = this.root.dataset.me ? await me(this.root.dataset.me).catch(() => null) : null;
    let state;
    try {
      state = await api(this.endpoint);
    } catch (error) {
      /* The fallback text (with its link to the registration page) stays. */
      return;
    }
    this.root.replaceChildren(this.places, this.body, this.status);
    this.render(state);
  }

  render(state) {
    this.state = state;
    const parts = [];
    if (state.capacity !== null) parts.push(this.say("places", { free: state.free, capacity: state.capacity }));
    if (state.waiting) parts.push(this.say("waiting", { count: state.waiting }));
    this.places.textContent = parts.join(" ");
    const children = [this.windowNote(state)];
    if (state.participants.length) {
      children.push(
        el("h3", { text: this.say("participants") }),
        el("ul", { class: "registration-participants" }, state.participants.map((name) => el("li", { text: name }))),
      );
    }
    if (state.me) {
      [state.me, ...state.children].forEach((person) => children.push(this.personBlock(state, person)));
    } else if (state.window.state === "open") {
      children.push(el("p", {}, [el("a", { href: signInUrl(this.lang), text: this.say("sign-in") })]));
      if (state.guests_welcome) children.push(this.guestForm(state));
    }
    this.body.replaceChildren(...children.filter(Boolean));
  }

  windowNote(state) {
    const w = state.window;
    if (w.state === "not_open") {
      const ics = this.root.dataset.windowIcs;
      return el("p", { class: "registration-window" }, [
        this.say("opens", { when: this.when(w.opens) }),
        ics ? " " : null,
        ics ? el("a", { href: ics, type: "text/calendar", download: true, text: this.say("window-calendar") }) : null,
      ]);
    }
    if (w.state === "closed") return el("p", { class: "registration-window", text: this.say("closed") });
    if (w.state === "open") return el("p", { class: "registration-window", text: this.say("open-until", { when: this.when(w.closes) }) });
    return null;
  }

  standing(person) {
    if (person.status === "confirmed") return this.say("registered", { code: person.code });
    if (person.status === "pending") return this.say("pending");
    if (person.status === "waiting") return this.say("waiting-position", { position: person.position });
    if (person.status === "unconfirmed") return this.say("unconfirmed");
    return "";
  }

  personBlock(state, person) {
    const self = state.me && person.id === state.me.id;
    const heading = self ? this.say("you") : person.name;
    const block = el("section", { class: "registration-person", "data-person": person.id }, [el("h3", { text: heading })]);
    const standing = this.standing(person);
    if (standing) block.append(el("p", { class: "registration-standing", text: standing }));
    if (person.status) {
      const label = person.status === "waiting" ? this.say("leave") : this.say("cancel");
      const button = el("button", { type: "button", text: label });
      button.addEventListener("click", () => this.cancel(self ? null : person.id, button));
      block.append(button);
    } else if (state.window.state === "open" && person.may_register) {
      block.append(this.form(state, { person: self ? null : person.id }));
    } else if (state.window.state === "open") {
      block.append(el("p", { text: this.say("not-for-you") }));
    }
    return block;
  }

  questionFields(state, prefix) {
    return state.questions.map((question) => {
      const id = `${prefix}-${question.id}`;
      const error = el("span", { class: "field-error", id: `${id}-error`, "data-error-for": question.id });
      const label = question.label + (question.required ? " *" : "");
      if (question.kind === "short_text") {
        return el("div", { class: "field" }, [
          el("label", { for: id, text: label }),
          el("input", { id, name: question.id, type: "text", maxlength: "500", required: question.required, "aria-describedby": `${id}-error` }),
          error,
        ]);
      }
      const options = question.kind === "yes_no" ? [["yes", this.say("yes")], ["no", this.say("no")]] : question.options.map((o) => [o, o]);
      return el("fieldset", { class: "field", "aria-describedby": `${id}-error` }, [
        el("legend", { text: label }),
        ...options.map(([value, text], i) =>
          el("label", {}, [el("input", { type: "radio", name: question.id, value, id: `${id}-${i}`, required: question.required }), " ", text]),
        ),
        error,
      ]);
    });
  }

  answers(form, state) {
    const answers = {};
    state.questions.forEach((question) => {
      const field = form.elements[question.id];
      const value = field ? field.value : "";
      if (!value) return;
      answers[question.id] = question.kind === "yes_no" ? value === "yes" : value;
    });
    return answers;
  }

  showErrors(form, error) {
    form.querySelectorAll("[data-error-for]").forEach((node) => {
      const messages = error.fields[node.dataset.errorFor] || [];
      node.textContent = messages.join(" ");
    });
    this.status.textContent = error.message || this.say("failed");
  }

  consent(prefix) {
    const id = `${prefix}-public`;
    return el("div", { class: "field" }, [el("input", { type: "checkbox", id, name: "public_listing" }), " ", el("label", { for: id, text: this.say("public-listing") })]);
  }

  form(state, { person }) {
    const prefix = `reg-${this.root.dataset.ref}-${person || "me"}`;
    const full = state.free === 0;
    const form = el("form", { class: "registration-form", novalidate: true }, [
      ...this.questionFields(state, prefix),
      this.consent(prefix),
      el("button", { type: "submit", text: full ? this.say("join-waiting") : this.say("register") }),
    ]);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button");
      button.disabled = true;
      const body = { answers: this.answers(form, state), public_listing: form.elements.public_listing.checked };
      if (person) body.person = person;
      try {
        const next = await api(this.endpoint, { method: "POST", body });
        this.render(next);
        this.status.textContent = this.say("saved");
      } catch (error) {
        button.disabled = false;
        this.showErrors(form, error);
      }
    });
    return form;
  }

  async cancel(person, button) {
    button.disabled = true;
    const url = person ? `${this.endpoint}?person=${encodeURIComponent(person)}` : this.endpoint;
    try {
      const next = await api(url, { method: "DELETE" });
      this.render(next);
      this.status.textContent = this.say("cancelled");
    } catch (error) {
      button.disabled = false;
      this.status.textContent = error.message || this.say("failed");
    }
  }

  guestForm(state) {
    const prefix = `guest-${this.root.dataset.ref}`;
    const form = el("form", { class: "registration-guest", novalidate: true }, [
      el("h3", { text: this.say("guest-title") }),
      el("div", { class: "field" }, [
        el("label", { for: `${prefix}-name`, text: this.say("name") }),
        el("input", { id: `${prefix}-name`, name: "name", type: "text", maxlength: "150", required: true, autocomplete: "name" }),
        el("span", { class: "field-error", "data-error-for": "name" }),
      ]),
      el("div", { class: "field" }, [
        el("label", { for: `${prefix}-email`, text: this.say("email") }),
        el("input", { id: `${prefix}-email`, name: "email", type: "email", maxlength: "254", required: true, autocomplete: "email" }),
        el("span", { class: "field-error", "data-error-for": "email" }),
      ]),
      ...this.questionFields(state, prefix),
      this.consent(prefix),
      el("button", { type: "submit", text: this.say("send-link") }),
    ]);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      const body = {
        name: form.elements.name.value,
        email: form.elements.email.value,
        answers: this.answers(form, state),
        public_listing: form.elements.public_listing.checked,
      };
      try {
        const answer = await api(this.root.dataset.guestEndpoint, { method: "POST", body });
        form.replaceChildren(el("p", { class: "registration-sent", text: answer.detail || this.say("check-email") }));
        this.status.textContent = answer.detail || this.say("check-email");
      } catch (error) {
        button.disabled = false;
        this.showErrors(form, error);
      }
    });
    return form;
  }
}

register("registration", Registration);

/* The road into the solution bank (data-widget="solution-proposal"), for the project opened
   by the address (?project=<id>). The tutor proposes the project with a licence, or reads why
   not yet; each author (a pupil's parent) chooses how the name appears, with a preview, and
   the licence; everyone sees where every author's consent stands, then "sent to the editors".

   data-endpoint is the proposal address of project 0, resolved when the page was built; the
   widget puts the opened project's id in its place. */
import { api, el, message, register } from "./components.js";

class SolutionProposal {
  constructor(root) {
    this.root = root;
    /* The section around the widget stays hidden for anyone with nothing to see or do. */
    this.section = root.closest("section") || root;
    this.body = root.querySelector("[data-solution-body]");
    this.status = root.querySelector("[data-status]");
    const id = new URLSearchParams(window.location.search).get("project");
    if (!id || !/^\d+$/.test(id)) return;
    this.endpoint = root.dataset.endpoint.replace("/projects/0/", `/projects/${id}/`);
    this.load();
  }

  say(text) {
    this.status.textContent = text || "";
  }

  async load() {
    try {
      this.render(await api(this.endpoint));
    } catch (error) {
      /* Not a person of this project (404) or signed out: the section stays hidden. */
      if (error.status !== 404 && error.status !== 401 && error.status !== 403) {
        this.section.hidden = false;
        this.say(error.message || message(this.root, "failed"));
      }
    }
  }

  async send(url, body, done) {
    this.say(message(this.root, "saving"));
    try {
      const state = await api(url, { method: "POST", body });
      this.render(state);
      this.say(done);
    } catch (error) {
      this.say(error.message || message(this.root, "failed"));
    }
  }

  licenceSelect(state, name, chosen) {
    return el(
      "select",
      { name, id: name },
      state.licences.map((licence) =>
        el("option", { value: licence.value, text: licence.label, selected: licence.value === chosen }),
      ),
    );
  }

  render(state) {
    this.state = state;
    const parts = [];
    if (!state.proposal) {
      if (state.may_propose) parts.push(this.proposeForm(state));
      else if (state.blockers.length) {
        parts.push(el("p", { text: message(this.root, "not-yet") }));
        parts.push(el("ul", { class: "solution-blockers" }, state.blockers.map((b) => el("li", { text: b.message }))));
      } else {
        this.section.hidden = true;
        return;
      }
    } else {
      parts.push(this.proposalView(state));
    }
    this.body.replaceChildren(...parts);
    this.section.hidden = false;
  }

  proposeForm(state) {
    const select = this.licenceSelect(state, "solution-licence", "cc-by-4.0");
    const form = el("form", { class: "solution-propose" }, [
      el("p", {}, [el("label", { for: "solution-licence", text: message(this.root, "licence") }), " ", select]),
      el("p", {}, [el("button", { type: "submit", class: "button", text: message(this.root, "propose") })]),
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send(this.endpoint, { licence: select.value }, message(this.root, "proposed"));
    });
    return form;
  }

  proposalView(state) {
    const proposal = state.proposal;
    const items = proposal.consents.map((consent) => this.consentItem(state, consent));
    return el("div", {}, [
      el("p", {
        class: "solution-state",
        text: proposal.sent_to_editors ? message(this.root, "sent") : message(this.root, "waiting", { licence: proposal.licence_label }),
      }),
      el("ul", { class: "solution-consents" }, items),
    ]);
  }

  consentItem(state, consent) {
    let standing;
    if (consent.confirmed) standing = message(this.root, "confirmed", { name: consent.confirmed_by ? consent.confirmed_by.name : "" });
    else if (consent.minor && consent.chosen) standing = message(this.root, "suggested");
    else standing = message(this.root, consent.minor ? "waiting-parent" : "waiting-author");
    const children = [el("strong", { text: consent.author.name }), " — ", standing];
    if (consent.my_action) children.push(this.consentForm(state, consent));
    return el("li", { class: "solution-consent" }, children);
  }

  consentForm(state, consent) {
    const key = `solution-${consent.author.id}`;
    const choices = state.displays.map((display) =>
      el("p", {}, [
        el("input", { type: "radio", name: `${key}-display`, id: `${key}-${display.value}`, value: display.value, checked: display.value === consent.display }),
        " ",
        el("label", { for: `${key}-${display.value}` }, [
          display.label,
          ": ",
          el("span", { class: "solution-preview", text: consent.previews[display.value] || "" }),
        ]),
      ]),
    );
    const licence = this.licenceSelect(state, `${key}-licence`, consent.licence);
    const button = consent.my_action === "confirm" ? message(this.root, "confirm") : message(this.root, "suggest");
    const form = el("form", { class: "solution-consent-form" }, [
      el("fieldset", {}, [el("legend", { text: message(this.root, "display") }), ...choices]),
      el("p", {}, [el("label", { for: `${key}-licence`, text: message(this.root, "licence") }), " ", licence]),
      el("p", { class: "meta", text: message(this.root, "licence-note") }),
      el("p", {}, [el("button", { type: "submit", class: "button", text: button })]),
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const display = form.querySelector(`input[name="${key}-display"]:checked`);
      if (!display) return;
      this.send(
        `${this.endpoint}/consents/${consent.author.id}`,
        { display: display.value, licence: licence.value },
        message(this.root, "saved"),
      );
    });
    return form;
  }
}

register("solution-proposal", SolutionProposal);

/* Student initiatives of a council (data-widget="initiatives", data-ref = the council page's
   id): the list with status, support and progress to the threshold, the propose form for
   pupils, the support button, the administration's check and vote buttons, and the vote of an
   initiative on the ballot (a data-widget="voting" mount point the votes app's widget starts,
   when its module is on the page; else a note where to vote).

   The static page shows the public list (titles, statuses, the check's words); signed-in
   school people get the live list here instead. */
import { api, el, message, mount, personServed, register } from "./components.js";

let counter = 0;

function moscow(value, lang) {
  return new Date(value).toLocaleString(lang === "en" ? "en-GB" : "ru-RU", {
    timeZone: "Europe/Moscow", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit",
  });
}

class Initiatives {
  constructor(root) {
    this.root = root;
    this.endpoint = root.dataset.endpoint;
    this.council = root.dataset.ref;
    this.lang = root.dataset.lang || "ru";
    this.body = root.querySelector("[data-initiatives-body]");
    this.status = root.querySelector("[data-status]");
    this.key = `initiatives-${++counter}`;
    this.start();
  }

  async start() {
    if (!this.endpoint) return;
    const person = await personServed(this.root);
    if (!person) return; /* signed out: the public list and the fallback stay */
    this.load();
  }

  say(text) {
    this.status.textContent = text || "";
  }

  async load() {
    try {
      this.render(await api(`${this.endpoint}?council=${encodeURIComponent(this.council)}`));
    } catch (error) {
      /* A guest account is refused: the public list stays. */
      if (error.status !== 403) this.say(error.message || message(this.root, "failed"));
    }
  }

  async send(url, method, body, done) {
    this.say(message(this.root, "saving"));
    try {
      await api(url, { method, body });
      await this.load();
      this.say(done);
    } catch (error) {
      this.say(error.message || message(this.root, "failed"));
    }
  }

  field(label, control) {
    return el("p", {}, [el("label", { for: control.id, text: label }), el("br"), control]);
  }

  render(state) {
    const fixed = this.root.querySelector("[data-initiatives-static]");
    if (fixed) fixed.hidden = true;
    const parts = [];
    if (state.may_propose) parts.push(this.proposeForm());
    else if (state.propose_refusal) parts.push(el("p", { class: "meta", text: state.propose_refusal }));
    parts.push(
      state.initiatives.length
        ? el("ul", { class: "initiative-list" }, state.initiatives.map((i) => this.item(state, i)))
        : el("p", { text: message(this.root, "none") }),
    );
    this.body.classList.remove("widget-fallback");
    this.body.replaceChildren(...parts);
    mount(this.body);
  }

  proposeForm() {
    const title = el("input", { id: `${this.key}-title`, name: "title", required: true, maxlength: "200" });
    const description = el("textarea", { id: `${this.key}-description`, name: "description", rows: "4", required: true });
    const form = el("form", { class: "initiative-form" }, [
      el("h3", { text: message(this.root, "propose-title") }),
      this.field(message(this.root, "title"), title),
      this.field(message(this.root, "description"), description),
      el("p", {}, [el("button", { type: "submit", class: "button", text: message(this.root, "propose") })]),
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const body = { council_id: Number(this.council), title: title.value, description: description.value };
      this.send(this.endpoint, "POST", body, message(this.root, "proposed"));
    });
    return form;
  }

  item(state, initiative) {
    const url = `${this.endpoint}/${initiative.id}`;
    const names = initiative.authors.map((a) => a.name).join(", ");
    const node = el("li", { class: `initiative initiative-${initiative.status}`, "data-initiative": String(initiative.id) }, [
      el("h3", { text: initiative.title }),
      el("p", { class: "meta" }, [
        el("span", { class: "initiative-status", text: initiative.status_label }),
        ` · ${message(this.root, "authors", { names })}`,
      ]),
      el("p", { text: initiative.description }),
    ]);
    if (initiative.status === "proposed") {
      const progress = el("progress", { max: String(initiative.threshold), value: String(initiative.supports) });
      node.append(el("p", { class: "initiative-progress" }, [
        progress, " ", message(this.root, "progress", { count: initiative.supports, threshold: initiative.threshold }),
      ]));
    }
    if (initiative.check_comment) node.append(el("p", { class: "initiative-check", text: message(this.root, "check-comment", { text: initiative.check_comment }) }));
    if (initiative.rejection_reason) node.append(el("p", { class: "initiative-check", text: message(this.root, "rejection", { text: initiative.rejection_reason }) }));
    if (initiative.may_support && !initiative.supported_by_me) {
      node.append(this.button(message(this.root, "support"), () => this.send(`${url}/support`, "POST", undefined, message(this.root, "supported"))));
    } else if (initiative.supported_by_me && initiative.status === "proposed") {
      node.append(this.button(message(this.root, "unsupport"), () => this.send(`${url}/support`, "DELETE", undefined, message(this.root, "unsupported")), "button-secondary"));
    }
    if (initiative.may_check) node.append(this.checkForm(initiative, url));
    if (initiative.may_start_vote) node.append(this.voteForm(state, initiative, url));
    if (initiative.vote) node.append(this.voteBlock(initiative.vote));
    return node;
  }

  button(text, action, kind = "button") {
    const button = el("button", { type: "button", class: kind, text });
    button.addEventListener("click", action);
    return el("p", {}, [button]);
  }

  checkForm(initiative, url) {
    const comment = el("textarea", { id: `${this.key}-check-${initiative.id}`, rows: "3", maxlength: "5000" });
    const decide = (decision) => () =>
      this.send(`${url}/check`, "POST", { decision, comment: comment.value }, message(this.root, "checked"));
    const accept = el("button", { type: "button", class: "button", text: message(this.root, "accept") });
    const reject = el("button", { type: "button", class: "button-secondary", text: message(this.root, "reject") });
    accept.addEventListener("click", decide("accept"));
    reject.addEventListener("click", decide("reject"));
    return el("div", { class: "initiative-check-form" }, [
      this.field(message(this.root, "check-label"), comment),
      el("p", {}, [accept, " ", reject]),
    ]);
  }

  voteForm(state, initiative, url) {
    const key = `${this.key}-vote-${initiative.id}`;
    const electorate = el("select", { id: `${key}-electorate` },
      state.electorates.map((e) => el("option", { value: e.value, text: e.label })));
    const grades = el("input", { id: `${key}-grades`, maxlength: "40" });
    const closes = el("input", { id: `${key}-closes`, type: "datetime-local", required: true });
    const form = el("form", { class: "initiative-vote-form" }, [
      this.field(message(this.root, "electorate"), electorate),
      this.field(message(this.root, "grades"), grades),
      this.field(message(this.root, "closes"), closes),
      el("p", {}, [el("button", { type: "submit", class: "button", text: message(this.root, "start-vote") })]),
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const body = { electorate: electorate.value, grades: grades.value, closes_at: new Date(closes.value).toISOString() };
      this.send(`${url}/vote`, "POST", body, message(this.root, "vote-started"));
    });
    return form;
  }

  voteBlock(vote) {
    const module = this.root.dataset.votingModule;
    if (module && !Initiatives.votingLoaded) {
      Initiatives.votingLoaded = import(module).catch(() => null);
    }
    /* The votes app's widget starts on this mount point; until then its fallback says where. */
    return el("div", { class: "initiative-vote" }, [
      el("p", { class: "meta", text: message(this.root, "vote", { date: moscow(vote.closes_at, this.lang) }) }),
      el("div", { "data-widget": "voting", "data-ref": vote.code, "data-endpoint": "/api/votes", "data-me": this.root.dataset.me, "data-lang": this.lang }, [
        el("p", { class: "widget-fallback", text: message(this.root, "vote-fallback") }),
      ]),
    ]);
  }
}

register("initiatives", Initiatives);

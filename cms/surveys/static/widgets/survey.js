/* A survey (data-widget="survey", data-ref = the survey's code): its questions as a form, the
   person's state in plain words (not for you, not open yet, closed, already answered — with
   "edit" when the survey allows), errors next to each question, and the results when they are
   public. A partial answer is kept as a draft in this browser's localStorage only: nothing is
   sent before "Отправить", and the draft is removed once the answer is accepted.
   The widget's words come from the static part's data-msg-* attributes (translated when the
   page was built); the published page itself shows the results after the close. */
import { ApiError, api, el, me, message, register, signInUrl } from "./components.js";

const TIME_ZONE = "Europe/Moscow";

class Survey {
  constructor(root) {
    this.root = root;
    this.ref = root.dataset.ref || "";
    this.lang = root.dataset.lang || document.documentElement.lang || "ru";
    this.words = root.querySelector(".survey-static");
    if (!root.dataset.endpoint || !this.ref || !this.words) return;
    this.url = `${root.dataset.endpoint}/${encodeURIComponent(this.ref)}`;
    this.draftKey = `survey-draft:${this.ref}`;
    this.box = el("div", { class: "survey-widget" });
    this.status = el("p", { class: "survey-status", role: "status", "aria-live": "polite" });
    this.words.after(this.box);
    this.load();
  }

  say(name, values) {
    return message(this.words, name, values);
  }

  when(iso) {
    return new Date(iso).toLocaleString(this.lang, { timeZone: TIME_ZONE, dateStyle: "long", timeStyle: "short" });
  }

  async load(note = "") {
    const person = this.words.dataset.me ? await me(this.words.dataset.me).catch(() => null) : null;
    if (!person || !person.authenticated) {
      /* A visitor: no API call that could only be refused. The page itself says whether the
         survey had closed when it was published. */
      if (this.words.dataset.closed) this.show([el("p", { class: "survey-state", text: this.say("closed") })]);
      else this.show([el("p", { text: this.say("sign-in") }), el("p", {}, [el("a", { href: signInUrl(this.lang), text: this.say("sign-in-link") })])]);
      return;
    }
    let state;
    try {
      state = await api(this.url);
    } catch (error) {
      if (error.status === 401 || error.status === 403) {
        this.show([el("p", { text: this.say("sign-in") }), el("p", {}, [el("a", { href: signInUrl(this.lang), text: this.say("sign-in-link") })])]);
      }
      /* Otherwise the fallback text stays. */
      return;
    }
    this.state = state;
    this.status.textContent = note;
    this.render();
  }

  show(children) {
    const fallback = this.root.querySelector(".widget-fallback");
    if (fallback) fallback.hidden = true;
    this.box.replaceChildren(...children.filter(Boolean), this.status);
  }

  render() {
    const s = this.state;
    const head = [el("h3", { text: s.title }), s.intro ? el("p", { class: "survey-intro", text: s.intro }) : null];
    if (s.reason === "not_in_audience") {
      this.show([...head, el("p", { class: "survey-state", text: this.say("not-for-you", { audience: s.audience }) })]);
    } else if (s.state === "closed") {
      this.show([...head, el("p", { class: "survey-state", text: this.say("closed") })]);
      if (s.results_available && !this.root.querySelector(".survey-results")) this.results();
    } else if (s.state === "not_open") {
      this.show([...head, el("p", { class: "survey-state", text: this.say("not-open", { when: this.when(s.opens_at) }) })]);
    } else if (s.reason === "already_answered") {
      this.show([...head, el("p", { class: "survey-state", text: this.say("already") })]);
    } else if (s.answered) {
      const edit = el("button", { type: "button", class: "button", text: this.say("edit") });
      edit.addEventListener("click", () => this.show([...head, ...this.form(s.my_answers)]));
      this.show([...head, el("p", { class: "survey-state", text: this.say("already-editable") }), edit]);
    } else {
      this.show([...head, ...this.form(null)]);
    }
  }

  readDraft() {
    try {
      return JSON.parse(window.localStorage.getItem(this.draftKey) || "null");
    } catch (error) {
      return null;
    }
  }

  writeDraft(answers) {
    try {
      window.localStorage.setItem(this.draftKey, JSON.stringify(answers));
    } catch (error) {
      /* A full or forbidden storage only loses the draft. */
    }
  }

  clearDraft() {
    try {
      window.localStorage.removeItem(this.draftKey);
    } catch (error) {
      /* Nothing to clear. */
    }
  }

  form(saved) {
    const s = this.state;
    const values = this.readDraft() || saved || {};
    const form = el("form", { class: "survey-form", novalidate: true });
    s.questions.forEach((q) => form.append(q.kind === "section" ? this.section(q) : this.question(q, values[q.id])));
    const summary = el("p", { class: "survey-form-errors", role: "alert" });
    const submit = el("button", { type: "submit", class: "button", text: s.answered ? this.say("save") : this.say("submit") });
    form.append(summary, submit);
    form.addEventListener("input", () => this.writeDraft(this.collect(form)));
    form.addEventListener("change", () => this.writeDraft(this.collect(form)));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send(form, summary, submit);
    });
    return [
      el("p", { class: "meta", text: this.say(s.anonymous ? "anonymous" : "signed") }),
      el("p", { class: "meta", text: this.say("closes", { when: this.when(s.closes_at) }) }),
      form,
      el("p", { class: "meta", text: this.say("draft-kept") }),
    ];
  }

  section(q) {
    return el("div", { class: "survey-section" }, [el("h4", { text: q.label }), q.help_text ? el("p", { text: q.help_text }) : null]);
  }

  question(q, value) {
    const id = `survey-${this.ref}-${q.id}`;
    const error = el("p", { class: "survey-error", id: `${id}-error` });
    const legend = el("legend", {}, [q.label, q.required ? el("span", { class: "survey-required", text: ` (${this.say("required")})` }) : null]);
    const box = el("fieldset", { class: "survey-question", "data-question": q.id, "data-kind": q.kind, "aria-describedby": `${id}-error` }, [legend]);
    if (q.help_text) box.append(el("p", { class: "meta", text: q.help_text }));
    if (q.kind === "single_choice" || q.kind === "multiple_choice") {
      const type = q.kind === "single_choice" ? "radio" : "checkbox";
      const chosen = Array.isArray(value) ? value : [value];
      q.options.forEach((option, n) => {
        const input = el("input", { type, name: id, value: option, id: `${id}-${n}`, checked: chosen.includes(option) });
        box.append(el("label", { class: "survey-option", for: `${id}-${n}` }, [input, " ", option]));
      });
    } else if (q.kind === "scale") {
      const row = el("div", { class: "survey-scale" });
      if (q.low_label) row.append(el("span", { class: "survey-scale-end", text: q.low_label }));
      for (let n = 1; n <= q.size; n += 1) {
        const input = el("input", { type: "radio", name: id, value: String(n), id: `${id}-${n}`, checked: value === n });
        row.append(el("label", { class: "survey-scale-point", for: `${id}-${n}` }, [input, " ", String(n)]));
      }
      if (q.high_label) row.append(el("span", { class: "survey-scale-end", text: q.high_label }));
      box.append(row);
    } else {
      const input = q.kind === "long_text"
        ? el("textarea", { name: id, id: `${id}-text`, rows: "5", maxlength: String(q.max_length) })
        : el("input", { type: "text", name: id, id: `${id}-text`, maxlength: String(q.max_length) });
      input.value = typeof value === "string" ? value : "";
      input.setAttribute("aria-label", q.label);
      box.append(input);
    }
    box.append(error);
    return box;
  }

  collect(form) {
    const answers = {};
    form.querySelectorAll(".survey-question").forEach((box) => {
      const kind = box.dataset.kind;
      const checked = [...box.querySelectorAll("input:checked")].map((input) => input.value);
      let value = null;
      if (kind === "multiple_choice") value = checked;
      else if (kind === "single_choice") value = checked[0] || null;
      else if (kind === "scale") value = checked.length ? Number(checked[0]) : null;
      else value = box.querySelector("input, textarea").value;
      answers[box.dataset.question] = value;
    });
    return answers;
  }

  async send(form, summary, submit) {
    form.querySelectorAll(".survey-error").forEach((node) => { node.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
    summary.textContent = "";
    submit.disabled = true;
    const edited = this.state.answered;
    try {
      await api(`${this.url}/response`, { method: "PUT", body: { answers: this.collect(form) } });
    } catch (error) {
      submit.disabled = false;
      if (!(error instanceof ApiError)) throw error;
      /* Errors of a question come keyed by its id (or "answers.<id>" from the shape check). */
      const fields = {};
      Object.entries(error.fields || {}).forEach(([key, messages]) => { fields[key.replace(/^answers\./, "")] = messages; });
      const bad = Object.keys(fields).filter((key) => key !== "answers");
      if (bad.length) {
        bad.forEach((key) => {
          const box = form.querySelector(`[data-question="${CSS.escape(key)}"]`);
          if (!box) return;
          box.setAttribute("aria-invalid", "true");
          box.querySelector(".survey-error").textContent = fields[key].join(" ");
        });
        summary.textContent = this.say("errors");
        const first = form.querySelector("[aria-invalid] input, [aria-invalid] textarea");
        if (first) first.focus();
        return;
      }
      if (["already_answered", "closed", "not_open", "not_in_audience"].includes(error.code)) {
        this.clearDraft();
        this.load(error.message);
        return;
      }
      summary.textContent = error.message || this.say("failed");
      return;
    }
    this.clearDraft();
    this.load(this.say(edited ? "saved" : "sent"));
  }

  async results() {
    let data;
    try {
      data = await api(`${this.url}/results`);
    } catch (error) {
      return;
    }
    const section = el("section", { class: "survey-results" }, [
      el("h3", { text: this.say("results") }),
      el("p", { text: this.say("responses", { n: data.responses }) }),
    ]);
    if (data.withheld) section.append(el("p", { class: "survey-withheld", text: this.say("withheld", { n: data.min_cut }) }));
    data.questions.forEach((q) => {
      section.append(el("h4", { text: q.label }));
      if (!q.options.length) return;
      const rows = q.options.map((o) => el("tr", {}, [el("th", { scope: "row", text: o.label }), el("td", { text: String(o.count) }), el("td", { text: `${o.percent} %` })]));
      section.append(el("table", { class: "survey-table" }, [el("caption", { text: q.label }), el("tbody", {}, rows)]));
    });
    this.box.insertBefore(section, this.status);
  }
}

register("survey", Survey);

/* Confidential help (data-widget="help-request") on the relaxation room page.

   Anyone writes to the psychologist: signed in by name (pupils, parents) or anonymously; an
   anonymous request gets a one-time code, shown once with a copy button, and the answer is read
   back by that code (sent in a POST body, never in an address). Words of the crisis list bring
   the help lines at once. A psychologist gets the queue (urgent first), reads (each read is
   logged by the API), replies, proposes a consultation and keeps the crisis list. */
import { api, el, me, message, register } from "./components.js";

const TIME_ZONE = "Europe/Moscow";

class HelpRequest {
  constructor(root) {
    this.root = root;
    this.endpoint = root.dataset.endpoint;
    this.lookupUrl = root.dataset.lookup;
    this.wordsUrl = root.dataset.crisisWords;
    this.lang = root.dataset.lang || "ru";
    if (!this.endpoint) return;
    this.status = el("p", { class: "help-status", role: "status", "aria-live": "polite" });
    this.start();
  }

  say(name, values) {
    return message(this.root, name, values);
  }

  when(iso) {
    return new Date(iso).toLocaleString(this.lang, { timeZone: TIME_ZONE, dateStyle: "long", timeStyle: "short" });
  }

  async start() {
    this.person = this.root.dataset.me ? await me(this.root.dataset.me).catch(() => null) : null;
    const signedIn = Boolean(this.person && this.person.authenticated);
    const roles = signedIn ? this.person.roles : [];
    this.psychologist = roles.includes("psychologist");
    this.byName = roles.includes("student") || roles.includes("parent");
    this.signedIn = signedIn;
    this.main = el("div", { class: "help-main" });
    this.root.replaceChildren(this.main, this.status);
    if (this.psychologist) {
      this.renderQueue();
    } else {
      this.renderWriter();
    }
  }

  /* The author's side. */
  renderWriter() {
    const text = el("textarea", { id: "help-text", name: "text", rows: "6", required: true, maxlength: "5000" });
    const consult = el("input", { type: "checkbox", id: "help-consult", name: "wants_consultation" });
    const anonymous = el("input", { type: "checkbox", id: "help-anonymous", name: "anonymous" });
    if (!this.byName) {
      anonymous.checked = true;
      anonymous.disabled = true;
    }
    const form = el("form", { class: "help-form" }, [
      el("p", {}, [el("label", { for: "help-text", text: this.say("text") }), text]),
      el("p", { class: "help-check" }, [consult, el("label", { for: "help-consult", text: this.say("consultation") })]),
      el("p", { class: "help-check" }, [anonymous, el("label", { for: "help-anonymous", text: this.say("anonymous") })]),
      this.byName ? null : el("p", { class: "help-note", text: this.say("anonymous-note") }),
      el("p", {}, [el("button", { type: "submit", text: this.say("send") })]),
    ]);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      this.status.textContent = this.say("sending");
      try {
        const created = await api(this.endpoint, {
          method: "POST",
          body: { text: text.value, wants_consultation: consult.checked, anonymous: anonymous.checked },
        });
        form.reset();
        this.showSent(created);
      } catch (error) {
        this.status.textContent = error.message || this.say("failed");
      }
    });
    const parts = [el("h3", { text: this.say("write-title") }), form, (this.sent = el("div", { class: "help-sent" })), this.lookupForm()];
    if (this.signedIn && this.byName) parts.push((this.mine = el("div", { class: "help-mine" })));
    this.main.replaceChildren(...parts.filter(Boolean));
    if (this.mine) this.loadMine();
  }

  showSent(created) {
    this.status.textContent = this.say("sent");
    const parts = [el("p", { text: this.say("sent") })];
    if (created.help_lines) {
      parts.unshift(
        el("div", { class: "urgent-help", role: "alert" }, [
          el("h4", { text: this.say("urgent-title") }),
          el("p", { text: created.help_lines }),
        ]),
      );
    }
    if (created.code) {
      const copy = el("button", { type: "button", class: "button-secondary", text: this.say("copy") });
      copy.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(created.code);
          this.status.textContent = this.say("copied");
        } catch (error) {
          this.status.textContent = this.say("copy-failed");
        }
      });
      parts.push(
        el("p", { class: "help-code-warning", text: this.say("code-warning") }),
        el("p", { class: "help-code" }, [el("code", { "data-help-code": "", text: created.code }), " ", copy]),
      );
    }
    this.sent.replaceChildren(...parts);
    if (this.mine) this.loadMine();
  }

  lookupForm() {
    const code = el("input", { id: "help-code", name: "code", autocomplete: "off", spellcheck: "false", maxlength: "40" });
    const form = el("form", { class: "help-lookup" }, [
      el("h3", { text: this.say("lookup-title") }),
      el("p", {}, [el("label", { for: "help-code", text: this.say("code") }), code]),
      el("p", {}, [el("button", { type: "submit", text: this.say("read") })]),
    ]);
    this.found = el("div", { class: "help-found" });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        const found = await api(this.lookupUrl, { method: "POST", body: { code: code.value } });
        this.found.replaceChildren(this.detail(found, { code: code.value }));
      } catch (error) {
        this.found.replaceChildren();
        this.status.textContent = error.message || this.say("failed");
      }
    });
    return el("div", {}, [form, this.found]);
  }

  async loadMine() {
    let items;
    try {
      items = await api(this.endpoint);
    } catch (error) {
      return;
    }
    if (!items.length) {
      this.mine.replaceChildren();
      return;
    }
    this.mine.replaceChildren(
      el("h3", { text: this.say("mine-title") }),
      el("ul", { class: "help-list" }, items.map((item) => this.itemRow(item))),
      (this.open = el("div", { class: "help-open" })),
    );
  }

  itemRow(item) {
    const label = [
      this.when(item.created_at),
      item.urgent ? this.say("urgent") : "",
      this.say("status-" + item.status),
      item.requester ? item.requester.name : item.requester_kind === "anonymous" ? this.say("anonymous-author") : "",
    ].filter(Boolean).join(" · ");
    const button = el("button", { type: "button", class: "button-link", text: this.say("open", { id: item.id }) });
    button.addEventListener("click", () => this.openRequest(item.id));
    return el("li", { class: item.urgent ? "help-item help-item--urgent" : "help-item" }, [button, " ", el("span", { text: label })]);
  }

  async openRequest(id) {
    try {
      const found = await api(`${this.endpoint}/${id}`);
      this.open.replaceChildren(this.detail(found));
      const heading = this.open.querySelector("h4");
      if (heading) heading.focus();
    } catch (error) {
      this.status.textContent = error.message || this.say("failed");
    }
  }

  detail(found, { code } = {}) {
    const box = el("article", { class: "help-request", "data-request": String(found.id) }, [
      el("h4", { tabindex: "-1", text: this.say("request-title", { id: found.id, when: this.when(found.created_at) }) }),
      found.urgent && found.help_lines
        ? el("div", { class: "urgent-help" }, [el("p", { text: found.help_lines })])
        : null,
      found.requester ? el("p", { text: found.requester.name }) : null,
      el("blockquote", { class: "help-text", text: found.text }),
      el("p", { text: this.say("status-" + found.status) }),
      found.consultation
        ? el("p", { class: "help-consultation", text: this.say("consultation-at", { when: this.when(found.consultation.starts_at) }) })
        : null,
      el("h5", { text: found.replies.length ? this.say("replies") : this.say("no-replies") }),
      el("ul", { class: "help-replies" }, found.replies.map((reply) =>
        el("li", {}, [el("p", { text: reply.text }), el("small", { text: `${reply.author}, ${this.when(reply.created_at)}` })]),
      )),
    ]);
    if (found.may_reply) box.append(...this.psychologistTools(found));
    if (found.status !== "closed" && !found.may_reply) {
      const close = el("button", { type: "button", class: "button-secondary", text: this.say("close") });
      close.addEventListener("click", async () => {
        try {
          await api(`${this.endpoint}/${found.id}/close`, { method: "POST", body: code ? { code } : {} });
          this.status.textContent = this.say("closed");
          close.remove();
        } catch (error) {
          this.status.textContent = error.message || this.say("failed");
        }
      });
      box.append(el("p", {}, [close]));
    }
    return box;
  }

  /* The psychologist's side. */
  async renderQueue() {
    this.main.replaceChildren(
      el("h3", { text: this.say("queue-title") }),
      (this.queue = el("ul", { class: "help-list" })),
      (this.open = el("div", { class: "help-open" })),
      this.wordsEditor(),
    );
    this.loadQueue();
  }

  async loadQueue() {
    try {
      const items = await api(this.endpoint);
      this.queue.replaceChildren(...(items.length ? items.map((item) => this.itemRow(item)) : [el("li", { text: this.say("queue-empty") })]));
    } catch (error) {
      this.status.textContent = error.message || this.say("failed");
    }
  }

  psychologistTools(found) {
    const replyText = el("textarea", { id: `help-reply-${found.id}`, rows: "4", required: true, maxlength: "5000" });
    const replyForm = el("form", { class: "help-reply" }, [
      el("p", {}, [el("label", { for: `help-reply-${found.id}`, text: this.say("reply") }), replyText]),
      el("p", {}, [el("button", { type: "submit", text: this.say("send-reply") })]),
    ]);
    replyForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        const updated = await api(`${this.endpoint}/${found.id}/replies`, { method: "POST", body: { text: replyText.value } });
        this.status.textContent = this.say("reply-sent");
        this.open.replaceChildren(this.detail(updated));
        this.loadQueue();
      } catch (error) {
        this.status.textContent = error.message || this.say("failed");
      }
    });
    const tools = [replyForm];
    if (found.requester) {
      const at = el("input", { type: "datetime-local", id: `help-when-${found.id}`, required: true });
      const minutes = el("input", { type: "number", id: `help-minutes-${found.id}`, min: "15", max: "180", value: "45" });
      const consult = el("form", { class: "help-consult" }, [
        el("h5", { text: this.say("propose-title") }),
        el("p", {}, [el("label", { for: at.id, text: this.say("when") }), at]),
        el("p", {}, [el("label", { for: minutes.id, text: this.say("minutes") }), minutes]),
        el("p", {}, [el("button", { type: "submit", text: this.say("propose") })]),
      ]);
      consult.addEventListener("submit", async (event) => {
        event.preventDefault();
        try {
          /* The field is Moscow time, whatever the browser's zone. */
          const updated = await api(`${this.endpoint}/${found.id}/consultation`, {
            method: "POST",
            body: { starts_at: `${at.value}:00+03:00`, duration_minutes: Number(minutes.value) },
          });
          this.status.textContent = this.say("proposed");
          this.open.replaceChildren(this.detail(updated));
        } catch (error) {
          this.status.textContent = error.message || this.say("failed");
        }
      });
      tools.push(consult);
    } else if (found.wants_consultation) {
      tools.push(el("p", { class: "help-note", text: this.say("anonymous-consultation") }));
    }
    if (found.status !== "closed") {
      const close = el("button", { type: "button", class: "button-secondary", text: this.say("close") });
      close.addEventListener("click", async () => {
        try {
          await api(`${this.endpoint}/${found.id}/close`, { method: "POST", body: {} });
          this.status.textContent = this.say("closed");
          close.remove();
          this.loadQueue();
        } catch (error) {
          this.status.textContent = error.message || this.say("failed");
        }
      });
      tools.push(el("p", {}, [close]));
    }
    return tools;
  }

  wordsEditor() {
    const list = el("ul", { class: "help-words" });
    const word = el("input", { id: "help-word", maxlength: "100" });
    const form = el("form", { class: "help-words-form" }, [
      el("p", {}, [el("label", { for: "help-word", text: this.say("word") }), word, " ", el("button", { type: "submit", text: this.say("add") })]),
    ]);
    const load = async () => {
      try {
        const words = await api(this.wordsUrl);
        list.replaceChildren(...words.map((entry) => {
          const remove = el("button", { type: "button", class: "button-link", text: this.say("remove", { word: entry.word }) });
          remove.setAttribute("aria-label", this.say("remove", { word: entry.word }));
          remove.addEventListener("click", async () => {
            await api(`${this.wordsUrl}/${entry.id}`, { method: "DELETE" }).catch(() => null);
            load();
          });
          return el("li", {}, [el("span", { text: entry.word }), " ", remove]);
        }));
      } catch (error) {
        this.status.textContent = error.message || this.say("failed");
      }
    };
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        await api(this.wordsUrl, { method: "POST", body: { word: word.value } });
        word.value = "";
        this.status.textContent = this.say("word-added");
        load();
      } catch (error) {
        this.status.textContent = error.message || this.say("failed");
      }
    });
    load();
    return el("details", { class: "help-words-editor" }, [el("summary", { text: this.say("words-title") }), el("p", { text: this.say("words-help") }), form, list]);
  }
}

register("help-request", HelpRequest);

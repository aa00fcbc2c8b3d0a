/* Comments of a discussion (data-widget="comments", data-ref = the comment section's code).

   Threads one level deep on the whole page and on each passage of the document (elements with
   data-passage="p<n>" that the page was built with): every passage gets a button with its
   count that opens its thread under it. Pupils' comments wait for a moderator ("awaiting
   moderation", seen by the author and moderators only); anyone may report a comment once;
   moderators approve, hide with a reason, or restore, right here or in the admin queue.

   The static page is the same for everyone: the comments are fetched here, for the signed-in
   reader only. The widget's words are kept below by language, since the generic widget mount
   point carries no data-msg-* texts. */
import { api, el, me, register, signInUrl } from "./components.js";

const WORDS = {
  ru: {
    signIn: "Войдите, чтобы читать и писать комментарии.",
    signInLink: "Войти",
    notAllowed: "Эти комментарии читают и пишут только участники обсуждения.",
    failed: "Не получилось. Попробуйте ещё раз.",
    closed: "Обсуждение закрыто: комментировать уже нельзя.",
    page: "Комментарии ко всему документу",
    none: "Комментариев пока нет.",
    write: "Ваш комментарий",
    send: "Отправить",
    reply: "Ответить",
    yourReply: "Ваш ответ",
    report: "Пожаловаться",
    reportReason: "Что не так? (необязательно)",
    reported: "Вы пожаловались: модераторы посмотрят.",
    pending: "ждёт модерации",
    hidden: "Скрыт модератором: {reason}",
    approve: "Одобрить",
    keep: "Оставить",
    hide: "Скрыть",
    hideReason: "Причина (её увидят вместо текста)",
    restore: "Восстановить",
    reports: "жалоб: {count}",
    sentPending: "Комментарий отправлен. Его увидят после проверки модератором.",
    sent: "Комментарий опубликован.",
    count: (n) => (n === 0 ? "Прокомментировать" : `Комментарии: ${n}`),
  },
  en: {
    signIn: "Sign in to read and write comments.",
    signInLink: "Sign in",
    notAllowed: "Only the discussion's participants read and write these comments.",
    failed: "That did not work. Please try again.",
    closed: "The discussion is closed: comments are no longer accepted.",
    page: "Comments on the whole document",
    none: "No comments yet.",
    write: "Your comment",
    send: "Send",
    reply: "Reply",
    yourReply: "Your reply",
    report: "Report",
    reportReason: "What is wrong? (optional)",
    reported: "You reported it: the moderators will look.",
    pending: "awaiting moderation",
    hidden: "Hidden by a moderator: {reason}",
    approve: "Approve",
    keep: "Keep",
    hide: "Hide",
    hideReason: "Reason (shown instead of the text)",
    restore: "Restore",
    reports: "reports: {count}",
    sentPending: "Comment sent. It will appear once a moderator has checked it.",
    sent: "Comment published.",
    count: (n) => (n === 0 ? "Comment" : `Comments: ${n}`),
  },
};

let counter = 0;

class Comments {
  constructor(root) {
    this.root = root;
    this.endpoint = root.dataset.endpoint;
    this.ref = root.dataset.ref;
    this.lang = root.dataset.lang === "en" ? "en" : "ru";
    this.words = WORDS[this.lang];
    this.key = `comments-${++counter}`;
    this.open = new Set();
    this.replying = null;
    if (!this.endpoint || !this.ref) return;
    this.url = `${this.endpoint}/${encodeURIComponent(this.ref)}`;
    const holder = root.closest("[data-me]");
    this.meUrl = root.dataset.me || (holder && holder.dataset.me) || this.endpoint.replace(/comments\/?$/, "me");
    this.status = el("p", { class: "comments-status", role: "status" });
    this.body = el("div", { class: "comments-body" });
    root.append(this.status, this.body);
    this.start();
  }

  w(name, values = {}) {
    return this.words[name].replace(/\{(\w+)\}/g, (_, k) => (k in values ? String(values[k]) : ""));
  }

  say(text) {
    this.status.textContent = text || "";
  }

  async start() {
    const person = await me(this.meUrl).catch(() => null);
    if (!person || !person.authenticated) {
      this.body.replaceChildren(
        el("p", {}, [this.w("signIn"), " ", el("a", { href: signInUrl(this.lang), text: this.w("signInLink") })]),
      );
      return;
    }
    this.load();
  }

  async load() {
    try {
      this.state = await api(this.url);
    } catch (error) {
      this.say(error.status === 403 ? this.w("notAllowed") : error.message || this.w("failed"));
      return;
    }
    const fallback = this.root.querySelector(".widget-fallback");
    if (fallback) fallback.hidden = true;
    this.render();
  }

  async send(url, body, done) {
    try {
      const result = await api(url, { method: "POST", body });
      this.replying = null;
      await this.load();
      this.say(typeof done === "function" ? done(result) : done);
      return true;
    } catch (error) {
      this.say(error.message || this.w("failed"));
      return false;
    }
  }

  time(value) {
    return new Intl.DateTimeFormat(this.lang, {
      timeZone: "Europe/Moscow",
      dateStyle: "medium",
      timeStyle: "short",
    }).format(new Date(value));
  }

  render() {
    const state = this.state;
    const parts = [];
    if (!state.section.open) parts.push(el("p", { class: "comments-closed", text: this.w("closed") }));
    parts.push(el("h3", { text: this.w("page") }));
    parts.push(this.thread(""));
    this.body.replaceChildren(...parts);
    document.querySelectorAll("[data-passage]").forEach((passage) => this.passage(passage));
  }

  passage(node) {
    const key = node.dataset.passage;
    const count = this.state.counts[key] || 0;
    const panelId = `${this.key}-${key}`;
    let button = node.querySelector(":scope > .passage-comments-toggle");
    if (!button) {
      button = el("button", { type: "button", class: "passage-comments-toggle", "aria-controls": panelId });
      button.addEventListener("click", () => {
        if (this.open.has(key)) this.open.delete(key);
        else this.open.add(key);
        this.passage(node);
      });
      node.append(button);
    }
    button.textContent = this.words.count(count);
    button.dataset.count = String(count);
    button.setAttribute("aria-expanded", this.open.has(key) ? "true" : "false");
    let panel = document.getElementById(panelId);
    if (!this.open.has(key)) {
      if (panel) panel.remove();
      return;
    }
    const fresh = el("div", { id: panelId, class: "passage-thread", "data-thread": key }, [this.thread(key)]);
    if (panel) panel.replaceWith(fresh);
    else node.after(fresh);
  }

  thread(passage) {
    const all = this.state.comments.filter((c) => c.passage === passage);
    const top = all.filter((c) => c.parent_id === null);
    const parts = [
      top.length
        ? el("ul", { class: "comment-list" }, top.map((c) => this.item(c, all.filter((r) => r.parent_id === c.id))))
        : el("p", { class: "comments-none", text: this.w("none") }),
    ];
    if (this.state.section.may_comment) parts.push(this.form({ passage }));
    return el("div", { class: "comment-thread" }, parts);
  }

  item(comment, replies = []) {
    const head = el("p", { class: "comment-meta" }, [
      el("strong", { text: comment.author.name }),
      " · ",
      el("time", { datetime: comment.created_at, text: this.time(comment.created_at) }),
    ]);
    if (comment.status === "pending") head.append(" ", el("span", { class: "badge comment-badge-pending", text: this.w("pending") }));
    if (comment.reports) head.append(" ", el("span", { class: "badge comment-badge-reports", text: this.w("reports", { count: comment.reports }) }));
    const parts = [head];
    if (comment.status === "hidden") {
      parts.push(el("p", { class: "comment-hidden", text: this.w("hidden", { reason: comment.hidden_reason }) }));
      if (comment.text) parts.push(el("p", { class: "comment-text comment-hidden-text", text: comment.text }));
    } else {
      parts.push(el("p", { class: "comment-text", text: comment.text }));
    }
    parts.push(this.actions(comment));
    if (this.replying === comment.id) parts.push(this.form({ passage: comment.passage, parentId: comment.id }));
    if (replies.length) parts.push(el("ul", { class: "comment-replies" }, replies.map((r) => this.item(r))));
    return el("li", { class: `comment comment-${comment.status}`, "data-comment-id": comment.id }, parts);
  }

  button(text, onClick, extra = "") {
    const button = el("button", { type: "button", class: `comment-action ${extra}`.trim(), text });
    button.addEventListener("click", onClick);
    return button;
  }

  actions(comment) {
    const parts = [];
    const base = this.endpoint.replace(/\/$/, "");
    if (comment.may_reply && this.state.section.may_comment) {
      parts.push(this.button(this.w("reply"), () => {
        this.replying = this.replying === comment.id ? null : comment.id;
        this.render();
      }));
    }
    if (comment.reported_by_me) {
      parts.push(el("span", { class: "comment-reported", text: this.w("reported") }));
    } else if (comment.may_report) {
      const id = `${this.key}-report-${comment.id}`;
      const reason = el("input", { type: "text", id, maxlength: "500" });
      const form = el("span", { class: "comment-report", hidden: true }, [
        el("label", { for: id, text: this.w("reportReason") }), " ", reason, " ",
        this.button(this.w("send"), () => this.send(`${base}/${comment.id}/report`, { reason: reason.value }, this.w("reported"))),
      ]);
      parts.push(this.button(this.w("report"), () => { form.hidden = !form.hidden; }), form);
    }
    if (this.state.moderator) {
      const moderate = (body) => this.send(`${base}/${comment.id}/moderate`, body, "");
      if (comment.status === "pending" || (comment.status === "visible" && comment.reports)) {
        const label = comment.status === "pending" ? this.w("approve") : this.w("keep");
        parts.push(this.button(label, () => moderate({ action: "approve" }), "comment-approve"));
      }
      if (comment.status === "hidden") {
        parts.push(this.button(this.w("restore"), () => moderate({ action: "restore" }), "comment-restore"));
      } else {
        const id = `${this.key}-hide-${comment.id}`;
        const reason = el("input", { type: "text", id, maxlength: "500" });
        parts.push(el("span", { class: "comment-hide" }, [
          el("label", { for: id, text: this.w("hideReason") }), " ", reason, " ",
          this.button(this.w("hide"), () => moderate({ action: "hide", reason: reason.value })),
        ]));
      }
    }
    return el("div", { class: "comment-actions" }, parts);
  }

  form({ passage, parentId = null }) {
    const id = `${this.key}-${passage || "page"}-${parentId || "new"}`;
    const text = el("textarea", { id, name: "text", rows: "3", maxlength: "2000", required: true });
    const form = el("form", { class: "comment-form" }, [
      el("label", { for: id, text: parentId ? this.w("yourReply") : this.w("write") }),
      text,
      el("button", { type: "submit", text: this.w("send") }),
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send(this.url, { passage, parent_id: parentId, text: text.value }, (created) =>
        created.status === "pending" ? this.w("sentPending") : this.w("sent"),
      );
    });
    return form;
  }
}

register("comments", Comments);

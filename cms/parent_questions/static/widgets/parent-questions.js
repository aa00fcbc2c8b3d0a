/* Parents' questions to the school (data-widget="parent-questions"), in the cabinet and under
   the FAQ page. A parent asks (whom, about which child) and reads the answers; the teachers,
   tutors and administration see their queue and answer; staff turn an answered question into
   an item of a FAQ page ("В вопросы и ответы"), which editors publish after moderation.

   The static page is the same for everyone: everything personal is fetched here. */
import { api, el, message, personServed, register } from "./components.js";

let counter = 0;

class ParentQuestions {
  constructor(root) {
    this.root = root;
    this.endpoint = root.dataset.endpoint;
    this.body = root.querySelector("[data-questions-body]");
    this.status = root.querySelector("[data-status]");
    this.key = `pq-${++counter}`;
    this.start();
  }

  async start() {
    const person = await personServed(this.root);
    if (!person) return; /* signed out: the fallback text stays */
    this.load();
  }

  say(text) {
    this.status.textContent = text || "";
  }

  async load() {
    try {
      this.render(await api(this.endpoint));
    } catch (error) {
      this.say(error.message || message(this.root, "failed"));
    }
  }

  async send(url, body, done) {
    this.say(message(this.root, "saving"));
    try {
      await api(url, { method: "POST", body });
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
    const parts = [];
    if (state.may_ask) {
      parts.push(this.askForm(state));
      parts.push(el("h3", { text: message(this.root, "mine") }));
      parts.push(
        state.mine.length
          ? el("ul", { class: "question-list" }, state.mine.map((q) => this.mineItem(q)))
          : el("p", { text: message(this.root, "none") }),
      );
    }
    if (state.answers || state.queue.length) {
      parts.push(el("h3", { text: message(this.root, "queue") }));
      parts.push(
        state.queue.length
          ? el("ul", { class: "question-list" }, state.queue.map((q) => this.queueItem(state, q)))
          : el("p", { text: message(this.root, "queue-empty") }),
      );
    }
    this.body.replaceChildren(...parts);
  }

  askForm(state) {
    const addressee = el("select", { id: `${this.key}-addressee`, name: "addressee" },
      state.addressees.map((a) => el("option", { value: a.value, text: a.label })));
    const child = el("select", { id: `${this.key}-child`, name: "child_id" }, [
      el("option", { value: "", text: message(this.root, "no-child") }),
      ...state.children.map((c) => el("option", { value: String(c.id), text: c.name })),
    ]);
    const text = el("textarea", { id: `${this.key}-text`, name: "text", rows: "4", required: true, maxlength: "4000" });
    const form = el("form", { class: "question-form" }, [
      el("h3", { text: message(this.root, "ask-title") }),
      this.field(message(this.root, "addressee"), addressee),
      state.children.length ? this.field(message(this.root, "child"), child) : null,
      this.field(message(this.root, "text"), text),
      el("p", {}, [el("button", { type: "submit", class: "button", text: message(this.root, "send") })]),
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const body = { addressee: addressee.value, text: text.value };
      if (child.value) body.child_id = Number(child.value);
      this.send(this.endpoint, body, message(this.root, "sent"));
    });
    return form;
  }

  answerBlock(question) {
    if (!question.answer) return el("p", { class: "meta", text: message(this.root, "waiting") });
    return el("div", { class: "question-answer" }, [
      el("strong", { text: `${message(this.root, "answer-label")}${question.answered_by ? ` (${question.answered_by.name})` : ""}: ` }),
      el("span", { text: question.answer }),
    ]);
  }

  mineItem(question) {
    return el("li", { class: "question-item" }, [
      el("p", { class: "meta", text: `${question.addressee_label} · ${question.status_label}` }),
      el("p", { text: question.text }),
      this.answerBlock(question),
    ]);
  }

  queueItem(state, question) {
    const item = el("li", { class: "question-item" }, [
      el("p", { class: "meta", text: `${question.addressee_label} · ${question.status_label}` }),
      el("p", { class: "meta", text: message(this.root, "from", { name: question.parent.name }) }),
      question.child ? el("p", { class: "meta", text: message(this.root, "about", { name: question.child.name }) }) : null,
      el("p", { text: question.text }),
    ]);
    const url = `${this.endpoint}/${question.id}`;
    if (question.may_answer && question.status !== "closed") {
      const id = `${this.key}-answer-${question.id}`;
      const answer = el("textarea", { id, rows: "4", required: true, maxlength: "8000" });
      answer.value = question.answer || "";
      const form = el("form", { class: "question-form" }, [
        this.field(message(this.root, "answer-label"), answer),
        el("p", {}, [el("button", { type: "submit", class: "button", text: message(this.root, "reply") })]),
      ]);
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.send(`${url}/answer`, { answer: answer.value }, message(this.root, "answered"));
      });
      item.append(form);
    } else {
      item.append(this.answerBlock(question));
    }
    if (question.in_faq) item.append(el("p", { class: "meta", text: message(this.root, "in-faq") }));
    else if (state.may_publish_faq && question.answer && state.faq_pages.length) item.append(this.faqForm(state, question, url));
    return item;
  }

  faqForm(state, question, url) {
    const key = `${this.key}-faq-${question.id}`;
    const page = el("select", { id: `${key}-page` }, state.faq_pages.map((p) => el("option", { value: String(p.id), text: p.title })));
    const asked = el("textarea", { id: `${key}-question`, rows: "2", maxlength: "500" });
    asked.value = question.text.slice(0, 500);
    const answered = el("textarea", { id: `${key}-answer`, rows: "4", maxlength: "8000" });
    answered.value = question.answer;
    const form = el("form", { class: "question-faq" }, [
      this.field(message(this.root, "faq-page"), page),
      this.field(message(this.root, "faq-question"), asked),
      this.field(message(this.root, "faq-answer"), answered),
      el("p", {}, [el("button", { type: "submit", class: "button-secondary", text: message(this.root, "to-faq") })]),
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const body = { faq_page_id: Number(page.value), question: asked.value, answer: answered.value };
      this.send(`${url}/faq`, body, message(this.root, "faq-sent"));
    });
    const details = el("details", {}, [el("summary", { text: message(this.root, "to-faq") }), form]);
    return details;
  }
}

register("parent-questions", ParentQuestions);

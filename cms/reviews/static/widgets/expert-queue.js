/* The expert's queue (data-widget="expert-queue"): the projects assigned to them, filtered by
   evaluated / not yet evaluated; one project's handed-in material and the scoring form (each
   criterion's levels as radio buttons, a comment for the authors, a note for the coordinator,
   save a draft, submit with a confirmation); once submitted, the other experts' scores. */
import { api, el, me, message, register } from "./components.js";

class ExpertQueue {
  constructor(root) {
    this.root = root;
    this.endpoint = root.dataset.endpoint;
    this.list = root.querySelector("[data-list]");
    this.detail = root.querySelector("[data-detail]");
    this.status = root.querySelector("[data-status]");
    this.filter = root.querySelector("[data-filter]");
    if (this.filter) this.filter.addEventListener("change", () => this.load());
    this.start();
  }

  say(text) {
    this.status.textContent = text || "";
  }

  async start() {
    const person = await me(this.root.dataset.me).catch(() => null);
    if (!person || !person.authenticated || !person.roles.includes("expert")) return;
    this.root.hidden = false;
    await this.load();
    const wanted = new URLSearchParams(window.location.search).get("evaluation");
    if (wanted && /^\d+$/.test(wanted)) this.open(wanted);
  }

  async load() {
    const state = this.filter ? this.filter.value : "";
    let rows;
    try {
      rows = await api(`${this.endpoint}?as=expert${state ? `&state=${state}` : ""}`);
    } catch (error) {
      this.say(error.message || message(this.root, "failed"));
      return;
    }
    this.list.replaceChildren(
      ...rows.map((row) =>
        el("li", { class: `queue-item queue-item--${row.state}` }, [
          el("button", { type: "button", class: "link-button", text: row.project.title, "data-open": row.id }),
          " ",
          el("span", { class: "queue-state", text: message(this.root, row.state) }),
        ]),
      ),
    );
    this.list.querySelectorAll("[data-open]").forEach((button) =>
      button.addEventListener("click", () => this.open(button.dataset.open)),
    );
    this.say(rows.length ? "" : message(this.root, "none"));
  }

  async open(id) {
    try {
      this.evaluation = await api(`${this.endpoint}/${id}`);
    } catch (error) {
      this.say(error.message || message(this.root, "failed"));
      return;
    }
    this.render();
  }

  material(project) {
    const parts = [el("h3", { text: project.title })];
    [["problem", project.problem], ["goal", project.goal], ["result", project.result]].forEach(([name, text]) => {
      if (text) parts.push(el("h4", { text: message(this.root, name) }), el("p", { text }));
    });
    if (project.product_url) parts.push(el("p", {}, [el("a", { href: project.product_url, rel: "noopener", text: message(this.root, "product") })]));
    project.stages.forEach((stage) => {
      const files = stage.submission.files.map((file) => el("li", {}, [el("a", { href: file.url, text: file.name })]));
      const links = stage.submission.links.map((link) => el("li", {}, [el("a", { href: link, rel: "noopener nofollow", text: link })]));
      parts.push(
        el("section", { class: "stage-material" }, [
          el("h4", { text: `${stage.position}. ${stage.title}` }),
          el("p", { class: "stage-text", text: stage.submission.text }),
          files.length || links.length ? el("ul", {}, [...files, ...links]) : null,
        ]),
      );
    });
    return el("div", { class: "project-material" }, parts);
  }

  form(evaluation) {
    const review = evaluation.my_review || { scores: {}, comment: "", private_note: "", submitted: false };
    const done = review.submitted;
    const form = el("form", { class: "review-form" });
    evaluation.criteria.forEach((criterion) => {
      const levels = criterion.levels.map((level) => {
        const id = `review-${evaluation.id}-${criterion.id}-${level.score}`;
        return el("p", { class: "level" }, [
          el("input", { type: "radio", id, name: criterion.id, value: String(level.score), checked: review.scores[criterion.id] === level.score, disabled: done }),
          el("label", { for: id, text: `${level.score} — ${level.description}` }),
        ]);
      });
      form.append(
        el("fieldset", { class: "criterion" }, [
          el("legend", { text: criterion.title }),
          criterion.description ? el("p", { class: "criterion-description", text: criterion.description }) : null,
          ...levels,
        ]),
      );
    });
    const comment = `review-comment-${evaluation.id}`;
    const note = `review-note-${evaluation.id}`;
    form.append(
      el("p", {}, [el("label", { for: comment, text: message(this.root, "comment") }), el("textarea", { id: comment, name: "comment", rows: "4", disabled: done })]),
      el("p", {}, [el("label", { for: note, text: message(this.root, "note") }), el("textarea", { id: note, name: "private_note", rows: "3", disabled: done })]),
    );
    form.querySelector(`#${comment}`).value = review.comment;
    form.querySelector(`#${note}`).value = review.private_note;
    if (!done) {
      form.append(
        el("p", { class: "form-actions" }, [
          el("button", { type: "button", class: "button-secondary", text: message(this.root, "save"), "data-save": true }),
          " ",
          el("button", { type: "submit", text: message(this.root, "submit") }),
        ]),
      );
      form.querySelector("[data-save]").addEventListener("click", () => this.send(form, false));
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        if (window.confirm(message(this.root, "confirm"))) this.send(form, true);
      });
    } else {
      form.append(el("p", { class: "review-done", text: message(this.root, "submitted-note") }));
    }
    return form;
  }

  values(form) {
    const scores = {};
    this.evaluation.criteria.forEach((criterion) => {
      const chosen = form.querySelector(`input[name="${CSS.escape(criterion.id)}"]:checked`);
      if (chosen) scores[criterion.id] = Number(chosen.value);
    });
    return { scores, comment: form.elements.comment.value, private_note: form.elements.private_note.value };
  }

  async send(form, submit) {
    const url = `${this.endpoint}/${this.evaluation.id}/review${submit ? "/submit" : ""}`;
    this.say(message(this.root, "saving"));
    try {
      this.evaluation = await api(url, { method: submit ? "POST" : "PUT", body: this.values(form) });
    } catch (error) {
      this.say(error.message || message(this.root, "failed"));
      return;
    }
    this.render();
    this.say(message(this.root, submit ? "submitted" : "saved"));
    if (submit) this.load();
  }

  others(evaluation) {
    if (!evaluation.reviews.length) return null;
    const titles = new Map(evaluation.criteria.map((c) => [c.id, c.title]));
    return el("section", { class: "other-reviews" }, [
      el("h4", { text: message(this.root, "others") }),
      ...evaluation.reviews.map((review) =>
        el("div", { class: "other-review" }, [
          el("p", { class: "other-review-name", text: review.expert.name }),
          el("ul", {}, Object.entries(review.scores).map(([id, score]) => el("li", { text: `${titles.get(id) || id}: ${score}` }))),
          review.comment ? el("p", { text: review.comment }) : null,
        ]),
      ),
    ]);
  }

  render() {
    const evaluation = this.evaluation;
    this.detail.replaceChildren(this.material(evaluation.project), this.form(evaluation), this.others(evaluation) || "");
    this.detail.hidden = false;
  }
}

register("expert-queue", ExpertQueue);

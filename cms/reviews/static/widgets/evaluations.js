/* The coordinator's evaluations (data-widget="evaluations"): projects to evaluate (finished,
   or with a stage handed in) and the evaluations under way; open one with a rubric, assign
   experts from the people with the expert role, follow progress, read the result table with
   the criteria where experts disagree, and release the result. The API decides who is a
   coordinator: anyone else gets a refusal and the section stays empty. */
import { api, el, message, personServed, register } from "./components.js";

class Evaluations {
  constructor(root) {
    this.root = root;
    this.endpoint = root.dataset.endpoint;
    this.apiRoot = root.dataset.apiRoot || "/api/";
    this.projects = root.querySelector("[data-projects]");
    this.list = root.querySelector("[data-list]");
    this.detail = root.querySelector("[data-detail]");
    this.status = root.querySelector("[data-status]");
    this.start();
  }

  say(text) {
    this.status.textContent = text || "";
  }

  async start() {
    if (!(await personServed(this.root))) return;
    let candidates;
    try {
      candidates = await api(this.root.dataset.projectsEndpoint);
      this.experts = await api(this.root.dataset.expertsEndpoint);
    } catch (error) {
      /* Not a coordinator: nothing to show. */
      return;
    }
    this.root.hidden = false;
    this.section = this.root.closest("[data-cabinet-section]");
    if (this.section) this.section.hidden = false;
    this.showCandidates(candidates);
    await this.load();
  }

  showCandidates({ projects, rubrics }) {
    const waiting = projects.filter((project) => !project.evaluation);
    this.projects.replaceChildren(
      ...waiting.map((project) => {
        const select = el("select", { "aria-label": message(this.root, "rubric") }, rubrics.map((r) => el("option", { value: String(r.id), text: r.name, selected: r.is_default })));
        const button = el("button", { type: "button", class: "button-secondary", text: message(this.root, "open") });
        button.addEventListener("click", () => this.openEvaluation(project.id, select.value));
        return el("li", {}, [el("span", { text: project.title }), " ", select, " ", button]);
      }),
    );
    if (!waiting.length) this.projects.replaceChildren(el("li", { text: message(this.root, "no-projects") }));
  }

  async openEvaluation(projectId, rubricId) {
    try {
      this.evaluation = await api(`${this.apiRoot}projects/${projectId}/evaluation`, { method: "POST", body: { rubric_id: Number(rubricId) } });
    } catch (error) {
      this.say(error.message || message(this.root, "failed"));
      return;
    }
    this.render();
    this.refresh();
  }

  async refresh() {
    try {
      this.showCandidates(await api(this.root.dataset.projectsEndpoint));
    } catch (error) {
      /* The list stays as it was. */
    }
    await this.load();
  }

  async load() {
    let rows;
    try {
      rows = await api(`${this.endpoint}?as=coordinator`);
    } catch (error) {
      this.say(error.message || message(this.root, "failed"));
      return;
    }
    this.list.replaceChildren(
      ...rows.map((row) => {
        const button = el("button", { type: "button", class: "link-button", text: row.project.title });
        button.addEventListener("click", () => this.open(row.id));
        const progress = message(this.root, "progress", { submitted: row.progress.submitted, assigned: row.progress.assigned });
        return el("li", {}, [button, " ", el("span", { text: row.released_at ? message(this.root, "released") : progress })]);
      }),
    );
    if (!rows.length) this.list.replaceChildren(el("li", { text: message(this.root, "none") }));
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

  async act(url, method, body) {
    try {
      this.evaluation = await api(url, { method, body });
    } catch (error) {
      this.say(error.message || message(this.root, "failed"));
      return;
    }
    this.say("");
    this.render();
    this.load();
  }

  assignments(evaluation) {
    const base = `${this.endpoint}/${evaluation.id}/experts`;
    const items = evaluation.reviews.map((review) => {
      const state = review.submitted ? message(this.root, "submitted") : message(this.root, "pending");
      const remove = !review.submitted && !evaluation.released ? el("button", { type: "button", class: "button-secondary", text: message(this.root, "unassign") }) : null;
      if (remove) remove.addEventListener("click", () => this.act(`${base}/${review.expert.id}`, "DELETE"));
      return el("li", {}, [`${review.expert.name} — ${state} `, remove]);
    });
    const parts = [el("h4", { text: message(this.root, "experts") }), el("ul", {}, items)];
    if (!evaluation.released) {
      const taken = new Set(evaluation.reviews.map((review) => review.expert.id));
      const select = el("select", { "aria-label": message(this.root, "expert") }, this.experts.filter((e) => !taken.has(e.id)).map((e) => el("option", { value: String(e.id), text: e.organisation ? `${e.name} (${e.organisation})` : e.name })));
      const button = el("button", { type: "button", class: "button-secondary", text: message(this.root, "assign") });
      button.addEventListener("click", () => select.value && this.act(base, "POST", { expert_id: Number(select.value) }));
      parts.push(el("p", {}, [select, " ", button]));
    }
    return el("section", {}, parts);
  }

  table(evaluation) {
    const result = evaluation.result;
    if (!result || !result.reviews) return el("p", { text: message(this.root, "no-result") });
    const head = el("tr", {}, ["criterion", "scores", "mean", "spread"].map((name) => el("th", { scope: "col", text: message(this.root, name) })));
    const rows = result.criteria.map((c) =>
      el("tr", { class: c.disagreement ? "disagreement" : "" }, [
        el("th", { scope: "row", text: c.title }),
        el("td", { text: c.scores.join(", ") }),
        el("td", { text: c.mean === null ? "—" : String(c.mean) }),
        el("td", { text: c.spread === null ? "—" : `${c.spread}${c.disagreement ? " ⚠ " + message(this.root, "disagreement") : ""}` }),
      ]),
    );
    const total = result.total === null ? "—" : message(this.root, "total", { total: result.total, max: result.max_total, percent: `${Math.round(result.share * 100)} %` });
    const notes = evaluation.reviews.filter((r) => r.private_note).map((r) => el("li", { text: `${r.expert.name}: ${r.private_note}` }));
    return el("div", {}, [
      el("table", { class: "result-table" }, [el("thead", {}, [head]), el("tbody", {}, rows)]),
      el("p", { text: total }),
      notes.length ? el("h4", { text: message(this.root, "notes") }) : null,
      notes.length ? el("ul", {}, notes) : null,
    ]);
  }

  render() {
    const evaluation = this.evaluation;
    const parts = [
      el("h3", { text: evaluation.project.title }),
      el("p", { text: message(this.root, "progress", evaluation.progress) }),
      this.assignments(evaluation),
      el("h4", { text: message(this.root, "result") }),
      this.table(evaluation),
    ];
    if (!evaluation.released) {
      const release = el("button", { type: "button", text: message(this.root, "release") });
      release.addEventListener("click", () => {
        if (window.confirm(message(this.root, "confirm-release"))) this.act(`${this.endpoint}/${evaluation.id}/release`, "POST");
      });
      parts.push(el("p", {}, [release]));
    } else {
      parts.push(el("p", { text: message(this.root, "released") }));
    }
    this.detail.replaceChildren(...parts);
    this.detail.hidden = false;
  }
}

register("evaluations", Evaluations);

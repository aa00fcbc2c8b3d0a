/* My projects (data-widget="projects"): the signed-in person's projects with where each
   stands, the invitations they have to answer (to join a project; for a tutor, the students'
   requests to accompany one), and, for a student, the "start a project" form. The form and its
   choices (the solution bank's vocabularies) are published with the page, the same for
   everyone; the list comes from the API. While a project is open (`?project=<id>`) the
   "project" widget shows it and this list steps aside. */
import { api, el, me, message, register } from "./components.js";

class Projects {
  constructor(root) {
    this.root = root;
    this.endpoint = root.dataset.endpoint;
    this.lang = root.dataset.lang || document.documentElement.lang || "ru";
    this.section = root.closest("[data-projects-section]") || root;
    this.list = root.querySelector("[data-list]");
    this.invitations = root.querySelector("[data-invitations]");
    this.requests = root.querySelector("[data-tutor-requests]");
    this.status = root.querySelector("[data-status]");
    this.form = root.querySelector("form[data-new-project]");
    this.opener = root.querySelector("[data-new-project-open]");
    if (!this.endpoint || new URLSearchParams(window.location.search).has("project")) return;
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.create();
    });
    this.opener.addEventListener("click", () => this.toggleForm());
    this.show();
  }

  say(name, values) {
    return message(this.root, name, values);
  }

  /* Where a project opens: the API's address for it, or this page with its id. */
  projectUrl(project) {
    if (project.url) return project.url;
    return `${window.location.pathname}?project=${encodeURIComponent(project.id)}`;
  }

  async show() {
    this.person = await me(this.root.dataset.me).catch(() => null);
    if (!this.person || !this.person.authenticated) return;
    this.section.hidden = false;
    const roles = this.person.roles || [];
    this.opener.hidden = !roles.includes("student");
    await this.load();
    if (roles.includes("tutor")) this.loadRequests();
  }

  async load() {
    let answer;
    try {
      answer = await api(this.endpoint);
    } catch (error) {
      this.status.textContent = error.message || this.say("failed");
      return;
    }
    const projects = Array.isArray(answer) ? answer : answer.results || [];
    const invited = projects.filter((p) => String(p.my_role || "").startsWith("invited"));
    const mine = projects.filter((p) => !invited.includes(p));
    this.renderInvitations(invited);
    this.list.replaceChildren(...mine.map((project) => this.item(project)));
    this.root.querySelector("[data-none]").hidden = mine.length > 0;
  }

  stageLine(project) {
    const summary = project.stage_summary || project.stages || {};
    const current = summary.current || project.current_stage;
    const parts = [];
    if (current) {
      parts.push(this.say("current-stage", { title: current.title, status: this.say(`status-${current.status}`.replace(/_/g, "-")) }));
    }
    if (summary.total) parts.push(this.say("stages-accepted", { accepted: summary.accepted || 0, total: summary.total }));
    if (summary.overdue) parts.push(this.say("stages-overdue", { count: summary.overdue }));
    return parts.join(" ");
  }

  item(project) {
    const meta = [this.say(`kind-${project.kind}`), this.say(`role-${project.my_role}`.replace(/_/g, "-"))];
    if (project.tutor) meta.push(this.say("tutor", { name: project.tutor.name }));
    else meta.push(this.say("no-tutor"));
    if (project.status && project.status !== "active") meta.push(this.say(`project-${project.status}`));
    const stages = this.stageLine(project);
    return el("li", { class: "project-card", "data-project": project.id }, [
      el("h3", { class: "project-card-title" }, [el("a", { href: this.projectUrl(project), text: project.title })]),
      el("p", { class: "project-card-meta", text: meta.filter(Boolean).join(" · ") }),
      stages ? el("p", { class: "project-card-stage", text: stages }) : null,
    ]);
  }

  renderInvitations(invited) {
    this.invitations.hidden = invited.length === 0;
    const list = this.invitations.querySelector("ul");
    list.replaceChildren(
      ...invited.map((project) => {
        const accept = el("button", { type: "button", text: this.say("accept") });
        const decline = el("button", { type: "button", class: "button-secondary", text: this.say("decline") });
        const label = this.say("invited-to", { title: project.title });
        accept.setAttribute("aria-label", `${this.say("accept")}: ${project.title}`);
        decline.setAttribute("aria-label", `${this.say("decline")}: ${project.title}`);
        accept.addEventListener("click", () => this.answer(project, "accept", [accept, decline]));
        decline.addEventListener("click", () => this.answer(project, "decline", [accept, decline]));
        return el("li", { class: "project-invitation" }, [
          el("p", {}, [label, " ", el("a", { href: this.projectUrl(project), text: this.say("look") })]),
          el("p", { class: "cabinet-actions" }, [accept, decline]),
        ]);
      }),
    );
  }

  async answer(project, answer, buttons) {
    buttons.forEach((button) => (button.disabled = true));
    try {
      await api(`${this.endpoint}/${encodeURIComponent(project.id)}/membership`, { method: "POST", body: { answer } });
      this.status.textContent = this.say(answer === "accept" ? "joined" : "declined-done", { title: project.title });
      await this.load();
    } catch (error) {
      buttons.forEach((button) => (button.disabled = false));
      this.status.textContent = error.message || this.say("failed");
    }
  }

  /* A tutor's pending requests from students: accept to accompany the project, or decline. */
  async loadRequests() {
    const url = `${this.root.dataset.api}tutor-requests`;
    let answer;
    try {
      answer = await api(url);
    } catch (error) {
      return;
    }
    const requests = Array.isArray(answer) ? answer : answer.results || [];
    this.requests.hidden = requests.length === 0;
    this.requests.querySelector("ul").replaceChildren(
      ...requests.map((request) => {
        const project = request.project || {};
        const who = (request.requested_by && request.requested_by.name) || "";
        const accept = el("button", { type: "button", text: this.say("accept"), "aria-label": `${this.say("accept")}: ${project.title}` });
        const decline = el("button", { type: "button", class: "button-secondary", text: this.say("decline"), "aria-label": `${this.say("decline")}: ${project.title}` });
        const answer = async (value) => {
          accept.disabled = decline.disabled = true;
          try {
            await api(`${url}/${encodeURIComponent(request.id)}`, { method: "POST", body: { answer: value } });
            this.status.textContent = this.say(value === "accept" ? "tutoring" : "declined-done", { title: project.title });
            await Promise.all([this.load(), this.loadRequests()]);
          } catch (error) {
            accept.disabled = decline.disabled = false;
            this.status.textContent = error.message || this.say("failed");
          }
        };
        accept.addEventListener("click", () => answer("accept"));
        decline.addEventListener("click", () => answer("decline"));
        return el("li", { class: "project-invitation" }, [
          el("p", { text: this.say("tutor-request", { title: project.title, name: who }) }),
          request.message ? el("blockquote", { class: "project-quote", text: request.message }) : null,
          el("p", { class: "cabinet-actions" }, [accept, decline]),
        ]);
      }),
    );
  }

  toggleForm(open = this.form.hidden) {
    this.form.hidden = !open;
    this.opener.setAttribute("aria-expanded", String(open));
    if (open) this.form.elements.title.focus();
  }

  values() {
    const elements = this.form.elements;
    const number = (value) => (value ? Number(value) : null);
    return {
      title: elements.title.value.trim(),
      kind: elements.kind.value,
      problem: elements.problem.value.trim(),
      goal: elements.goal.value.trim(),
      subject_ids: [...this.form.querySelectorAll("input[name=subject_ids]:checked")].map((box) => Number(box.value)),
      grade_id: number(elements.grade_id.value),
      project_type_id: number(elements.project_type_id.value),
      product_kind: elements.product_kind.value.trim(),
    };
  }

  showErrors(error) {
    let first = null;
    this.form.querySelectorAll("[data-error-for]").forEach((node) => {
      const name = node.dataset.errorFor;
      const messages = error.fields[name] || [];
      node.textContent = messages.join(" ");
      const field = this.form.querySelector(`[name="${name}"]`);
      if (field) {
        if (messages.length) field.setAttribute("aria-invalid", "true");
        else field.removeAttribute("aria-invalid");
      }
      if (messages.length && !first) first = field;
    });
    this.status.textContent = error.message || this.say("failed");
    if (first) first.focus();
  }

  async create() {
    const body = this.values();
    if (!body.title) {
      this.showErrors({ fields: { title: [this.say("title-required")] }, message: this.say("title-required") });
      return;
    }
    const button = this.form.querySelector("button[type=submit]");
    button.disabled = true;
    this.status.textContent = this.say("creating");
    try {
      const project = await api(this.endpoint, { method: "POST", body });
      this.status.textContent = this.say("created", { title: project.title });
      window.location.assign(this.projectUrl(project));
    } catch (error) {
      button.disabled = false;
      this.showErrors(error);
    }
  }
}

register("projects", Projects);

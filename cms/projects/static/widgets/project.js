/* One project's workspace (data-widget="project"), opened by the page's address
   (`?project=<id>`): its fields, its people (tutor, authors, consultants, invitations), its
   stages with status and due date, handing a stage in (text, links, files), the history of
   versions with the tutor's feedback, the tutor's accept / return, comments on the project and
   on each stage, and what happened. What a person may do comes from the project's
   `permissions`; the API decides, the buttons only follow it.

   Every address is the projects endpoint (data-endpoint) plus the project's id; the people
   search is data-people. Nothing of it is in the published page. */
import { api, ApiError, el, me, message, register } from "./components.js";

const TIME_ZONE = "Europe/Moscow";
const OPEN_STAGE = new Set(["not_started", "in_progress", "returned"]);

let fieldCount = 0;

function cookie(name) {
  const found = document.cookie.split("; ").find((part) => part.startsWith(name + "="));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
}

/* A multipart POST (files) with the session cookie and the CSRF token, in the API's error shape. */
async function upload(url, data, token) {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "Accept-Language": document.documentElement.lang || "ru", "X-CSRFToken": token || cookie("csrftoken") },
      body: data,
    });
  } catch (error) {
    throw new ApiError(0, null);
  }
  let body = null;
  try {
    body = await response.json();
  } catch (error) {
    body = null;
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

function rows(answer) {
  return Array.isArray(answer) ? answer : (answer && answer.results) || [];
}

function personOf(item) {
  return (item && (item.person || item.user)) || item || {};
}

class ProjectWorkspace {
  constructor(root) {
    this.root = root;
    this.base = root.dataset.endpoint;
    this.lang = root.dataset.lang || document.documentElement.lang || "ru";
    this.id = new URLSearchParams(window.location.search).get("project");
    if (!this.base || !this.id || !/^\d+$/.test(this.id)) return;
    this.url = `${this.base}/${this.id}`;
    this.section = root.closest("[data-project-section]") || root;
    this.heading = root.querySelector("[data-heading]");
    this.status = root.querySelector("[data-status]");
    this.body = root.querySelector("[data-body]");
    this.pageTitle = document.title;
    this.start();
  }

  say(name, values) {
    return message(this.root, name, values);
  }

  announce(text) {
    this.status.textContent = text;
  }

  when(iso) {
    return iso ? new Date(iso).toLocaleString(this.lang, { timeZone: TIME_ZONE, dateStyle: "medium", timeStyle: "short" }) : "";
  }

  day(date) {
    return date ? new Date(`${date}T00:00:00Z`).toLocaleDateString(this.lang, { timeZone: "UTC", dateStyle: "long" }) : "";
  }

  size(bytes) {
    const units = ["B", "KB", "MB", "GB"];
    let value = Number(bytes) || 0;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return `${new Intl.NumberFormat(this.lang, { maximumFractionDigits: unit ? 1 : 0 }).format(value)} ${units[unit]}`;
  }

  statusLabel(status) {
    return this.say(`status-${String(status).replace(/_/g, "-")}`) || status;
  }

  /* A labelled control with its help text and the place its errors are written. */
  field(label, control, { help = "", name = control.name } = {}) {
    const id = control.id || `project-field-${++fieldCount}`;
    control.id = id;
    const described = [];
    const parts = [el("label", { for: id, text: label }), control];
    if (help) {
      parts.push(el("small", { id: `${id}-help`, text: help }));
      described.push(`${id}-help`);
    }
    parts.push(el("span", { class: "field-error", id: `${id}-error`, "data-error-for": name }));
    described.push(`${id}-error`);
    control.setAttribute("aria-describedby", described.join(" "));
    return el("div", { class: "field" }, parts);
  }

  showErrors(form, error) {
    let first = null;
    form.querySelectorAll("[data-error-for]").forEach((node) => {
      const messages = (error.fields && error.fields[node.dataset.errorFor]) || [];
      node.textContent = messages.join(" ");
      const control = node.parentElement.querySelector("input, textarea, select");
      if (control) {
        if (messages.length) control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
      }
      if (messages.length && !first) first = control;
    });
    this.announce(error.message || this.say("failed"));
    if (first) first.focus();
  }

  /* Run a write, tell the reader what happened, and show the project as it now is. */
  async act(form, call, done) {
    const buttons = form ? [...form.querySelectorAll("button")] : [];
    buttons.forEach((button) => (button.disabled = true));
    this.announce(this.say("saving"));
    try {
      await call();
      await this.load();
      this.announce(done);
      return true;
    } catch (error) {
      buttons.forEach((button) => (button.disabled = false));
      if (form) this.showErrors(form, error);
      else this.announce(error.message || this.say("failed"));
      return false;
    }
  }

  async start() {
    this.person = await me(this.root.dataset.me).catch(() => null);
    if (!this.person || !this.person.authenticated) return;
    this.section.hidden = false;
    this.heading.textContent = this.say("loading");
    const loaded = await this.load();
    /* The opened project's heading takes the focus, so a keyboard or screen reader user starts there. */
    if (loaded) this.heading.focus();
  }

  async load() {
    let project;
    try {
      project = await api(this.url);
    } catch (error) {
      this.heading.textContent = this.say("not-found-title");
      this.body.replaceChildren(el("p", { text: error.status === 404 || error.status === 403 ? this.say("not-found") : error.message || this.say("failed") }));
      this.heading.focus();
      return false;
    }
    this.render(project);
    return true;
  }

  render(project) {
    this.project = project;
    this.can = project.permissions || {};
    this.heading.textContent = project.title;
    document.title = `${project.title} — ${this.pageTitle}`;
    const open = new Set([...this.body.querySelectorAll("details[open][data-keep]")].map((node) => node.dataset.keep));
    this.body.replaceChildren(
      ...[
        this.summary(project),
        this.invitation(project),
        this.about(project),
        this.people(project),
        ...(this.invitedOnly(project) ? [] : [this.stages(project), this.comments(null, "project-comments"), this.activity()]),
      ].filter(Boolean),
    );
    /* Re-rendering after a write keeps open what the reader had open. */
    open.forEach((key) => {
      const node = this.body.querySelector(`details[data-keep="${CSS.escape(key)}"]`);
      if (node) node.open = true;
    });
  }

  /* Someone only invited sees the project's description and people until they accept. */
  invitedOnly(project) {
    return String(project.my_role || "").startsWith("invited");
  }

  section_(key, title, children) {
    const id = `project-${key}`;
    return el("section", { class: "project-part", "aria-labelledby": id }, [el("h3", { id, text: title }), ...children]);
  }

  summary(project) {
    const parts = [this.say(`kind-${project.kind}`)];
    if (project.status && project.status !== "active") parts.push(this.say(`project-${project.status}`));
    if (project.my_role && !this.invitedOnly(project)) parts.push(this.say("you-are", { role: this.say(`role-${project.my_role}`.replace(/_/g, "-")) }));
    return el("p", { class: "project-summary", text: parts.filter(Boolean).join(" · ") });
  }

  myMembership(project) {
    return (project.members || []).find((member) => String(personOf(member).id) === String(this.person.id));
  }

  /* My own invitation to this project: accept or decline; an accepted member may leave. */
  invitation(project) {
    const mine = this.myMembership(project);
    if (!mine) return null;
    const membership = `${this.url}/membership`;
    if (mine.status === "invited") {
      const box = el("div", { class: "project-notice" }, [el("p", { text: this.say(mine.role === "consultant" ? "invited-consultant" : "invited-author") })]);
      const actions = el("p", { class: "cabinet-actions" });
      [
        ["accept", this.say("accept"), ""],
        ["decline", this.say("decline"), "button-secondary"],
      ].forEach(([answer, label, cls]) => {
        const button = el("button", { type: "button", class: cls || null, text: label });
        button.addEventListener("click", () =>
          this.act(box, () => api(membership, { method: "POST", body: { answer } }), this.say(answer === "accept" ? "joined" : "declined-done", { title: project.title })),
        );
        actions.append(button);
      });
      box.append(actions);
      return box;
    }
    if (mine.status === "accepted") {
      const leave = el("button", { type: "button", class: "button-secondary", text: this.say("leave") });
      leave.addEventListener("click", () => {
        if (!window.confirm(this.say("leave-confirm", { title: project.title }))) return;
        this.act(null, () => api(membership, { method: "DELETE" }), this.say("left"));
      });
      return el("p", { class: "project-leave" }, [leave]);
    }
    return null;
  }

  /* The project's fields as the solution bank will show them; authors may edit them. */
  about(project) {
    const list = el("dl", { class: "project-fields" });
    const add = (label, value) => {
      if (!value) return;
      list.append(el("dt", { text: label }), el("dd", { text: value }));
    };
    add(this.say("field-problem"), project.problem);
    add(this.say("field-goal"), project.goal);
    add(this.say("field-result"), project.result);
    add(this.say("field-subjects"), (project.subject_ids || []).map((id) => this.term("subject_ids", id)).filter(Boolean).join(", "));
    add(this.say("field-grade"), this.term("grade_id", project.grade_id));
    add(this.say("field-type"), this.term("project_type_id", project.project_type_id));
    add(this.say("field-product-kind"), project.product_kind);
    if (project.product_url) {
      list.append(el("dt", { text: this.say("field-product-url") }), el("dd", {}, [el("a", { href: project.product_url, rel: "noopener noreferrer", text: project.product_url })]));
    }
    const children = [list];
    if (this.can.change) children.push(this.editForm(project));
    return this.section_("about", this.say("about"), children);
  }

  /* A vocabulary term's name in the page's language: the published start form holds them all. */
  term(field, id) {
    if (id === null || id === undefined) return "";
    const form = document.querySelector("form[data-new-project]");
    const control = form && form.querySelector(`[name="${field}"][value="${CSS.escape(String(id))}"], [name="${field}"] option[value="${CSS.escape(String(id))}"]`);
    if (!control) return "";
    if (control.tagName === "OPTION") return control.textContent.trim();
    const label = form.querySelector(`label[for="${CSS.escape(control.id)}"]`);
    return label ? label.textContent.trim() : "";
  }

  editForm(project) {
    const text = (name, value, multiline = false) => {
      const control = multiline ? el("textarea", { name, rows: "3" }) : el("input", { type: name === "product_url" ? "url" : "text", name });
      control.value = value || "";
      return control;
    };
    const form = el("form", { class: "cabinet-form project-form", novalidate: true }, [
      this.field(this.say("field-title"), text("title", project.title)),
      this.field(this.say("field-problem"), text("problem", project.problem, true)),
      this.field(this.say("field-goal"), text("goal", project.goal, true)),
      this.field(this.say("field-result"), text("result", project.result, true)),
      this.field(this.say("field-product-kind"), text("product_kind", project.product_kind)),
      this.field(this.say("field-product-url"), text("product_url", project.product_url)),
      el("p", {}, [el("button", { type: "submit", text: this.say("save") })]),
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const body = {};
      ["title", "problem", "goal", "result", "product_kind", "product_url"].forEach((name) => (body[name] = form.elements[name].value.trim()));
      this.act(form, () => api(this.url, { method: "PATCH", body }), this.say("saved"));
    });
    return el("details", { class: "project-details", "data-keep": "edit" }, [el("summary", { text: this.say("edit") }), form]);
  }

  people(project) {
    const list = el("ul", { class: "project-people" });
    const tutor = project.tutor;
    list.append(el("li", {}, [el("strong", { text: this.say("role-tutor") + ": " }), tutor ? this.personText(tutor) : this.say("no-tutor")]));
    (project.members || []).forEach((member) => {
      const who = personOf(member);
      const status = member.status && member.status !== "accepted" ? ` (${this.say(`member-${member.status}`)})` : "";
      list.append(el("li", {}, [el("strong", { text: this.say(`role-${member.role}`) + ": " }), this.personText(who), status]));
    });
    const children = [list];
    const pending = project.tutor_request || project.pending_tutor_request;
    if (pending && (!pending.status || pending.status === "pending")) {
      children.push(el("p", { class: "project-notice", text: this.say("tutor-pending", { name: personOf(pending.tutor).name || "" }) }));
    } else if (!tutor && this.can.change) {
      children.push(this.tutorForm());
    }
    if (this.can.invite_author) children.push(this.inviteForm("student", this.say("invite-author"), this.say("invite-author-help")));
    if (this.can.invite_consultant) children.push(this.inviteForm("partner", this.say("invite-consultant"), this.say("invite-consultant-help"), true));
    return this.section_("people", this.say("people"), children);
  }

  personText(person) {
    const who = personOf(person);
    const parts = [who.name || ""];
    /* An address is in the answer only for those allowed to see it. */
    if (who.email) parts.push(" ", el("a", { href: `mailto:${who.email}`, text: who.email }));
    return el("span", {}, parts);
  }

  /* Ask a tutor to accompany the project, chosen from the school's tutors. */
  tutorForm() {
    const select = el("select", { name: "tutor_id", required: true }, [el("option", { value: "", text: this.say("choose") })]);
    const note = el("textarea", { name: "message", rows: "3", maxlength: "2000" });
    const form = el("form", { class: "cabinet-form project-form", novalidate: true }, [
      this.field(this.say("tutor-choose"), select),
      this.field(this.say("tutor-message"), note, { help: this.say("tutor-message-help") }),
      el("p", {}, [el("button", { type: "submit", text: this.say("tutor-send") })]),
    ]);
    const details = el("details", { class: "project-details", "data-keep": "tutor" }, [el("summary", { text: this.say("tutor-request") }), form]);
    let loaded = false;
    details.addEventListener("toggle", async () => {
      if (!details.open || loaded) return;
      loaded = true;
      try {
        const tutors = rows(await api(`${this.root.dataset.people}?role=tutor`));
        select.append(...tutors.map((tutor) => el("option", { value: tutor.id, text: tutor.name })));
      } catch (error) {
        loaded = false;
        this.announce(error.message || this.say("failed"));
      }
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!select.value) {
        this.showErrors(form, { fields: { tutor_id: [this.say("tutor-required")] }, message: this.say("tutor-required") });
        return;
      }
      const body = { tutor_id: Number(select.value), message: note.value.trim() };
      this.act(form, () => api(`${this.url}/tutor-request`, { method: "POST", body }), this.say("tutor-sent"));
    });
    return details;
  }

  /* Find a classmate (or a partner) by name and invite them; a partner may be invited by email. */
  inviteForm(role, title, help, byEmail = false) {
    const query = el("input", { type: "search", name: "q", autocomplete: "off" });
    const results = el("ul", { class: "project-people-found", "aria-live": "polite" });
    const search = el("form", { class: "cabinet-form project-form", role: "search", novalidate: true }, [
      this.field(this.say("search-name"), query, { help }),
      el("p", {}, [el("button", { type: "submit", class: "button-secondary", text: this.say("search") })]),
      results,
    ]);
    const invite = (body, form, name) => this.act(form, () => api(`${this.url}/members`, { method: "POST", body }), this.say("invited", { name }));
    search.addEventListener("submit", async (event) => {
      event.preventDefault();
      const params = new URLSearchParams({ role, q: query.value.trim() });
      try {
        const people = rows(await api(`${this.root.dataset.people}?${params}`));
        results.replaceChildren(
          ...people.map((person) => {
            const button = el("button", { type: "button", text: this.say("invite"), "aria-label": this.say("invite-name", { name: person.name }) });
            button.addEventListener("click", () => invite({ person_id: person.id }, search, person.name));
            return el("li", {}, [el("span", { text: person.name }), " ", button]);
          }),
        );
        if (!people.length) results.replaceChildren(el("li", { text: this.say("nobody-found") }));
      } catch (error) {
        this.showErrors(search, error);
      }
    });
    const children = [el("summary", { text: title }), search];
    if (byEmail) {
      const email = el("input", { type: "email", name: "email", autocomplete: "off" });
      const form = el("form", { class: "cabinet-form project-form", novalidate: true }, [
        this.field(this.say("consultant-email"), email),
        el("p", {}, [el("button", { type: "submit", text: this.say("invite") })]),
      ]);
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        invite({ email: email.value.trim() }, form, email.value.trim());
      });
      children.push(form);
    }
    return el("details", { class: "project-details", "data-keep": `invite-${role}` }, children);
  }

  stages(project) {
    const list = el("ol", { class: "project-stages" }, (project.stages || []).map((stage) => this.stage(stage)));
    return this.section_("stages", this.say("stages"), [list]);
  }

  stage(stage) {
    const headingId = `stage-${stage.id}-title`;
    const badge = el("span", { class: `project-badge project-badge--${stage.status}`, text: this.statusLabel(stage.status) });
    const due = [];
    if (stage.due_date) due.push(this.say("due", { date: this.day(stage.due_date) }));
    if (stage.overdue) due.push(this.say("overdue"));
    const children = [
      el("div", { class: "project-stage-head" }, [el("h4", { id: headingId, tabindex: "-1", text: `${stage.position}. ${stage.title}` }), badge]),
      due.length ? el("p", { class: stage.overdue ? "project-due project-due--overdue" : "project-due", text: due.join(" ") }) : null,
      stage.description ? el("p", { class: "project-stage-description", text: stage.description }) : null,
    ];
    /* The tutor's answer comes with the stage; it belongs to the latest version. */
    const latest = stage.latest_submission ? { decision: stage.decision, ...stage.latest_submission } : null;
    if (latest) children.push(this.submission(latest, this.say("latest", { version: latest.version })));
    if (this.can.submit && OPEN_STAGE.has(stage.status)) children.push(this.submitForm(stage));
    if (this.can.decide && stage.status === "submitted") children.push(this.decisionForm(stage));
    if (latest) children.push(this.history(stage));
    children.push(this.stageComments(stage));
    return el("li", { class: `project-stage project-stage--${stage.status}`, id: `stage-${stage.id}`, "aria-labelledby": headingId }, children);
  }

  /* One handed-in version: who and when, the text, links and files, and the tutor's answer. */
  submission(item, title) {
    const author = personOf(item.author).name || "";
    const parts = [el("p", { class: "project-version-meta" }, [el("strong", { text: title }), ` ${[author, this.when(item.submitted_at)].filter(Boolean).join(", ")}`])];
    if (item.text) parts.push(el("p", { class: "project-text", text: item.text }));
    if ((item.links || []).length) {
      parts.push(el("ul", { class: "project-links" }, item.links.map((link) => el("li", {}, [el("a", { href: link, rel: "noopener noreferrer", text: link })]))));
    }
    if ((item.files || []).length) {
      parts.push(
        el(
          "ul",
          { class: "project-files" },
          item.files.map((file) => el("li", {}, [el("a", { href: file.url, download: file.name, text: file.name }), ` (${this.size(file.size)})`])),
        ),
      );
    }
    const decision = item.decision;
    if (decision) {
      const by = [personOf(decision.by || decision.decided_by).name, this.when(decision.at || decision.decided_at)].filter(Boolean).join(", ");
      parts.push(
        el("div", { class: decision.accepted ? "project-decision project-decision--accepted" : "project-decision project-decision--returned" }, [
          el("p", {}, [el("strong", { text: this.say(decision.accepted ? "decision-accepted" : "decision-returned") }), by ? ` ${by}` : ""]),
          decision.feedback ? el("p", { class: "project-text", text: decision.feedback }) : null,
        ]),
      );
    }
    return el("div", { class: "project-version" }, parts);
  }

  submitForm(stage) {
    const text = el("textarea", { name: "text", rows: "5" });
    const links = el("textarea", { name: "links", rows: "2", inputmode: "url" });
    const files = el("input", { type: "file", name: "files", multiple: true });
    const form = el("form", { class: "cabinet-form project-form", novalidate: true }, [
      this.field(this.say("submit-text"), text),
      this.field(this.say("submit-links"), links, { help: this.say("submit-links-help") }),
      this.field(this.say("submit-files"), files, { help: this.say("submit-files-help") }),
      el("p", {}, [el("button", { type: "submit", text: this.say("submit") })]),
    ]);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = new FormData();
      data.append("text", text.value.trim());
      links.value
        .split(/\s+/)
        .filter(Boolean)
        .forEach((link) => data.append("links", link));
      [...files.files].forEach((file) => data.append("files", file));
      if (!text.value.trim() && !links.value.trim() && !files.files.length) {
        this.showErrors(form, { fields: { text: [this.say("submit-empty")] }, message: this.say("submit-empty") });
        return;
      }
      const done = await this.act(form, () => upload(`${this.url}/stages/${stage.id}/submissions`, data, this.person.csrf_token), this.say("submitted", { title: stage.title }));
      if (done) this.focusStage(stage);
    });
    const title = stage.status === "returned" ? this.say("resubmit") : this.say("submit-stage");
    return el("details", { class: "project-details", "data-keep": `submit-${stage.id}` }, [el("summary", { text: title }), form]);
  }

  /* The tutor accepts the stage or returns it; returning needs written feedback. */
  decisionForm(stage) {
    const feedback = el("textarea", { name: "feedback", rows: "4" });
    const accept = el("button", { type: "submit", value: "accept", text: this.say("accept-stage") });
    const back = el("button", { type: "submit", value: "return", class: "button-secondary", text: this.say("return-stage") });
    const form = el("form", { class: "cabinet-form project-form project-decide", novalidate: true }, [
      this.field(this.say("feedback"), feedback, { help: this.say("feedback-help") }),
      el("p", { class: "cabinet-actions" }, [accept, back]),
    ]);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const accepted = !(event.submitter && event.submitter.value === "return");
      const body = { accepted, feedback: feedback.value.trim() };
      if (!accepted && !body.feedback) {
        this.showErrors(form, { fields: { feedback: [this.say("feedback-required")] }, message: this.say("feedback-required") });
        return;
      }
      const done = await this.act(form, () => api(`${this.url}/stages/${stage.id}/decision`, { method: "POST", body }), this.say(accepted ? "stage-accepted" : "stage-returned", { title: stage.title }));
      if (done) this.focusStage(stage);
    });
    return el("div", { class: "project-decision-form" }, [el("h5", { text: this.say("decide") }), form]);
  }

  focusStage(stage) {
    const heading = this.body.querySelector(`#stage-${stage.id}-title`);
    if (heading) heading.focus();
  }

  /* Every version of the stage, newest first, loaded when opened. */
  history(stage) {
    const list = el("ol", { class: "project-history", reversed: true });
    const details = el("details", { class: "project-details", "data-keep": `history-${stage.id}` }, [el("summary", { text: this.say("history") }), list]);
    const fill = async () => {
      try {
        const answer = await api(`${this.url}/stages/${stage.id}`);
        const versions = rows(answer.submissions || answer.versions || answer).slice().sort((a, b) => b.version - a.version);
        list.replaceChildren(...versions.map((version) => el("li", {}, [this.submission(version, this.say("version", { version: version.version }))])));
      } catch (error) {
        list.replaceChildren(el("li", { text: error.message || this.say("failed") }));
      }
    };
    details.addEventListener("toggle", () => details.open && fill());
    return details;
  }

  stageComments(stage) {
    const details = el("details", { class: "project-details", "data-keep": `comments-${stage.id}` }, [el("summary", { text: this.say("stage-comments") })]);
    const part = this.comments(stage, `stage-${stage.id}-comments`, false);
    details.append(part);
    details.addEventListener("toggle", () => details.open && part.load());
    return details;
  }

  /* Comments on the project (stage null) or on one stage; everyone of the project reads them. */
  comments(stage, key, loadNow = true) {
    const list = el("ol", { class: "project-comments" });
    const children = [list];
    const query = stage ? `?stage=${encodeURIComponent(stage.id)}` : "";
    const load = async () => {
      try {
        const items = rows(await api(`${this.url}/comments${query}`)).filter((c) => stage || !(c.stage_id || c.stage));
        list.replaceChildren(
          ...items.map((comment) =>
            el("li", { class: "project-comment" }, [
              el("p", { class: "project-version-meta", text: [personOf(comment.author).name, this.when(comment.created_at || comment.at)].filter(Boolean).join(", ") }),
              el("p", { class: "project-text", text: comment.body || comment.text || "" }),
            ]),
          ),
        );
        if (!items.length) list.replaceChildren(el("li", { class: "project-empty", text: this.say("no-comments") }));
      } catch (error) {
        list.replaceChildren(el("li", { text: error.message || this.say("failed") }));
      }
    };
    if (this.can.comment) {
      const text = el("textarea", { name: "body", rows: "3", required: true });
      const form = el("form", { class: "cabinet-form project-form", novalidate: true }, [
        this.field(this.say(stage ? "comment-stage" : "comment"), text, { help: this.say("comment-help") }),
        el("p", {}, [el("button", { type: "submit", text: this.say("send") })]),
      ]);
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const body = { body: text.value.trim() };
        if (!body.body) {
          this.showErrors(form, { fields: { body: [this.say("comment-required")] }, message: this.say("comment-required") });
          return;
        }
        if (stage) body.stage = stage.id;
        const button = form.querySelector("button");
        button.disabled = true;
        try {
          await api(`${this.url}/comments`, { method: "POST", body });
          text.value = "";
          this.showErrors(form, { fields: {}, message: this.say("commented") });
          await load();
        } catch (error) {
          this.showErrors(form, error);
        } finally {
          button.disabled = false;
        }
      });
      children.push(form);
    }
    if (loadNow) load();
    if (!stage) return this.section_("comments", this.say("comments"), children);
    const part = el("div", { class: "project-stage-comments", "data-comments": key }, children);
    part.load = load;
    return part;
  }

  activity() {
    const list = el("ol", { class: "project-activity" });
    const details = el("details", { class: "project-details", "data-keep": "activity" }, [el("summary", { text: this.say("activity-show") }), list]);
    details.addEventListener("toggle", async () => {
      if (!details.open) return;
      try {
        const items = rows(await api(`${this.url}/activity`));
        list.replaceChildren(
          ...items.map((item) => {
            const who = personOf(item.actor).name;
            const what = item.verb_label || item.verb || "";
            const found = (this.project.stages || []).find((s) => s.id === item.stage_id);
            const stage = found ? found.title : "";
            return el("li", {}, [
              el("span", { class: "project-version-meta", text: this.when(item.at || item.created_at) }),
              " ",
              [who, what, stage ? `«${stage}»` : ""].filter(Boolean).join(" "),
            ]);
          }),
        );
        if (!items.length) list.replaceChildren(el("li", { class: "project-empty", text: this.say("no-activity") }));
      } catch (error) {
        list.replaceChildren(el("li", { text: error.message || this.say("failed") }));
      }
    });
    return this.section_("activity", this.say("activity"), [details]);
  }
}

register("project", ProjectWorkspace);

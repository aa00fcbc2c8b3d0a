/* The project dashboards of the cabinet's workspace.
   data-widget="tutor-dashboard": what waits for the tutor (submitted stages first, then overdue
   ones, then requests to accompany a project), each linking to the project.
   data-widget="school-dashboard": projects of the school or a class by current stage and its
   status, overdue stages per class, and the CSV download of the same view. */
import { api, el, message, personServed, register } from "./components.js";

const STATUSES = ["not_started", "in_progress", "submitted", "returned", "accepted"];

function projectUrl(lang, id) {
  return `/${lang}/cabinet/projects/?project=${encodeURIComponent(id)}`;
}

/* A due date (YYYY-MM-DD) as the reader's language writes it: "30 ноября 2026 г." */
function dateText(lang, iso) {
  return iso ? new Date(`${iso}T00:00:00Z`).toLocaleDateString(lang, { timeZone: "UTC", dateStyle: "long" }) : "";
}

function statusKey(status) {
  return status.replace(/_/g, "-");
}

class TutorDashboard {
  constructor(root) {
    this.root = root;
    this.queue = root.querySelector("[data-queue]");
    this.totals = root.querySelector("[data-totals]");
    this.status = root.querySelector("[data-status]");
    this.show();
  }

  async show() {
    if (!(await personServed(this.root))) return;
    let data;
    try {
      data = await api(this.root.dataset.endpoint);
    } catch (error) {
      // Not a tutor: the section stays as the cabinet left it (hidden for other roles).
      if (error.status === 403 || error.status === 401) return;
      this.status.textContent = error.message || message(this.root, "failed");
      return;
    }
    const lang = this.root.dataset.lang;
    const items = [];
    data.projects.forEach((project) => {
      project.waiting.forEach((stage) =>
        items.push(this.item(lang, project, message(this.root, "waiting", { title: stage.title }), "waiting")),
      );
    });
    data.projects.forEach((project) => {
      project.overdue.forEach((stage) =>
        items.push(this.item(lang, project, message(this.root, "overdue", { title: stage.title, date: dateText(lang, stage.due_date) }), "overdue")),
      );
    });
    data.tutor_requests.forEach((request) =>
      items.push(this.item(lang, request.project, message(this.root, "request", { title: request.project.title }), "request")),
    );
    this.totals.textContent = message(this.root, "totals", data.totals);
    this.queue.replaceChildren(...items);
    this.status.textContent = items.length ? "" : message(this.root, "none");
  }

  item(lang, project, text, kind) {
    const authors = (project.authors || []).map((author) => author.name).join(", ");
    return el("li", { class: `project-queue-item project-queue-item--${kind}` }, [
      el("a", { href: projectUrl(lang, project.id), text: project.title }),
      authors ? el("span", { class: "project-queue-authors", text: ` — ${authors}` }) : null,
      el("div", { class: "project-queue-what", text }),
    ]);
  }
}

class SchoolDashboard {
  constructor(root) {
    this.root = root;
    this.form = root.querySelector("[data-filter]");
    this.select = root.querySelector("[data-class-choice]");
    this.csv = root.querySelector("[data-csv]");
    this.tables = root.querySelector("[data-tables]");
    this.status = root.querySelector("[data-status]");
    this.csvBase = this.csv.getAttribute("href").split("?")[0];
    this.select.addEventListener("change", () => this.show(this.select.value));
    this.form.addEventListener("submit", (event) => event.preventDefault());
    personServed(this.root).then((person) => person && this.show(""));
  }

  async show(schoolClass) {
    const query = schoolClass ? `?school_class=${encodeURIComponent(schoolClass)}` : "";
    let data;
    try {
      data = await api(this.root.dataset.endpoint + query);
    } catch (error) {
      if (error.status === 403 || error.status === 401) return;
      this.status.textContent = error.message || message(this.root, "failed");
      return;
    }
    this.fillClasses(data, schoolClass);
    const csvQuery = schoolClass ? `&school_class=${encodeURIComponent(schoolClass)}` : "";
    this.csv.setAttribute("href", `${this.csvBase}?format=csv${csvQuery}`);
    this.tables.replaceChildren(this.stageTable(data), this.classTable(data));
    this.form.hidden = false;
    this.status.textContent = "";
  }

  fillClasses(data, chosen) {
    if (this.select.options.length) return;
    this.select.replaceChildren(
      el("option", { value: "", text: message(this.root, "all") }),
      ...data.classes.map((c) => el("option", { value: String(c.id), text: c.name, selected: String(c.id) === chosen })),
    );
  }

  header(first) {
    return el("thead", {}, [
      el("tr", {}, [
        el("th", { scope: "col", text: first }),
        ...STATUSES.map((s) => el("th", { scope: "col", text: message(this.root, statusKey(s)) })),
      ]),
    ]);
  }

  stageTable(data) {
    const rows = data.by_stage.map((row) =>
      el("tr", {}, [
        el("th", { scope: "row", text: `${row.position}. ${row.title}` }),
        ...STATUSES.map((s) => el("td", { text: String(row.counts[s]) })),
      ]),
    );
    return el("table", { class: "dashboard-table" }, [this.header(message(this.root, "stage")), el("tbody", {}, rows)]);
  }

  classTable(data) {
    const head = el("thead", {}, [
      el("tr", {}, [
        el("th", { scope: "col", text: message(this.root, "class") }),
        el("th", { scope: "col", text: message(this.root, "projects") }),
        ...STATUSES.map((s) => el("th", { scope: "col", text: message(this.root, statusKey(s)) })),
        el("th", { scope: "col", text: message(this.root, "overdue") }),
      ]),
    ]);
    const rows = data.per_class.map((row) =>
      el("tr", {}, [
        el("th", { scope: "row", text: row.name || message(this.root, "no-class") }),
        el("td", { text: String(row.projects) }),
        ...STATUSES.map((s) => el("td", { text: String(row.counts[s]) })),
        el("td", { text: String(row.overdue_stages) }),
      ]),
    );
    return el("table", { class: "dashboard-table" }, [head, el("tbody", {}, rows)]);
  }
}

register("tutor-dashboard", TutorDashboard);
register("school-dashboard", SchoolDashboard);

/* A teacher's way through a course (data-widget="course-progress"), on the course page and on
   each module page: enrol, mark the module done ("Модуль пройден"), the progress bar, the
   certificate once every module is done; the coordinator also sees the cohort and its CSV.

   data-endpoint is the course's progress address; data-module (module pages) is the module's
   id. The static page is the same for everyone: all of this is fetched per person. */
import { api, el, message, personServed, register } from "./components.js";

class CourseProgress {
  constructor(root) {
    this.root = root;
    this.endpoint = root.dataset.endpoint;
    this.module = root.dataset.module ? Number(root.dataset.module) : null;
    this.body = root.querySelector("[data-course-body]");
    this.status = root.querySelector("[data-status]");
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

  async act(url, method, done) {
    this.say(message(this.root, "saving"));
    try {
      this.render(await api(url, { method }));
      this.say(done);
    } catch (error) {
      this.say(error.message || message(this.root, "failed"));
    }
  }

  render(state) {
    this.state = state;
    const parts = [];
    if (!state.enrolled) {
      if (state.may_enrol) {
        const button = el("button", { type: "button", class: "button", text: message(this.root, "enrol") });
        button.addEventListener("click", () => this.act(`${this.endpoint}/enrolment`, "POST", message(this.root, "enrolled")));
        parts.push(el("p", {}, [button]));
      } else if (!state.coordinator) {
        parts.push(el("p", { text: message(this.root, "teachers-only") }));
      }
    } else {
      parts.push(this.progressBar(state));
      if (this.module !== null) parts.push(this.moduleToggle(state));
      else parts.push(this.moduleList(state));
      if (state.certificate_url) {
        parts.push(el("p", { class: "course-certificate" }, [
          el("a", { class: "button", href: state.certificate_url, download: true, text: message(this.root, "certificate") }),
        ]));
      }
    }
    if (state.coordinator && state.cohort_url) parts.push(this.cohort(state));
    this.body.replaceChildren(...parts);
    this.root.hidden = false;
  }

  progressBar(state) {
    const text = message(this.root, "progress", { done: state.done, total: state.total });
    return el("div", { class: "course-progress-bar" }, [
      el("progress", { max: String(state.total || 1), value: String(state.done), "aria-label": text }),
      el("p", { text: state.completed_at ? `${text} ${message(this.root, "completed")}` : text }),
    ]);
  }

  moduleToggle(state) {
    const module = state.modules.find((m) => m.id === this.module);
    if (!module) return null;
    const id = `course-module-done-${module.id}`;
    const box = el("input", { type: "checkbox", id, checked: module.done });
    box.addEventListener("change", () => {
      const url = `${this.endpoint}/modules/${module.id}/completion`;
      this.act(url, box.checked ? "PUT" : "DELETE", message(this.root, box.checked ? "marked" : "unmarked"));
    });
    return el("p", { class: "course-module-done" }, [box, " ", el("label", { for: id, text: message(this.root, "module-done") })]);
  }

  moduleList(state) {
    return el("ol", { class: "course-progress-modules" }, state.modules.map((module) =>
      el("li", { class: module.done ? "is-done" : "" }, [
        module.title,
        " — ",
        message(this.root, module.done ? "done" : "not-done"),
      ]),
    ));
  }

  cohort(state) {
    const box = el("div", { class: "course-cohort" }, [
      el("h3", { text: message(this.root, "cohort") }),
      el("p", {}, [el("a", { href: `${state.cohort_url}?format=csv`, download: true, text: message(this.root, "csv") })]),
    ]);
    api(state.cohort_url).then((cohort) => {
      if (!cohort.teachers.length) {
        box.append(el("p", { text: message(this.root, "cohort-empty") }));
        return;
      }
      const head = el("tr", {}, ["name", "done", "last", "finished"].map((key) =>
        el("th", { scope: "col", text: message(this.root, `column-${key}`) })));
      const rows = cohort.teachers.map((row) => el("tr", {}, [
        el("th", { scope: "row", text: row.teacher.name }),
        el("td", { text: `${row.done} / ${row.total}` }),
        el("td", { text: new Date(row.last_activity).toLocaleString(this.root.dataset.lang, { timeZone: "Europe/Moscow" }) }),
        el("td", { text: row.completed_at ? message(this.root, "yes") : "" }),
      ]));
      box.append(el("table", { class: "course-cohort-table" }, [el("thead", {}, [head]), el("tbody", {}, rows)]));
    }).catch((error) => box.append(el("p", { text: error.message || message(this.root, "failed") })));
    return box;
  }
}

register("course-progress", CourseProgress);

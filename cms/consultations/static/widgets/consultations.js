/* Consultations (data-widget="consultations"): a teacher, tutor or the psychologist publishes
   consultation hours and, while they run, sees the bookings and the live queue with a "next"
   button; a student or parent picks a host, books a free slot or cancels it, and during the
   hours joins the live queue and sees their place (asked again every few seconds while
   waiting). When called, "enter" asks the meetings API for the join link. Times are shown in
   Europe/Moscow, as the school lives by them. */
import { api, el, me, message, register } from "./components.js";

const ZONE = "Europe/Moscow";
const POLL_MS = 5000;
const HOST_ROLES = ["teacher", "tutor", "psychologist"];
const BOOKER_ROLES = ["student", "parent"];

class Consultations {
  constructor(root) {
    this.root = root;
    this.endpoint = root.dataset.endpoint;
    this.lang = root.dataset.lang || document.documentElement.lang || "ru";
    this.apiRoot = root.dataset.api || "/api/";
    this.status = root.querySelector("[data-status]");
    this.body = root.querySelector("[data-body]");
    this.timer = null;
    if (!this.endpoint) return;
    this.start();
  }

  say(name, values) {
    return message(this.root, name, values);
  }

  tell(text) {
    this.status.textContent = text || "";
  }

  fail(error) {
    this.tell((error && error.message) || this.say("failed"));
  }

  date(iso) {
    return new Date(iso).toLocaleDateString(this.lang, { timeZone: ZONE, day: "numeric", month: "long", weekday: "short" });
  }

  time(iso) {
    return new Date(iso).toLocaleTimeString(this.lang, { timeZone: ZONE, hour: "2-digit", minute: "2-digit" });
  }

  period(hours) {
    return this.say("hours", { date: this.date(hours.starts_at), from: this.time(hours.starts_at), to: this.time(hours.ends_at) });
  }

  async start() {
    this.person = await me(this.root.dataset.me).catch(() => null);
    if (!this.person || !this.person.authenticated) {
      this.body.replaceChildren(el("p", { text: this.say("sign-in") }));
      return;
    }
    const roles = this.person.roles || [];
    this.isHost = roles.some((role) => HOST_ROLES.includes(role));
    this.isBooker = roles.some((role) => BOOKER_ROLES.includes(role));
    this.body.replaceChildren();
    if (!this.isHost && !this.isBooker) {
      this.body.append(el("p", { text: this.say("not-for-you") }));
      return;
    }
    if (this.isHost) {
      this.hostPart = el("div", { class: "consultations-host" });
      this.body.append(this.publishForm(), this.hostPart);
      this.loadMine();
    }
    if (this.isBooker) {
      this.bookerPart = el("div", { class: "consultations-booker" });
      this.body.append(this.bookerPart);
      this.loadHosts();
    }
  }

  /* The host's side. */

  field(label, input) {
    const id = `consultations-${input.name}`;
    input.id = id;
    return el("p", { class: "field" }, [el("label", { for: id, text: label }), input]);
  }

  publishForm() {
    const form = el("form", { class: "cabinet-form consultations-publish", novalidate: true }, [
      el("h3", { text: this.say("publish") }),
      this.field(this.say("date"), el("input", { type: "date", name: "date", required: true })),
      this.field(this.say("from"), el("input", { type: "time", name: "from", required: true, value: "15:00" })),
      this.field(this.say("to"), el("input", { type: "time", name: "to", required: true, value: "16:00" })),
      this.field(this.say("slot"), el("input", { type: "number", name: "slot_minutes", min: "5", max: "120", value: "15" })),
      this.field(this.say("place"), el("input", { type: "text", name: "place", maxlength: "200" })),
      el("p", { class: "cabinet-actions" }, [el("button", { type: "submit", text: this.say("publish") })]),
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.publish(form);
    });
    return form;
  }

  /* A date and a time the host typed, as Moscow time with its offset (no summer time). */
  moscow(date, time) {
    return `${date}T${time}:00+03:00`;
  }

  async publish(form) {
    const data = new FormData(form);
    try {
      await api(this.endpoint, {
        method: "POST",
        body: {
          starts_at: this.moscow(data.get("date"), data.get("from")),
          ends_at: this.moscow(data.get("date"), data.get("to")),
          slot_minutes: Number(data.get("slot_minutes") || 15),
          place: data.get("place") || "",
        },
      });
    } catch (error) {
      this.fail(error);
      return;
    }
    this.tell(this.say("published"));
    form.reset();
    this.loadMine();
  }

  async loadMine() {
    let hours;
    try {
      hours = await api(this.endpoint);
    } catch (error) {
      this.fail(error);
      return;
    }
    const mine = hours.filter((h) => h.permissions.change);
    const list = el("ul", { class: "consultations-list" }, mine.map((h) => this.hostHours(h)));
    this.hostPart.replaceChildren(
      el("h3", { text: this.say("my-hours") }),
      mine.length ? list : el("p", { text: this.say("no-hours") }),
    );
  }

  hostHours(hours) {
    const slots = el("ul", { class: "consultations-slots" }, hours.slots.map((slot) => el("li", {
      text: `${this.time(slot.starts_at)} — ${slot.booking ? this.say("booked-by", { name: slot.booking.student.name }) : this.say("free")}`,
    })));
    const queue = el("ol", { class: "consultations-queue" }, hours.queue.entries.map((entry) => el("li", {
      text: `${entry.person.name} (${this.say(entry.status)})`,
    })));
    const next = el("button", { type: "button", text: this.say("next") });
    next.addEventListener("click", () => this.takeNext(hours, next));
    const remove = el("button", { type: "button", class: "button-secondary", text: this.say("delete") });
    remove.addEventListener("click", () => this.remove(hours));
    const parts = [
      el("h4", { text: this.period(hours) }),
      hours.place ? el("p", { text: this.say("place-label", { place: hours.place }) }) : null,
      slots,
    ];
    if (hours.running) {
      parts.push(
        el("h5", { text: this.say("queue") }),
        hours.queue.entries.length ? queue : el("p", { text: this.say("queue-empty") }),
        el("p", {}, [next]),
      );
    }
    parts.push(el("p", {}, [remove]));
    return el("li", { class: "consultations-hours" }, parts);
  }

  async takeNext(hours, button) {
    button.disabled = true;
    try {
      const call = await api(`${this.endpoint}/${hours.id}/queue/next`, { method: "POST" });
      this.tell(this.say("next-called", { name: call.person.name }));
    } catch (error) {
      this.fail(error);
    }
    button.disabled = false;
    this.loadMine();
  }

  async remove(hours) {
    if (!window.confirm(this.say("delete-confirm"))) return;
    try {
      await api(`${this.endpoint}/${hours.id}`, { method: "DELETE" });
      this.tell(this.say("deleted"));
    } catch (error) {
      this.fail(error);
    }
    this.loadMine();
  }

  /* The student's or parent's side. */

  async loadHosts() {
    let hosts;
    try {
      hosts = await api(this.root.dataset.hosts);
    } catch (error) {
      this.fail(error);
      return;
    }
    const others = hosts;
    if (!others.length) {
      this.bookerPart.replaceChildren(el("p", { text: this.say("no-hosts") }));
      return;
    }
    const select = el("select", { name: "host" }, [
      el("option", { value: "", text: this.say("choose") }),
      ...others.map((host) => el("option", { value: String(host.id), text: host.name })),
    ]);
    select.addEventListener("change", () => this.showHost(select.value));
    this.hostHoursPart = el("div", { class: "consultations-host-hours" });
    this.bookerPart.replaceChildren(this.field(this.say("choose-host"), select), this.hostHoursPart);
  }

  async showHost(hostId) {
    this.hostId = hostId;
    this.stopPolling();
    if (!hostId) {
      this.hostHoursPart.replaceChildren();
      return;
    }
    let hours;
    try {
      hours = await api(`${this.endpoint}?host=${encodeURIComponent(hostId)}`);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.hostHoursPart.replaceChildren(el("ul", { class: "consultations-list" }, hours.map((h) => this.bookerHours(h))));
    if (hours.some((h) => h.me && h.me.status === "waiting")) this.poll();
  }

  bookerHours(hours) {
    const slots = el("ul", { class: "consultations-slots" }, hours.slots.map((slot) => {
      const item = el("li", {}, [`${this.time(slot.starts_at)} — `]);
      if (slot.mine) {
        const cancel = el("button", { type: "button", class: "button-secondary", text: this.say("cancel") });
        cancel.addEventListener("click", () => this.booking(slot, "DELETE", "cancelled"));
        item.append(this.say("mine"), " ", cancel);
      } else if (slot.taken) {
        item.append(this.say("taken"));
      } else if (hours.permissions.book && new Date(slot.starts_at) > new Date()) {
        const book = el("button", { type: "button", text: this.say("book") });
        book.addEventListener("click", () => this.booking(slot, "POST", "booked"));
        item.append(this.say("free"), " ", book);
      } else {
        item.append(this.say("free"));
      }
      return item;
    }));
    const parts = [
      el("h4", { text: this.period(hours) }),
      hours.place ? el("p", { text: this.say("place-label", { place: hours.place }) }) : null,
      slots,
    ];
    if (hours.running) parts.push(this.queuePart(hours));
    return el("li", { class: "consultations-hours" }, parts);
  }

  queuePart(hours) {
    const part = el("div", { class: "consultations-my-queue" }, [el("h5", { text: this.say("queue") })]);
    const mine = hours.me || {};
    const queueUrl = `${this.endpoint}/${hours.id}/queue`;
    if (mine.status === "called") {
      const enter = el("button", { type: "button", text: this.say("enter") });
      enter.addEventListener("click", () => this.enter(mine.meeting_id));
      part.append(el("p", { text: this.say("your-turn") }), el("p", {}, [enter]));
    } else if (mine.status === "waiting") {
      const leave = el("button", { type: "button", class: "button-secondary", text: this.say("leave-queue") });
      leave.addEventListener("click", () => this.queue(queueUrl, "DELETE"));
      part.append(el("p", { text: this.say("position", { position: mine.position }) }), el("p", {}, [leave]));
    } else if (hours.permissions.queue) {
      const join = el("button", { type: "button", text: this.say("join-queue") });
      join.addEventListener("click", () => this.queue(queueUrl, "POST"));
      part.append(el("p", {}, [join]));
    }
    return part;
  }

  async booking(slot, method, done) {
    const url = `${this.apiRoot}consultations/slots/${slot.id}/booking`;
    try {
      await api(url, { method });
      this.tell(this.say(done, { time: `${this.date(slot.starts_at)} ${this.time(slot.starts_at)}` }));
    } catch (error) {
      this.fail(error);
    }
    this.showHost(this.hostId);
  }

  async queue(url, method) {
    try {
      await api(url, { method });
    } catch (error) {
      this.fail(error);
    }
    this.showHost(this.hostId);
  }

  poll() {
    this.stopPolling();
    this.timer = window.setTimeout(() => this.showHost(this.hostId), POLL_MS);
  }

  stopPolling() {
    if (this.timer) window.clearTimeout(this.timer);
    this.timer = null;
  }

  async enter(meetingId) {
    try {
      const answer = await api(`${this.apiRoot}meetings/${meetingId}/join`);
      window.open(answer.url, "_blank", "noopener");
    } catch (error) {
      this.fail(error);
    }
  }
}

register("consultations", Consultations);

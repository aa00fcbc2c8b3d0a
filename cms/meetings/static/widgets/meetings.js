/* My meetings (data-widget="meetings"): the signed-in person's meetings in Moscow time, with
   what each may do there — accept or decline an invitation, ask to enter with a reason, join
   (the link comes from the API only when the meeting is open to them) — and, for the host,
   invitations found by name or class, a whole class or group, guests by email, the lobby with admit and refuse, start (with
   the safety rule's reason when it refuses), move, cancel and the minutes. A guest invited by
   email comes with `#guest=<token>` and sees their invitation only. Every message is spoken
   by an aria-live region. */
import { api, el, me, message, register } from "./components.js";

const MOSCOW = "Europe/Moscow";

class Meetings {
  constructor(root) {
    this.root = root;
    this.endpoint = root.dataset.endpoint;
    this.rooms = root.dataset.rooms;
    this.lang = root.dataset.lang || document.documentElement.lang || "ru";
    if (!this.endpoint) return;
    this.status = el("p", { class: "meetings-status", role: "status", "aria-live": "polite" });
    this.list = el("ul", { class: "meetings-list" });
    const guest = new URLSearchParams(window.location.hash.slice(1)).get("guest");
    if (guest) {
      this.guest(guest);
      return;
    }
    this.start();
  }

  say(name, values) {
    return message(this.root, name, values);
  }

  tell(text) {
    this.status.textContent = text || this.say("failed");
  }

  when(iso, minutes) {
    const text = new Intl.DateTimeFormat(this.lang, {
      timeZone: MOSCOW, dateStyle: "medium", timeStyle: "short",
    }).format(new Date(iso));
    return this.say("when", { when: text, minutes });
  }

  async start() {
    this.person = await me(this.root.dataset.me).catch(() => null);
    if (!this.person || !this.person.authenticated) return;
    this.root.replaceChildren(this.status, this.list);
    await this.load();
    await this.loadRooms();
  }

  async load() {
    try {
      const meetings = await api(this.endpoint);
      this.list.replaceChildren(...meetings.map((meeting) => this.item(meeting)));
      if (!meetings.length) this.list.append(el("li", { text: this.say("none") }));
      const wanted = new URLSearchParams(window.location.search).get("meeting");
      const target = wanted && this.list.querySelector(`[data-meeting="${CSS.escape(wanted)}"]`);
      if (target) target.scrollIntoView();
    } catch (error) {
      this.tell(error.message);
    }
  }

  url(meeting, tail = "") {
    return `${this.endpoint}/${meeting.id}${tail}`;
  }

  button(text, action) {
    const node = el("button", { type: "button", text });
    node.addEventListener("click", async () => {
      node.disabled = true;
      try {
        await action();
      } catch (error) {
        this.tell(error.message);
      } finally {
        node.disabled = false;
      }
    });
    return node;
  }

  field(label, attrs) {
    const id = `meetings-${Math.random().toString(36).slice(2)}`;
    const input = el(attrs.tag || "input", { id, ...attrs, tag: undefined });
    return [el("label", { for: id, text: label }), input];
  }

  item(meeting) {
    const can = meeting.permissions;
    const node = el("li", { class: "meeting", "data-meeting": meeting.id }, [
      el("h3", { text: meeting.title }),
      el("p", { text: `${this.when(meeting.starts_at, meeting.duration_minutes)} · ${this.say("status-" + meeting.status)}` }),
      el("p", { text: this.say("host", { name: meeting.host.name }) }),
      el("p", { text: this.say("my-" + meeting.my_status) }),
    ]);
    const actions = el("p", { class: "meeting-actions" });
    node.append(actions);
    if (["invited", "accepted", "declined"].includes(meeting.my_status) && meeting.status === "scheduled") {
      actions.append(
        this.button(this.say("accept"), () => this.post(meeting, "/answer", { answer: "accept" })),
        this.button(this.say("decline"), () => this.post(meeting, "/answer", { answer: "decline" })),
      );
    }
    if (meeting.can_join) actions.append(this.button(this.say("join"), () => this.join(meeting)));
    if (can.start) actions.append(this.button(this.say("start"), () => this.post(meeting, "/start")));
    if (can.admit && meeting.status === "started") {
      actions.append(this.button(this.say("end"), () => this.post(meeting, "/end")));
    }
    if (can.cancel) {
      actions.append(this.button(this.say("cancel"), async () => {
        if (!window.confirm(this.say("confirm-cancel"))) return;
        await api(this.url(meeting), { method: "DELETE" });
        await this.load();
      }));
    }
    if (meeting.participants.length) {
      node.append(el("h4", { text: this.say("participants") }), el("ul", {}, meeting.participants.map(
        (p) => el("li", { text: [p.name, meeting.my_status === "host" ? this.say("they-" + p.status) : "", p.reason].filter(Boolean).join(" — ") }),
      )));
    }
    if (can.change) node.append(this.moveForm(meeting));
    if (can.admit) node.append(this.inviteForm(meeting), this.lobby(meeting));
    if (can.minutes || meeting.minutes) node.append(this.minutes(meeting));
    return node;
  }

  async post(meeting, tail, body) {
    await api(this.url(meeting, tail), { method: "POST", body: body || {} });
    await this.load();
  }

  async join(meeting) {
    const answer = await api(this.url(meeting, "/join"));
    window.open(answer.url, "_blank", "noopener");
  }

  moveForm(meeting) {
    const [label, input] = this.field(this.say("new-time"), { type: "datetime-local", required: true });
    const form = el("form", { class: "meeting-move" }, [label, input, el("button", { type: "submit", text: this.say("move") })]);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        await api(this.url(meeting), { method: "PATCH", body: { starts_at: `${input.value}:00+03:00` } });
        await this.load();
      } catch (error) {
        this.tell(error.message);
      }
    });
    return form;
  }

  inviteForm(meeting) {
    const box = el("details", { class: "meeting-invite", "data-keep": `invite-${meeting.id}` }, [
      el("summary", { text: this.say("invite") }),
    ]);
    const invite = async (body) => {
      try {
        const answer = await api(this.url(meeting, "/invitations"), { method: "POST", body });
        await this.load();
        this.tell(this.say("invited", { count: answer.invited }));
      } catch (error) {
        this.tell(error.message);
      }
    };
    // By name or class: the host searches, then invites each person found with one button.
    const [nameLabel, name] = this.field(this.say("invite-name"), { type: "search", maxlength: "100" });
    const found = el("ul", { class: "meeting-found", "aria-live": "polite" });
    const search = el("form", { class: "meeting-search" }, [nameLabel, name, el("button", { type: "submit", text: this.say("find") }), found]);
    search.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        const options = await api(`${this.url(meeting, "/invitations")}?q=${encodeURIComponent(name.value)}`);
        found.replaceChildren(...options.people.map((person) => el("li", {}, [
          this.button(this.say("invite-person", { name: person.name }), () => invite({ person_ids: [person.id] })),
        ])));
        if (!options.people.length) found.append(el("li", { text: this.say("nobody-found") }));
      } catch (error) {
        this.tell(error.message);
      }
    });
    box.append(search);
    // A whole class or a group, for the school's adults (the API offers them only to them).
    api(this.url(meeting, "/invitations")).then((options) => {
      const choice = (label, items, key, value, text) => {
        if (!items.length) return;
        const id = `meetings-${key}-${Math.random().toString(36).slice(2)}`;
        const select = el("select", { id }, items.map((item) => el("option", { value: item[value], text: item[text] })));
        box.append(el("p", {}, [
          el("label", { for: id, text: label }), select,
          this.button(this.say("invite"), () => invite({ [key]: [key === "class_ids" ? Number(select.value) : select.value] })),
        ]));
      };
      choice(this.say("invite-class"), options.classes, "class_ids", "id", "name");
      choice(this.say("invite-group"), options.roles, "roles", "value", "label");
    }).catch(() => {});
    // Guests from outside, by address: they get a link of their own.
    const [mailLabel, mails] = this.field(this.say("invite-emails"), { type: "text" });
    const guests = el("form", { class: "meeting-guests" }, [mailLabel, mails, el("button", { type: "submit", text: this.say("invite") })]);
    guests.addEventListener("submit", async (event) => {
      event.preventDefault();
      await invite({ emails: mails.value.split(",").map((part) => part.trim()).filter(Boolean) });
    });
    box.append(guests);
    return box;
  }

  lobby(meeting) {
    const box = el("div", { class: "meeting-lobby" }, [el("h4", { text: this.say("lobby") })]);
    const list = el("ul", { "aria-live": "polite" });
    box.append(list);
    api(this.url(meeting, "/lobby")).then((waiting) => {
      if (!waiting.length) list.append(el("li", { text: this.say("lobby-empty") }));
      waiting.forEach((entry) => {
        list.append(el("li", {}, [
          `${entry.name}${entry.reason ? " — " + entry.reason : ""} `,
          this.button(this.say("admit"), () => this.post(meeting, `/participants/${entry.id}`, { answer: "admit" })),
          this.button(this.say("refuse"), () => this.post(meeting, `/participants/${entry.id}`, { answer: "refuse" })),
        ]));
      });
    }).catch((error) => this.tell(error.message));
    return box;
  }

  minutes(meeting) {
    const [label, area] = this.field(this.say("minutes"), { tag: "textarea", rows: "5" });
    area.value = meeting.minutes || "";
    const box = el("div", { class: "meeting-minutes" }, [label, area]);
    if (!meeting.permissions.minutes) {
      area.readOnly = true;
      return box;
    }
    box.append(this.button(this.say("save"), async () => {
      await api(this.url(meeting, "/minutes"), { method: "PUT", body: { text: area.value } });
      this.tell(this.say("saved"));
    }));
    if (meeting.permissions.publish_minutes) {
      box.append(this.button(this.say("publish"), async () => {
        await api(this.url(meeting, "/minutes/publish"), { method: "POST", body: {} });
        this.tell(this.say("published"));
      }));
    }
    return box;
  }

  async loadRooms() {
    if (!this.rooms) return;
    let rooms;
    try {
      rooms = await api(this.rooms);
    } catch (error) {
      return;
    }
    const hosting = rooms.filter((room) => room.may_host);
    if (hosting.length) this.root.append(this.createForm(hosting));
    hosting.filter((room) => room.link !== null).forEach((room) => this.root.append(this.linkForm(room)));
    const open = rooms.flatMap((room) => room.meetings.map((meeting) => ({ room, meeting })));
    const mine = new Set([...this.list.querySelectorAll("[data-meeting]")].map((node) => node.dataset.meeting));
    const others = open.filter(({ meeting }) => !mine.has(String(meeting.id)));
    if (!others.length) return;
    const list = el("ul", { class: "meetings-open" });
    others.forEach(({ room, meeting }) => {
      const [label, input] = this.field(this.say("reason"), { type: "text", maxlength: "300" });
      list.append(el("li", {}, [
        `${room.title}: ${meeting.title}, ${this.when(meeting.starts_at, "")} `,
        label, input,
        this.button(this.say("ask"), async () => {
          await api(`${this.endpoint}/${meeting.id}/requests`, { method: "POST", body: { reason: input.value } });
          this.tell(this.say("asked"));
          await this.load();
        }),
      ]));
    });
    this.root.append(el("h3", { text: this.say("rooms") }), list);
  }

  /* The room's own video link (Telemost, Sferum), which its hosts paste once. */
  linkForm(room) {
    const [label, input] = this.field(this.say("room-link", { room: room.title }), { type: "url", placeholder: "https://", value: room.link || "" });
    const form = el("form", { class: "meeting-room-link" }, [label, input, el("button", { type: "submit", text: this.say("save") })]);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        await api(`${this.rooms}/${room.id}`, { method: "PATCH", body: { link: input.value.trim() } });
        this.tell(this.say("saved"));
      } catch (error) {
        this.tell(error.message);
      }
    });
    return form;
  }

  createForm(rooms) {
    const id = `meetings-room-${Math.random().toString(36).slice(2)}`;
    const select = el("select", { id }, rooms.map((room) => el("option", { value: room.id, text: room.title })));
    const [titleLabel, title] = this.field(this.say("title"), { type: "text", required: true, maxlength: "200" });
    const [startLabel, starts] = this.field(this.say("starts"), { type: "datetime-local", required: true });
    const [durationLabel, duration] = this.field(this.say("duration"), { type: "number", min: "5", max: "480", value: "45" });
    const form = el("form", { class: "meeting-new" }, [
      el("h3", { text: this.say("new") }), el("label", { for: id, text: this.say("room") }), select,
      titleLabel, title, startLabel, starts, durationLabel, duration,
      el("button", { type: "submit", text: this.say("create") }),
    ]);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        await api(this.endpoint, { method: "POST", body: {
          room_id: Number(select.value), title: title.value,
          starts_at: `${starts.value}:00+03:00`, duration_minutes: Number(duration.value),
        } });
        form.reset();
        await this.load();
      } catch (error) {
        this.tell(error.message);
      }
    });
    return form;
  }

  async guest(token) {
    const base = `${this.endpoint}/guest/${encodeURIComponent(token)}`;
    const show = async () => {
      try {
        const info = await api(base);
        const actions = el("p", {}, [
          this.button(this.say("accept"), async () => { await api(base, { method: "POST", body: { answer: "accept" } }); await show(); }),
          this.button(this.say("decline"), async () => { await api(base, { method: "POST", body: { answer: "decline" } }); await show(); }),
          this.button(this.say("join"), async () => { const answer = await api(`${base}/join`); window.open(answer.url, "_blank", "noopener"); }),
        ]);
        this.root.replaceChildren(this.status, el("h3", { text: `${this.say("guest")}: ${info.title}` }),
          el("p", { text: `${this.when(info.starts_at, "")} · ${this.say("host", { name: info.host })}` }),
          el("p", { text: this.say("my-" + info.my_status) }), actions);
      } catch (error) {
        this.tell(error.message);
      }
    };
    this.root.replaceChildren(this.status);
    await show();
  }
}

register("meetings", Meetings);

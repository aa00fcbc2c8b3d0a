/* A secret-ballot vote (data-widget="voting", data-ref = the vote's code): the question and
   its options as radio buttons, "Vote", then the receipt code shown once with how to check
   it; a receipt-check form; plain words when one has voted already or is not in the
   electorate; the results once the vote is counted. The widget's words are in the mount
   point's `.voting-words` element, translated when the page was built; the published results
   (if any) stay as they are. */
import { api, el, me, message, register, signInUrl } from "./components.js";

const TIME_ZONE = "Europe/Moscow";

class Voting {
  constructor(root) {
    this.root = root;
    this.endpoint = root.dataset.endpoint;
    this.code = root.dataset.ref;
    this.lang = root.dataset.lang || document.documentElement.lang || "ru";
    /* A vote shown inside another widget (an initiative's) uses the page's words. */
    this.words = root.querySelector(".voting-words") || document.querySelector(".voting-words") || root;
    if (!this.endpoint || !this.code) return;
    this.base = `${this.endpoint.replace(/\/$/, "")}/${encodeURIComponent(this.code)}`;
    this.box = el("div", { class: "voting-widget" });
    this.status = el("p", { class: "voting-status", role: "status", "aria-live": "polite" });
    this.load();
  }

  say(name, values) {
    return message(this.words, name, values);
  }

  when(iso) {
    return new Date(iso).toLocaleString(this.lang, { timeZone: TIME_ZONE, dateStyle: "long", timeStyle: "short" });
  }

  async load() {
    /* `GET /api/me` once per page: it hands the CSRF token every write needs. */
    if (this.words.dataset.me) await me(this.words.dataset.me).catch(() => null);
    let vote;
    try {
      vote = await api(this.base);
    } catch (error) {
      /* A counted vote's results are in the page already: nothing is left to sign in for. */
      const counted = this.root.querySelector("[data-voting-results]");
      if ((error.status === 401 || error.status === 403) && !counted) {
        this.mount([el("p", {}, [el("a", { href: signInUrl(this.lang), text: this.say("sign-in") })])]);
      }
      /* Otherwise the fallback text stays. */
      return;
    }
    this.vote = vote;
    this.render();
  }

  mount(children) {
    const fallback = this.root.querySelector(".widget-fallback");
    if (fallback) fallback.hidden = true;
    this.box.replaceChildren(...children, this.status);
    if (!this.box.isConnected) this.root.append(this.box);
  }

  render() {
    const vote = this.vote;
    const parts = [el("h3", { class: "voting-question", text: vote.question })];
    if (vote.description) parts.push(el("p", { class: "voting-note", text: vote.description }));
    if (vote.state === "counted") {
      if (!this.root.querySelector("[data-voting-results]")) this.showResults();
      this.mount([...parts, this.checkForm()]);
      return;
    }
    if (vote.state === "not_open") {
      parts.push(el("p", { text: this.say("not-open", { date: this.when(vote.opens_at) }) }));
    } else if (vote.state === "closed") {
      parts.push(el("p", { text: this.say("closed") }));
    } else if (!vote.me.in_electorate) {
      parts.push(el("p", { class: "voting-refused", text: this.say("not-in-electorate", { audience: vote.audience }) }));
    } else if (vote.me.voted) {
      parts.push(el("p", { class: "voting-voted", text: this.say("already-voted") }));
    } else {
      parts.push(el("p", { class: "voting-note", text: this.say("open", { date: this.when(vote.closes_at), audience: vote.audience }) }));
      parts.push(this.ballotForm());
    }
    if (vote.state !== "not_open") parts.push(this.checkForm());
    this.mount(parts);
  }

  ballotForm() {
    const name = `voting-${this.code}`;
    const options = this.vote.options.map((option) =>
      el("label", { class: "voting-option" }, [
        el("input", { type: "radio", name, value: String(option.id) }),
        el("span", { text: option.label }),
      ]),
    );
    const button = el("button", { type: "submit", class: "button", text: this.say("vote") });
    const form = el("form", { class: "voting-form" }, [
      el("fieldset", {}, [el("legend", { text: this.vote.question }), ...options]),
      button,
    ]);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const chosen = form.querySelector("input:checked");
      if (!chosen) {
        this.status.textContent = this.say("choose");
        return;
      }
      button.disabled = true;
      this.status.textContent = this.say("voting");
      try {
        const answer = await api(`${this.base}/ballots`, { method: "POST", body: { option_id: Number(chosen.value) } });
        this.status.textContent = "";
        this.showReceipt(answer.receipt);
      } catch (error) {
        button.disabled = false;
        const message = error.message || this.say("error");
        /* Voted meanwhile (another tab), closed, or not in the electorate: show the vote as
           it stands now, with the reason. */
        if (error.status === 403 || error.status === 409) {
          try {
            this.vote = await api(this.base);
            this.render();
          } catch (reloadError) {
            /* Keep the form and the reason. */
          }
        }
        this.status.textContent = message;
      }
    });
    return form;
  }

  showReceipt(receipt) {
    this.vote.me.voted = true;
    const note = el("div", { class: "voting-receipt", "data-receipt": receipt }, [
      el("p", {}, [this.say("receipt", { receipt: "" }), el("span", { class: "voting-receipt-code", text: receipt })]),
      el("p", { text: this.say("receipt-how") }),
    ]);
    this.mount([el("h3", { class: "voting-question", text: this.vote.question }), note, this.checkForm()]);
    note.setAttribute("tabindex", "-1");
    note.focus();
  }

  checkForm() {
    const id = `voting-receipt-${this.code}`;
    const input = el("input", { id, type: "text", autocomplete: "off", spellcheck: "false", required: true, maxlength: "40" });
    const result = el("p", { class: "voting-check-result", role: "status", "aria-live": "polite" });
    const form = el("form", { class: "voting-check" }, [
      el("label", { for: id }, [this.say("check-label"), input]),
      el("button", { type: "submit", class: "button button-secondary", text: this.say("check") }),
    ]);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const code = input.value.replace(/\s+/g, "").toUpperCase();
      if (!code) return;
      try {
        const answer = await api(`${this.base}/receipts/${encodeURIComponent(code)}`);
        result.textContent = this.say(answer.counted ? "counted-yes" : "counted-no");
      } catch (error) {
        result.textContent = error.message || this.say("error");
      }
    });
    return el("section", { class: "voting-check-box" }, [el("h4", { text: this.say("check-title") }), form, result]);
  }

  async showResults() {
    let results;
    try {
      results = await api(`${this.base}/results`);
    } catch (error) {
      return;
    }
    const rows = results.options.map((option) =>
      el("tr", { class: results.winner && results.winner.id === option.id ? "voting-winner" : undefined }, [
        el("th", { scope: "row", text: option.label }),
        el("td", { text: String(option.votes) }),
        el("td", { text: option.percent.toFixed(1) }),
      ]),
    );
    const table = el("table", { class: "voting-table" }, [
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: this.say("option") }), el("th", { scope: "col", text: this.say("votes") }), el("th", { scope: "col", text: "%" })])]),
      el("tbody", {}, rows),
    ]);
    const percent = `${results.quorum_percent}%`;
    const section = el("section", { class: "voting-results", "data-voting-results": "" }, [
      el("h3", { text: this.say("results") }),
      table,
      el("p", { class: "voting-turnout", text: `${this.say("turnout", { turnout: results.turnout, electorate: results.electorate_size })} ${this.say(results.quorum_met ? "quorum-met" : "quorum-not-met", { percent })}` }),
      el("p", { class: "voting-decision", text: results.winner ? this.say("winner", { label: results.winner.label }) : this.say("no-winner") }),
    ]);
    this.root.insertBefore(section, this.box);
  }
}

register("voting", Voting);

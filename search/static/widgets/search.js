/* Search on the static site: the search page (data-widget="search") and the header's search
   box (data-widget="search-box"). Both talk to the JSON API; the page keeps its query in the
   address so results can be shared and the back button works. */
import { register } from "./components.js";

var FILTERS = ["type", "subject", "grade", "tag", "year", "locale"];

function el(name, attrs, children) {
  var node = document.createElement(name);
  Object.keys(attrs || {}).forEach(function (key) {
    if (key === "text") node.textContent = attrs[key];
    else node.setAttribute(key, attrs[key]);
  });
  (children || []).forEach(function (child) {
    if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  });
  return node;
}

/* Highlights arrive as escaped text with <mark> around the matches; keep exactly that. */
function highlight(html) {
  var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
  var out = document.createDocumentFragment();
  doc.body.firstChild.childNodes.forEach(function (node) {
    if (node.nodeType === Node.TEXT_NODE) out.appendChild(document.createTextNode(node.textContent));
    else if (node.nodeName === "MARK") out.appendChild(el("mark", { text: node.textContent }));
    else out.appendChild(document.createTextNode(node.textContent));
  });
  return out;
}

function format(template, values) {
  return template.replace(/\{(\w+)\}/g, function (_, key) {
    return key in values ? values[key] : "";
  });
}

class Search {
  constructor(root) {
    this.root = root;
    this.endpoint = root.dataset.endpoint || "/api/search";
    this.locale = root.dataset.lang || document.documentElement.lang || "";
    this.form = root.querySelector("form");
    this.input = this.form.querySelector("input[name=q]");
    this.status = root.querySelector("[data-search-status]");
    this.results = root.querySelector("[data-search-results]");
    this.facets = root.querySelector("[data-search-facets]");
    this.pager = root.querySelector("[data-search-pager]");
    this.controller = null;
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      var q = this.input.value.trim();
      if (q) this.go({ q: q });
    });
    window.addEventListener("popstate", () => this.load());
    this.load();
  }

  msg(name) {
    return this.root.dataset["msg" + name.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())] || "";
  }

  state() {
    var params = new URLSearchParams(window.location.search);
    var state = { q: (params.get("q") || "").trim(), page: params.get("page") || "" };
    FILTERS.forEach((name) => { if (params.get(name)) state[name] = params.get(name); });
    return state;
  }

  href(state) {
    var params = new URLSearchParams();
    Object.keys(state).forEach((key) => { if (state[key]) params.set(key, state[key]); });
    return window.location.pathname + "?" + params.toString();
  }

  go(state) {
    window.history.pushState(null, "", this.href(state));
    this.load();
  }

  link(state, text, current) {
    var a = el("a", { href: this.href(state), text: text });
    if (current) a.setAttribute("aria-current", "true");
    a.addEventListener("click", (event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      this.go(state);
    });
    return a;
  }

  load() {
    var state = this.state();
    this.input.value = state.q;
    if (!state.q) {
      this.clear();
      return;
    }
    this.fetch(state);
  }

  clear() {
    this.results.replaceChildren();
    this.facets.replaceChildren();
    this.facets.hidden = true;
    this.pager.hidden = true;
    this.status.textContent = "";
  }

  async fetch(state) {
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    var params = new URLSearchParams({ q: state.q, lang: document.documentElement.lang || "" });
    if (!state.locale && this.locale) params.set("locale", this.locale);
    Object.keys(state).forEach((key) => { if (key !== "q" && state[key]) params.set(key, state[key]); });
    this.status.textContent = this.msg("searching");
    this.root.setAttribute("aria-busy", "true");
    var response;
    try {
      response = await fetch(this.endpoint + "?" + params.toString(), {
        headers: { Accept: "application/json" },
        signal: this.controller.signal,
      });
    } catch (error) {
      if (error.name === "AbortError") return;
      return this.fail(this.msg("unreachable"));
    } finally {
      this.root.removeAttribute("aria-busy");
    }
    var data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = null;
    }
    if (!response.ok) {
      /* The API's one error shape: {"error": {"code", "message", "fields"}}, its message in
         the page's language; the page's own words when the answer is not that. */
      var problem = (data && data.error && data.error.message) || "";
      if (response.status === 429) return this.fail(problem || this.msg("too-many"));
      if (response.status === 400) return this.fail(problem || this.msg("nothing"));
      return this.fail(this.msg("unreachable"));
    }
    if (!data) return this.fail(this.msg("unreachable"));
    this.render(state, data);
  }

  fail(message) {
    this.clear();
    this.status.textContent = message;
    this.status.classList.add("search-status--error");
  }

  render(state, data) {
    this.status.classList.remove("search-status--error");
    var status = [data.total ? format(this.msg("found"), { count: data.total }) : this.msg("nothing")];
    this.status.replaceChildren(status[0]);
    (data.notes || []).forEach((note) => this.status.appendChild(el("span", { class: "search-note", text: note })));
    if (data.suggestions && data.suggestions.length) {
      var corrected = Object.assign({}, state, { q: data.suggestions[0], page: "" });
      this.status.appendChild(el("span", { class: "search-suggestion" }, [
        this.msg("did-you-mean") + " ", this.link(corrected, data.suggestions[0]),
      ]));
    }
    this.results.replaceChildren();
    this.results.start = (data.page - 1) * data.page_size + 1;
    data.results.forEach((item) => {
      var snippet = el("p", { class: "search-snippet" });
      if (item.highlights && item.highlights.length) {
        item.highlights.forEach((fragment, index) => {
          if (index) snippet.appendChild(document.createTextNode(" … "));
          snippet.appendChild(highlight(fragment));
        });
      } else {
        snippet.textContent = item.lead;
      }
      this.results.appendChild(el("li", { class: "search-result" }, [
        el("p", { class: "search-type", text: item.type_label }),
        el("h2", {}, [el("a", { href: item.url, hreflang: item.locale, text: item.title })]),
        snippet,
      ]));
    });
    this.renderFacets(state, data.facets);
    this.renderPager(state, data);
  }

  renderFacets(state, facets) {
    this.facets.replaceChildren();
    var any = false;
    FILTERS.forEach((name) => {
      var values = (facets[name] || []).filter((item) => item.count > 0);
      if (name === "locale" && values.length < 2 && !state.locale) return;
      if (!values.length) return;
      any = true;
      var list = el("ul");
      values.forEach((item) => {
        var selected = String(state[name] || "") === String(item.value);
        var next = Object.assign({}, state, { page: "" });
        next[name] = selected ? "" : String(item.value);
        list.appendChild(el("li", {}, [
          this.link(next, item.label + " (" + item.count + ")", selected),
        ]));
      });
      this.facets.appendChild(el("section", {}, [el("h2", { text: this.msg("facet-" + name) }), list]));
    });
    if (FILTERS.some((name) => state[name])) {
      var reset = { q: state.q };
      this.facets.appendChild(el("p", {}, [this.link(reset, this.msg("clear"))]));
      any = true;
    }
    this.facets.hidden = !any;
  }

  renderPager(state, data) {
    this.pager.replaceChildren();
    if (data.pages <= 1) {
      this.pager.hidden = true;
      return;
    }
    if (data.page > 1) {
      this.pager.appendChild(this.link(Object.assign({}, state, { page: String(data.page - 1) }), this.msg("previous")));
    }
    this.pager.appendChild(el("span", { text: format(this.msg("page"), { page: data.page, pages: data.pages }) }));
    if (data.page < data.pages) {
      this.pager.appendChild(this.link(Object.assign({}, state, { page: String(data.page + 1) }), this.msg("next")));
    }
    this.pager.hidden = false;
  }
}

/* The header's box: suggests page titles while typing; Enter opens the search page. */
class SearchBox {
  constructor(form) {
    this.form = form;
    this.input = form.querySelector("input[name=q]");
    this.list = form.querySelector("datalist");
    this.endpoint = form.dataset.endpoint || "/api/search/autocomplete";
    this.locale = form.dataset.lang || document.documentElement.lang || "";
    this.urls = {};
    this.timer = null;
    if (!this.input || !this.list) return;
    this.input.addEventListener("input", () => {
      var title = this.input.value;
      if (this.urls[title]) {
        window.location.href = this.urls[title];
        return;
      }
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.suggest(title.trim()), 200);
    });
  }

  async suggest(text) {
    if (text.length < 2) return;
    try {
      var params = new URLSearchParams({ q: text, locale: this.locale, lang: document.documentElement.lang || "" });
      var response = await fetch(this.endpoint + "?" + params.toString(), { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      var data = await response.json();
      this.urls = {};
      this.list.replaceChildren();
      data.results.forEach((item) => {
        this.urls[item.title] = item.url;
        this.list.appendChild(el("option", { value: item.title }));
      });
    } catch (error) {
      /* Suggestions are a convenience: the form still submits to the search page. */
    }
  }
}

register("search", Search);
register("search-box", SearchBox);

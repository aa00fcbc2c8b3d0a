/* The widget registry of the static site. A mount point is an element with
   data-widget="<kind>", data-endpoint (its API address, resolved when the page was built),
   data-ref, data-lang, data-msg-* (its words, translated by the template) and fallback content
   for readers without JavaScript. Each app's widget module imports `register` from this
   module (by its relative name, which collectstatic rewrites to the hashed one; no example
   import is written here, or this file would name itself and its hash would never settle)
   and registers one class per kind: register("notifications", class { … }).

   data-endpoint is empty while no app answers for the kind, and a kind no module registers
   is never started: either way the fallback content is what the reader sees
   (tests/cms/test_widget_mounts.py checks every published mount point).

   The class is started once for every mount point of its kind. Helpers shared by widgets live
   here too: messages, element building, JSON calls with the API's error shape, and the one
   shared `GET /api/me` of a page. */

const kinds = new Map();

function start(kind, scope) {
  const Component = kinds.get(kind);
  scope.querySelectorAll(`[data-widget="${CSS.escape(kind)}"]`).forEach((node) => {
    if (node.widget) return;
    try {
      node.widget = new Component(node);
      node.dataset.widgetStarted = "";
    } catch (error) {
      /* One broken widget must not stop the others; its fallback content stays. */
      console.error(`widget ${kind}:`, error);
    }
  });
}

function whenReady(callback) {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", callback, { once: true });
  } else {
    callback();
  }
}

/* Bind a class to data-widget="<kind>" and start it on the mount points already there. */
export function register(kind, Component) {
  kinds.set(kind, Component);
  whenReady(() => start(kind, document));
}

/* Start every registered widget inside `root` (content added to the page later). */
export function mount(root = document) {
  kinds.forEach((_, kind) => start(kind, root));
}

/* A word of the widget: data-msg-<name> of its mount point, with {placeholders} filled. */
export function message(root, name, values = {}) {
  const key = "msg" + name.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());
  const template = root.dataset[key] || "";
  return template.replace(/\{(\w+)\}/g, (_, k) => (k in values ? String(values[k]) : ""));
}

/* A new element: el("a", { href: "/", text: "Home", class: "x" }, [children…]). */
export function el(name, attrs = {}, children = []) {
  const node = document.createElement(name);
  Object.entries(attrs).forEach(([key, value]) => {
    if (value === undefined || value === null || value === false) return;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  });
  children.forEach((child) => {
    if (child) node.append(typeof child === "string" ? document.createTextNode(child) : child);
  });
  return node;
}

function cookie(name) {
  const found = document.cookie.split("; ").find((part) => part.startsWith(name + "="));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
}

/* What an API call failed with: the message of the API's error shape, or a widget's own. */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error && body.error.message) || "");
    this.status = status;
    this.code = (body && body.error && body.error.code) || "";
    this.fields = (body && body.error && body.error.fields) || {};
  }
}

let csrf = "";

/* A JSON call to our API with the session cookie; writes carry the CSRF token. */
export async function api(url, { method = "GET", body } = {}) {
  /* Labels the API sends (kinds of notification, error messages) in the page's language. */
  const headers = { Accept: "application/json", "Accept-Language": document.documentElement.lang || "ru" };
  if (method !== "GET") {
    headers["Content-Type"] = "application/json";
    headers["X-CSRFToken"] = csrf || cookie("csrftoken");
  }
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, null);
  }
  let data = null;
  try {
    data = await response.json();
  } catch (error) {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

const people = new Map();

/* Who is signed in: one `GET /api/me` per page, however many widgets ask. */
export function me(endpoint) {
  if (!people.has(endpoint)) {
    people.set(
      endpoint,
      api(endpoint).then((person) => {
        if (person && person.csrf_token) csrf = person.csrf_token;
        return person;
      }),
    );
  }
  return people.get(endpoint);
}

/* The signed-in person when their roles are among those the widget's section serves
   (data-roles of the closest element that has it; none means everyone signed in), else null:
   a widget for tutors does not ask its API on a pupil's page only to be refused. */
export async function personServed(root) {
  const person = await me(root.dataset.me).catch(() => null);
  if (!person || !person.authenticated) return null;
  const holder = root.closest("[data-roles]");
  const roles = holder ? holder.dataset.roles.split(" ").filter(Boolean) : [];
  return roles.length === 0 || roles.some((role) => person.roles.includes(role)) ? person : null;
}

/* Where "sign in" leads: the account pages of the page's language, back to this page after. */
export function signInUrl(lang) {
  const next = window.location.pathname + window.location.search;
  return `/${lang}/accounts/login/?next=${encodeURIComponent(next)}`;
}

window.coworkingWidgets = { register, mount };

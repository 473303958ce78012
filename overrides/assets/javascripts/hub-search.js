/*
 * The hub's search dialog (overrides/partials/search.html), answered by
 * Pagefind (hooks/search.py). This file is all a reader who never searches
 * downloads: Pagefind's script, its index and this dialog's styles are
 * fetched when the dialog first opens.
 *
 * Keys, as in Material: "/", "s" or "f" opens the dialog, Escape closes it
 * and gives focus back; the arrow keys move between the query and results.
 */
(() => {
  "use strict";

  const dialog = document.querySelector(".hub-search");
  const toggle = document.getElementById("__search");
  const settings = document.getElementById("__config");
  if (!dialog || !toggle || !settings) return;

  const form = dialog.querySelector(".md-search__form");
  const input = form.elements.query;
  const output = dialog.querySelector(".md-search__output");
  const filter = dialog.querySelector(".hub-search__filter");
  const hubs = filter.querySelector("select");
  const status = dialog.querySelector(".md-search-result__meta");
  const list = dialog.querySelector(".md-search-result__list");
  const text = dialog.dataset;
  const config = JSON.parse(settings.textContent);
  const translations = config.translations || {};
  // The site's root, from the page's relative base ("..", "../..").
  const root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  const PAGE = 10; // results whose excerpts are fetched at a time

  let pagefind = null; // the promise of Pagefind's loaded module
  let opener = null; // where focus goes back to when the dialog closes
  let results = [];
  let shown = 0;
  let latest = 0; // the newest search; older answers are dropped

  const placeholder = status.textContent;

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  // The checkbox is the dialog's state: the header button, the overlay and
  // the back arrow are labels for it, and Material's styles follow it.
  function opened() {
    output.inert = !toggle.checked;
    if (toggle.checked) {
      if (document.activeElement !== input) {
        opener = document.activeElement;
        input.focus();
      }
      load().then(() => search(), () => {});
    } else if (dialog.contains(document.activeElement)) {
      const back = opener;
      opener = null;
      if (back && back !== document.body && back.isConnected && !dialog.contains(back)) {
        back.focus();
      } else {
        document.activeElement.blur();
      }
    }
  }

  function load() {
    if (pagefind) return pagefind;
    if (text.hubSearch === "preview") {
      pagefind = Promise.reject(new Error("no index in the preview"));
      pagefind.catch(() => {});
      return pagefind;
    }
    status.textContent = text.hubLoading;
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("assets/stylesheets/hub-search.css", root).href;
    document.head.append(style);
    pagefind = import(new URL("pagefind/pagefind.js", root).href).then(async (api) => {
      await api.options({ baseUrl: root.pathname, excerptLength: 24 });
      await api.init();
      const values = Object.keys((await api.filters()).hub || {}).sort((a, b) => a.localeCompare(b));
      for (const value of values) hubs.add(new Option(value, value));
      filter.hidden = values.length === 0;
      status.textContent = placeholder;
      return api;
    });
    pagefind.catch(() => {
      status.textContent = text.hubFailed;
    });
    return pagefind;
  }

  async function search() {
    const ticket = ++latest;
    const query = input.value.trim();
    const hub = hubs.value;
    let api;
    try {
      api = await load();
    } catch {
      return; // the status says why
    }
    if (!query && !hub) {
      if (ticket === latest) show([], placeholder);
      return;
    }
    const found = await api.debouncedSearch(query || null, hub ? { filters: { hub } } : {}, 120);
    if (found === null || ticket !== latest) return;
    const count = found.results.length;
    const said =
      count === 0
        ? translations["search.result.none"]
        : count === 1
          ? translations["search.result.one"]
          : translations["search.result.other"].replace("#", count);
    show(found.results, said);
    await more(ticket);
  }

  function show(found, said) {
    results = found;
    shown = 0;
    list.replaceChildren();
    status.textContent = said;
  }

  async function more(ticket) {
    const batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    const pages = await Promise.all(batch.map((result) => result.data()));
    if (ticket !== latest) return null;
    list.querySelector(".hub-search__more")?.remove();
    const items = pages.map(item);
    list.append(...items);
    if (shown < results.length) list.append(moreButton(ticket));
    return items[0] || null;
  }

  function item(page) {
    const li = element("li", "md-search-result__item");
    const link = element("a", "md-search-result__link");
    link.href = page.url;
    const article = element("article", "md-search-result__article md-typeset");
    const title = element("h1");
    title.textContent = (page.meta && page.meta.title) || page.url;
    const excerpt = element("p");
    excerpt.append(...marked(page.excerpt || ""));
    article.append(element("div", "md-search-result__icon md-icon"), title, excerpt);
    link.append(article);
    li.append(link);
    return li;
  }

  function moreButton(ticket) {
    const li = element("li", "hub-search__more");
    const button = element("button", "md-search-result__link");
    button.type = "button";
    button.textContent = text.hubMore;
    button.addEventListener("click", async () => {
      const first = await more(ticket);
      if (first) first.querySelector("a").focus();
    });
    li.append(button);
    return li;
  }

  // Pagefind's excerpt is escaped text with <mark> around the words found:
  // it becomes text nodes and <mark> elements. A <textarea> decodes the
  // entities of the text between them and never makes an element of it.
  const decoder = document.createElement("textarea");
  function marked(excerpt) {
    return excerpt.split(/(<mark>.*?<\/mark>)/s).map((part) => {
      const hit = part.startsWith("<mark>");
      decoder.innerHTML = hit ? part.slice(6, -7) : part;
      if (!hit) return document.createTextNode(decoder.value);
      const mark = element("mark");
      mark.textContent = decoder.value;
      return mark;
    });
  }

  function element(tag, className) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  function step(by) {
    const stops = [input, ...list.querySelectorAll(".md-search-result__link")];
    const at = stops.indexOf(document.activeElement);
    const next = stops[Math.min(Math.max(at + by, 0), stops.length - 1)];
    if (next) next.focus();
  }

  function editable(target) {
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  toggle.addEventListener("change", opened);
  input.addEventListener("focus", (event) => {
    if (!toggle.checked) {
      opener = event.relatedTarget;
      open();
    }
  });
  input.addEventListener("input", search);
  hubs.addEventListener("change", search);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    step(1);
  });
  form.addEventListener("reset", () => {
    latest++;
    hubs.value = "";
    show([], placeholder);
    input.focus();
  });
  // Tabbing out of the dialog (the field is in the header's tab order) closes
  // it, so it never stays open behind the page and catches its Escape.
  dialog.addEventListener("focusout", (event) => {
    if (toggle.checked && event.relatedTarget && !dialog.contains(event.relatedTarget)) close();
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (toggle.checked) {
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && event.target !== hubs) {
        event.preventDefault();
        step(event.key === "ArrowDown" ? 1 : -1);
      }
    } else if (["/", "s", "f"].includes(event.key) && !editable(event.target)) {
      event.preventDefault();
      opener = document.activeElement;
      open();
    }
  });
  output.inert = !toggle.checked;
})();

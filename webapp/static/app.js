// Instant results, the "/" shortcut and the filter drawer: progressive enhancement of the search
// page. Without this file every link and form works as plain HTML; with it, typing in the search
// box, following a facet, a chip or a page link, or submitting a form of the search page fetches
// the server-rendered page and swaps its <main> in place. The URL follows (every state stays a
// permalink) and the browser's back button walks the states.
(function () {
  "use strict";

  var DEBOUNCE_MS = 180;
  var timer = null;
  var inflight = null;
  var typedAt = 0;
  var serial = 0;

  function searchPath() {
    var form = document.querySelector("form.searchbox");
    return form ? new URL(form.action, location.href).pathname : "/";
  }

  function isSearchUrl(url) {
    return url.origin === location.origin && url.pathname === searchPath();
  }

  function formUrl(form) {
    var url = new URL(form.action, location.href);
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (typeof value === "string" && value !== "") { params.append(key, value); }
    });
    url.search = params.toString();
    return url;
  }

  // The element to focus again once <main> is replaced: same id, or the same facet value.
  function focusKey(el) {
    if (!el || el === document.body) { return null; }
    if (el.dataset && el.dataset.f) { return "[data-f=\"" + CSS.escape(el.dataset.f) + "\"]"; }
    if (el.id && el.closest("main")) { return "#" + CSS.escape(el.id); }
    return null;
  }

  function swap(html, url, how, startedAt) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.querySelector("main");
    var main = document.querySelector("main");
    if (!fresh || !main) { location.assign(url.href); return; }
    var key = focusKey(document.activeElement);
    var drawerOpen = document.body.classList.contains("drawer-open");
    main.replaceWith(fresh);
    var kept = document.getElementById("filtres-gardes");
    var keptFresh = doc.getElementById("filtres-gardes");
    if (kept && keptFresh) { kept.replaceWith(keptFresh); }
    document.title = doc.title;
    if (how === "push") { history.pushState({ presse: true }, "", url.href); }
    else if (how === "replace") { history.replaceState({ presse: true }, "", url.href); }
    document.body.classList.toggle("drawer-open", drawerOpen && !!fresh.querySelector("#filtres"));
    if (key) {
      var again = document.querySelector(key);
      if (again) { again.focus(); }
    }
    enhance(fresh);
    var ms = Math.round(performance.now() - startedAt);
    document.documentElement.dataset.updateMs = String(ms);
    document.dispatchEvent(new CustomEvent("presse:page", { detail: { url: url.href, ms: ms } }));
  }

  // Fetch the page at ``url`` and swap it in; ``how`` is "push", "replace" or "none" (popstate).
  function navigate(url, how, startedAt) {
    url = new URL(url, location.href);
    if (!isSearchUrl(url)) { location.assign(url.href); return; }
    startedAt = startedAt || performance.now();
    if (inflight) { inflight.abort(); }
    var controller = new AbortController();
    inflight = controller;
    var mine = ++serial;
    document.documentElement.classList.add("loading");
    fetch(url.href, { headers: { Accept: "text/html" }, signal: controller.signal })
      .then(function (resp) { return resp.text().then(function (text) { return [resp, text]; }); })
      .then(function (pair) {
        if (mine !== serial) { return; } // a newer request answers instead
        // An error page (400 for a malformed date…) is shown as it is, in place.
        swap(pair[1], url, how, startedAt);
      })
      .catch(function (err) {
        if (err.name !== "AbortError") { location.assign(url.href); }
      })
      .finally(function () {
        if (mine === serial) { document.documentElement.classList.remove("loading"); }
      });
  }

  window.presseNavigate = function (url) { navigate(url, "push"); };

  function onType(event) {
    var input = event.target;
    if (input.id !== "q" || !input.form || !input.form.classList.contains("searchbox")) { return; }
    if (!document.querySelector("main .results")) { return; } // elsewhere, Enter searches
    typedAt = performance.now();
    clearTimeout(timer);
    timer = setTimeout(function () {
      var url = formUrl(input.form);
      url.searchParams.delete("page");
      navigate(url, "replace", typedAt);
    }, DEBOUNCE_MS);
  }

  function onClick(event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) { return; }
    var toggle = event.target.closest("[data-drawer]");
    if (toggle) {
      event.preventDefault();
      openDrawer(toggle.dataset.drawer === "open");
      return;
    }
    var link = event.target.closest("main a[href]");
    if (!link || link.target || link.hasAttribute("download")) { return; }
    var url = new URL(link.href, location.href);
    if (!isSearchUrl(url) || url.hash) { return; }
    event.preventDefault();
    navigate(url, "push");
  }

  function onSubmit(event) {
    var form = event.target;
    if (event.defaultPrevented || (form.method || "get").toLowerCase() !== "get") { return; }
    var url = formUrl(form);
    if (!isSearchUrl(url)) { return; }
    event.preventDefault();
    clearTimeout(timer);
    navigate(url, "push");
  }

  function openDrawer(open) {
    document.body.classList.toggle("drawer-open", open);
    var target = document.getElementById(open ? "titre-filtres" : "resume");
    if (target) { target.focus(); }
  }

  function onKey(event) {
    if (event.key === "Escape" && document.body.classList.contains("drawer-open")) {
      openDrawer(false);
      return;
    }
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var t = event.target;
    if (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) { return; }
    var box = document.getElementById("q");
    if (!box) { return; }
    event.preventDefault();
    box.focus();
    box.select();
  }

  // What only makes sense with this script: a sort menu that applies itself.
  function enhance(root) {
    root.querySelectorAll("form.sort").forEach(function (form) {
      var button = form.querySelector("button");
      if (button) { button.hidden = true; }
      form.querySelector("select").addEventListener("change", function () {
        navigate(formUrl(form), "push");
      });
    });
  }

  document.addEventListener("input", onType);
  document.addEventListener("click", onClick);
  document.addEventListener("submit", onSubmit);
  document.addEventListener("keydown", onKey);
  window.addEventListener("popstate", function () { navigate(location.href, "none"); });
  document.addEventListener("DOMContentLoaded", function () {
    document.documentElement.classList.add("js");
    enhance(document);
  });
})();

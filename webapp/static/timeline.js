// The timeline chart: one keyboard stop, ranges by dragging or two clicks (see _timeline.html).
// Every listener sits on `document`, so a chart swapped in by app.js works without rebinding.
// Without this file each bar is a plain link that filters on its own period.
(function () {
  "use strict";

  var BAR = ".timeline a[data-from]";
  // The period being chosen: the first bar's key (data-f), by click, Shift+arrow or drag.
  var anchor = null;
  var drag = null;        // {from: key, over: key, moved: bool} while a pointer is down
  var swallowClick = false;

  function barOf(el) { return el && el.closest ? el.closest(BAR) : null; }
  function barsOf(bar) { return Array.prototype.slice.call(bar.closest(".timeline").querySelectorAll(BAR)); }
  function byKey(key) { return key ? document.querySelector(BAR + "[data-f=\"" + CSS.escape(key) + "\"]") : null; }

  function go(url) {
    if (typeof window.presseNavigate === "function") { window.presseNavigate(url); }
    else { location.assign(url); }
  }

  function say(bar, text) {
    var status = bar && bar.closest(".timeline").querySelector(".timeline-etat");
    if (status) { status.textContent = text; }
  }

  // Marks the bars from `a` to `b` (the start alone when b is null).
  function mark(a, b) {
    document.querySelectorAll(BAR).forEach(function (el) { el.classList.remove("start", "in-range"); });
    if (!a) { return; }
    a.classList.add("start");
    if (!b) { return; }
    var all = barsOf(a), i = all.indexOf(a), j = all.indexOf(b);
    all.slice(Math.min(i, j), Math.max(i, j) + 1).forEach(function (el) { el.classList.add("in-range"); });
  }

  function cancel(announce) {
    var start = byKey(anchor);
    anchor = null;
    drag = null;
    mark(null);
    if (announce && start) { say(start, "sélection annulée"); }
  }

  // The search URL filtered from the first day of a's or b's period to the last day of the other.
  function rangeUrl(a, b) {
    var from = [a.getAttribute("data-from"), b.getAttribute("data-from")].sort()[0];
    var to = [a.getAttribute("data-to"), b.getAttribute("data-to")].sort()[1];
    var params = new URLSearchParams(location.search);
    ["month", "year", "page", "date_from", "date_to"].forEach(function (k) { params.delete(k); });
    params.set("date_from", from);
    params.set("date_to", to);
    return location.pathname + "?" + params.toString();
  }

  // Ends a choice at `bar`: the same bar twice follows its own link (that one period).
  function finish(start, bar) {
    anchor = null;
    drag = null;
    if (start === bar) { go(bar.getAttribute("href")); }
    else {
      var all = barsOf(bar);
      var first = all.indexOf(start) < all.indexOf(bar) ? start : bar;
      var last = first === start ? bar : start;
      say(bar, "période : " + first.getAttribute("data-label") + " – " + last.getAttribute("data-label"));
      go(rangeUrl(start, bar));
    }
  }

  function rove(bar) {
    barsOf(bar).forEach(function (el) { el.setAttribute("tabindex", el === bar ? "0" : "-1"); });
  }

  function onClick(event) {
    var bar = barOf(event.target);
    // After a drag across bars the click lands on the <svg>: swallow it too.
    if (!bar && !event.target.closest(".timeline svg")) { return; }
    event.preventDefault();
    if (swallowClick || !bar || event.button !== 0) { swallowClick = false; return; }
    var start = byKey(anchor);
    if (!start) {
      anchor = bar.getAttribute("data-f");
      mark(bar);
      rove(bar);
      bar.focus();
      say(bar, "début : " + bar.getAttribute("data-label") + " — cliquez la fin");
      return;
    }
    finish(start, bar);
  }

  function onKey(event) {
    if (event.key === "Escape" && anchor) { cancel(true); return; }
    var bar = barOf(event.target);
    if (!bar || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var all = barsOf(bar), i = all.indexOf(bar), next = null;
    if (event.key === "ArrowRight") { next = all[Math.min(i + 1, all.length - 1)]; }
    else if (event.key === "ArrowLeft") { next = all[Math.max(i - 1, 0)]; }
    else if (event.key === "Home") { next = all[0]; }
    else if (event.key === "End") { next = all[all.length - 1]; }
    else if (event.key === "Enter" || event.key === " ") {
      // Handled here, so the browser's own activation (a click) does not mark a start.
      event.preventDefault();
      var first = byKey(anchor);
      if (first) { finish(first, bar); } else { go(bar.getAttribute("href")); }
      return;
    }
    if (!next) { return; }
    event.preventDefault();
    if (event.shiftKey) {
      if (!anchor) { anchor = bar.getAttribute("data-f"); }
      var start = byKey(anchor);
      mark(start, next);
      say(next, "période : " + [start, next].sort(function (a, b) { return all.indexOf(a) - all.indexOf(b); })
        .map(function (el) { return el.getAttribute("data-label"); }).join(" – ") + " — Entrée pour filtrer");
    }
    rove(next);
    next.focus();
  }

  function onPointerDown(event) {
    var bar = barOf(event.target);
    if (!bar || !event.isPrimary || event.button !== 0) { return; }
    // No text selection, no native link drag; focus is given by the click instead.
    if (event.pointerType === "mouse") { event.preventDefault(); }
    drag = { from: bar.getAttribute("data-f"), over: bar.getAttribute("data-f"), moved: false };
  }

  function onPointerMove(event) {
    if (!drag || !event.isPrimary) { return; }
    var bar = barOf(document.elementFromPoint(event.clientX, event.clientY));
    var start = byKey(drag.from);
    if (!bar || !start || bar.closest(".timeline") !== start.closest(".timeline")) { return; }
    var key = bar.getAttribute("data-f");
    if (key === drag.over) { return; }
    drag.over = key;
    drag.moved = true;
    mark(start, bar);
    say(bar, "période : " + start.getAttribute("data-label") + " – " + bar.getAttribute("data-label"));
  }

  function onPointerUp(event) {
    if (!drag || !event.isPrimary) { return; }
    var d = drag;
    drag = null;
    if (!d.moved) { return; } // a plain click: onClick decides
    var start = byKey(d.from), end = byKey(d.over);
    swallowClick = true;
    setTimeout(function () { swallowClick = false; }, 0);
    if (start && end) { finish(start, end); }
  }

  document.addEventListener("click", onClick, true);
  document.addEventListener("keydown", onKey, true);
  document.addEventListener("pointerdown", onPointerDown);
  document.addEventListener("pointermove", onPointerMove);
  document.addEventListener("pointerup", onPointerUp);
  document.addEventListener("pointercancel", function () { if (drag) { drag = null; mark(byKey(anchor)); } });
  document.addEventListener("dragstart", function (event) { if (barOf(event.target)) { event.preventDefault(); } });
  document.addEventListener("focusin", function (event) { var bar = barOf(event.target); if (bar) { rove(bar); } });
  // A new page (app.js swapped it, or the back button restored it): nothing is being chosen.
  document.addEventListener("presse:page", function () { cancel(false); });
  window.addEventListener("pageshow", function () { cancel(false); });
})();

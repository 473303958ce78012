/*
 * Glossary tooltips (overrides/partials/glossary-term.html) on touch screens
 * and for the Escape key. Hover and keyboard focus show a tooltip through CSS
 * alone; this adds what CSS cannot:
 *   - on a touch screen, the first tap on a term shows its short definition
 *     with a link to the glossary entry; a second tap, or the link, goes there;
 *     a tap anywhere else closes it;
 *   - Escape hides a tooltip that hover, focus or a tap showed, until the
 *     pointer or the focus leaves the term (WCAG 1.4.13);
 *   - a tip that would open under the sticky header, or above the window,
 *     opens below its term instead.
 * Without this script every term is still a link to its entry.
 */
(function () {
  "use strict";
  var OPEN = "hub-term--open";
  var DISMISSED = "hub-term--dismissed";
  var BELOW = "hub-term--below";
  var lastPointer = "";

  function termAround(node) {
    return node instanceof Element ? node.closest(".hub-term") : null;
  }

  function closeOpen(except) {
    document.querySelectorAll("." + OPEN).forEach(function (term) {
      if (term !== except) term.classList.remove(OPEN);
    });
  }

  // Safari's click is not a PointerEvent: remember the last pointer instead.
  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType;
  }, true);

  document.addEventListener("click", function (event) {
    var term = termAround(event.target);
    var pointer = typeof event.pointerType === "string" ? event.pointerType : lastPointer;
    if (!term) {
      closeOpen(null);
      return;
    }
    var onTerm = event.target.closest(".hub-term__link");
    if (onTerm && pointer === "touch" && !term.classList.contains(OPEN)) {
      event.preventDefault();
      closeOpen(term);
      term.classList.remove(DISMISSED);
      term.classList.add(OPEN);
    }
  });

  document.addEventListener("keydown", function (event) {
    lastPointer = "";
    if (event.key !== "Escape") return;
    document.querySelectorAll(".hub-term").forEach(function (term) {
      if (term.classList.contains(OPEN) || term.matches(":hover") || term.contains(document.activeElement)) {
        term.classList.remove(OPEN);
        term.classList.add(DISMISSED);
      }
    });
  });

  // Once the tip shows (CSS has just applied :hover or :focus), move it below
  // the term if the header or the window's top edge would hide part of it.
  function place(event) {
    var term = termAround(event.target);
    if (!term || term.contains(event.relatedTarget)) return;
    var box = term.querySelector(".hub-term__box");
    term.classList.remove(BELOW);
    if (!box || getComputedStyle(box).position !== "absolute") return;
    var header = document.querySelector(".md-header");
    var top = header ? Math.max(header.getBoundingClientRect().bottom, 0) : 0;
    if (box.getBoundingClientRect().top < top) term.classList.add(BELOW);
  }
  document.addEventListener("mouseover", place);
  document.addEventListener("focusin", place);

  document.addEventListener("focusout", function (event) {
    var term = termAround(event.target);
    if (term && !term.contains(event.relatedTarget)) term.classList.remove(DISMISSED);
  });

  document.addEventListener("mouseout", function (event) {
    var term = termAround(event.target);
    if (term && !term.contains(event.relatedTarget) && !term.contains(document.activeElement)) {
      term.classList.remove(DISMISSED);
    }
  });
})();

/*
 * Diagrams full size (hooks/diagrams.py wraps each one in a link to its SVG).
 * A click, tap or Enter on a diagram opens it at its own size in a dialog on
 * this page, where a phone shows its labels at their real size and the reader
 * scrolls around it; Escape or "Close" returns to the diagram's link. Without
 * this script the link opens the SVG file itself.
 */
(function () {
  "use strict";
  var dialog, picture, opener;

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "hub-diagram-dialog";
    dialog.setAttribute("aria-label", "The diagram, full size");
    var close = document.createElement("button");
    close.type = "button";
    close.className = "hub-diagram-dialog__close";
    close.textContent = "Close";
    close.addEventListener("click", function () { dialog.close(); });
    // Focusable, so the keyboard can scroll a diagram larger than the screen.
    var frame = document.createElement("div");
    frame.className = "hub-diagram-dialog__frame";
    frame.tabIndex = 0;
    picture = document.createElement("img");
    frame.appendChild(picture);
    dialog.append(close, frame);
    dialog.addEventListener("close", function () {
      if (opener) opener.focus();
    });
    document.body.appendChild(dialog);
  }

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest(".hub-diagram__link") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0) return;
    if (!dialog) build();
    if (typeof dialog.showModal !== "function") return; // an old browser: follow the link
    event.preventDefault();
    opener = link;
    picture.src = link.href;
    picture.alt = link.querySelector("img").alt;
    dialog.showModal();
  });
})();

/* Frontier Briefing: tables that fit a phone.
 *
 * On a narrow screen a table wider than the column it sits in is shown as stacked rows:
 * each row a block, each cell on its own line after its column's name (the header text,
 * copied into data-label and shown by briefing.css; an empty cell is left out). Table semantics are kept with ARIA
 * roles, since a table displayed as blocks loses them in some browsers. Tables that fit
 * are left as tables; every table is checked again when the window is resized and after
 * Material's instant navigation (document$). Without JavaScript a wide table scrolls
 * sideways inside its column, as Material lays it out.
 */
(function () {
  "use strict";

  var narrow = window.matchMedia("(max-width: 44.9375em)");

  function label(table) {
    if (table.getAttribute("data-labelled")) return;
    var names = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
      return th.textContent.trim();
    });
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute("role", "row");
      Array.prototype.forEach.call(row.cells, function (cell, i) {
        cell.setAttribute("role", cell.tagName === "TH" ? "columnheader" : "cell");
        if (cell.tagName !== "TD") return;
        if (names[i]) cell.setAttribute("data-label", names[i]);
        if (!cell.textContent.trim()) cell.setAttribute("data-empty", "");
      });
    });
    table.setAttribute("data-labelled", "true");
  }

  function wider(table) {
    var column = table.closest("article") || document.body;
    return table.scrollWidth > table.clientWidth + 1 || table.getBoundingClientRect().width > column.clientWidth + 1;
  }

  function fit() {
    document.querySelectorAll(".md-typeset table").forEach(function (table) {
      if (!table.tHead || !table.tHead.rows.length) return;
      table.removeAttribute("data-stacked");
      if (narrow.matches && wider(table)) {
        label(table);
        table.setAttribute("data-stacked", "");
      }
    });
  }

  var pending = 0;
  function later() {
    window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(fit);
  }

  window.addEventListener("resize", later);
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(fit);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fit);
  } else {
    fit();
  }
})();

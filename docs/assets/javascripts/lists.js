/* Frontier Briefing: index pages whose tables can be filtered and sorted.
 *
 * A section with more pages than the sidebar can list (sources, actors, regions at scale)
 * is reached from its index page, so each index table inside an element with the class
 * "data-list" gets, as progressive enhancement:
 *   - one search box above the tables that hides the rows not containing every word typed,
 *     with a count of the rows shown (announced to screen readers);
 *   - column headers that sort the rows when activated (a button in each header; aria-sort
 *     says the order). Dates sort by the datetime of a <time> in the cell, numbers as
 *     numbers, the rest as text in the reader's language.
 * Without JavaScript the tables are the full lists, in the order the generator wrote them.
 * document$ (Material) emits after every instant navigation; without it the page load runs it.
 */
(function () {
  "use strict";

  function key(cell) {
    var time = cell.querySelector("time[datetime]");
    if (time) return time.getAttribute("datetime");
    var text = cell.textContent.trim();
    return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }

  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    return String(a).localeCompare(String(b), undefined, { sensitivity: "base", numeric: true });
  }

  function sortable(table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "data-list__sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var order = compare(key(r1.cells[column]), key(r2.cells[column]));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function filterable(list, tables) {
    var rows = [];
    tables.forEach(function (table) {
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        rows.push({ row: row, text: row.textContent.toLowerCase() });
      });
    });
    var heading = document.querySelector(".md-content h1");
    var title = heading ? heading.cloneNode(true) : null;
    if (title) title.querySelectorAll(".headerlink").forEach(function (link) { link.remove(); });
    var label = "Filter " + (title ? title.textContent.trim().toLowerCase() : "this list");
    var box = document.createElement("div");
    box.className = "data-list__filter";
    var input = document.createElement("input");
    input.type = "search";
    input.setAttribute("aria-label", label);
    input.placeholder = label;
    var count = document.createElement("p");
    count.className = "data-list__count";
    count.setAttribute("aria-live", "polite");
    box.appendChild(input);
    box.appendChild(count);
    list.insertBefore(box, list.firstChild);
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (entry) {
        var match = words.every(function (word) { return entry.text.indexOf(word) !== -1; });
        entry.row.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = words.length ? shown + " of " + rows.length + " shown" : rows.length + " in all";
    }
    input.addEventListener("input", apply);
    apply();
  }

  function enhance() {
    document.querySelectorAll(".data-list").forEach(function (list) {
      if (list.getAttribute("data-list-ready")) return;
      list.setAttribute("data-list-ready", "true");
      var tables = Array.prototype.slice.call(list.querySelectorAll("table")).filter(function (t) {
        return t.tHead && t.tBodies.length;
      });
      if (!tables.length) return;
      tables.forEach(sortable);
      filterable(list, tables);
    });
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();

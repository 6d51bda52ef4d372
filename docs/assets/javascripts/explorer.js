/* Frontier Briefing: the event explorer on the timeline.
 *
 * A timeline page lists its events as elements with the class "event" and data attributes
 * (data-event, data-date, data-kind, data-year, data-regions, data-actors: ids separated
 * by spaces), and carries a hidden ".event-explorer" with one list per filter (region,
 * actor, kind, year) of the values its events name. As progressive enhancement this script
 * turns those lists into:
 *   - a select per filter, combined (an event is shown when it matches every choice), with
 *     the choices kept in the URL's query (?region=bannu&kind=attack) so a view can be
 *     shared, and read back from it when the page opens;
 *   - a compact view, one line per event (?view=compact);
 *   - a count of the events shown (announced to screen readers);
 *   - a CSV download of the events shown;
 *   - the timeline map (an iframe of assets/maps) showing only the events shown.
 * Without JavaScript the explorer stays hidden and the page is the full list.
 * document$ (Material) emits after every instant navigation; without it the page load runs it.
 */
(function () {
  "use strict";

  var NAMES = { region: "Region", actor: "Actor", kind: "Kind", year: "Year" };
  var FIELDS = { region: "regions", actor: "actors", kind: "kind", year: "year" };
  var current = null;

  function matches(event, choices) {
    return Object.keys(choices).every(function (name) {
      var value = choices[name];
      if (!value) return true;
      var have = (event.getAttribute("data-" + FIELDS[name]) || "").split(" ");
      return have.indexOf(value) >= 0;
    });
  }

  function title(event) {
    var heading = event.querySelector("h2, h3, h4");
    if (!heading) return "";
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (link) {
      link.remove();
    });
    var text = copy.textContent.trim();
    var colon = text.indexOf(": ");
    return colon >= 0 ? text.slice(colon + 2) : text;
  }

  function csvCell(value) {
    var text = String(value);
    return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csv(events) {
    var page = location.origin + location.pathname;
    var lines = [["id", "date", "title", "kind", "regions", "actors", "link"].join(",")];
    events.forEach(function (event) {
      var id = event.getAttribute("data-event");
      lines.push(
        [
          id,
          event.getAttribute("data-date"),
          title(event),
          event.getAttribute("data-kind"),
          event.getAttribute("data-regions"),
          event.getAttribute("data-actors"),
          page + "#" + id
        ]
          .map(csvCell)
          .join(",")
      );
    });
    return lines.join("\n") + "\n";
  }

  function tellMap(ids) {
    document.querySelectorAll("iframe.briefing-map").forEach(function (frame) {
      if (frame.contentWindow) {
        frame.contentWindow.postMessage({ type: "briefing:filter", events: ids }, location.origin === "null" ? "*" : location.origin);
      }
    });
  }

  function build(box) {
    var article = box.closest("article") || document.body;
    var events = Array.prototype.slice.call(article.querySelectorAll(".event[data-event]"));
    if (!events.length) return;
    var params = new URLSearchParams(location.search);
    var selects = {};
    var form = document.createElement("form");
    form.className = "event-explorer__form";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Filter the events");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
    });

    box.querySelectorAll("ul[data-filter]").forEach(function (list) {
      var name = list.getAttribute("data-filter");
      if (!NAMES[name]) return;
      var label = document.createElement("label");
      label.className = "event-explorer__field";
      var caption = document.createElement("span");
      caption.textContent = NAMES[name];
      var select = document.createElement("select");
      select.name = name;
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "All";
      select.appendChild(all);
      list.querySelectorAll("li[data-value]").forEach(function (item) {
        var option = document.createElement("option");
        option.value = item.getAttribute("data-value");
        option.textContent = item.textContent;
        select.appendChild(option);
      });
      var wanted = params.get(name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
      label.appendChild(caption);
      label.appendChild(select);
      form.appendChild(label);
      selects[name] = select;
      list.remove();
    });

    var compactLabel = document.createElement("label");
    compactLabel.className = "event-explorer__field event-explorer__compact";
    var compact = document.createElement("input");
    compact.type = "checkbox";
    compact.name = "view";
    compact.checked = params.get("view") === "compact";
    compactLabel.appendChild(compact);
    compactLabel.appendChild(document.createTextNode(" One line per event"));
    form.appendChild(compactLabel);

    var actions = document.createElement("p");
    actions.className = "event-explorer__actions";
    var count = document.createElement("span");
    count.className = "event-explorer__count";
    count.setAttribute("role", "status");
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button event-explorer__reset";
    reset.textContent = "Show all";
    var download = document.createElement("button");
    download.type = "button";
    download.className = "md-button event-explorer__csv";
    download.textContent = "Download these events (CSV)";
    actions.appendChild(count);
    actions.appendChild(reset);
    actions.appendChild(download);

    box.appendChild(form);
    box.appendChild(actions);
    box.hidden = false;

    function choices() {
      var chosen = {};
      Object.keys(selects).forEach(function (name) {
        chosen[name] = selects[name].value;
      });
      return chosen;
    }

    function apply() {
      var chosen = choices();
      var shown = [];
      events.forEach(function (event) {
        var match = matches(event, chosen);
        event.hidden = !match;
        if (match) shown.push(event);
      });
      article.querySelectorAll(".event-year").forEach(function (year) {
        year.hidden = !year.querySelector(".event[data-event]:not([hidden])");
      });
      article.classList.toggle("event-list--compact", compact.checked);
      count.textContent = shown.length + " of " + events.length + " events shown";
      var query = new URLSearchParams(location.search);
      Object.keys(chosen).forEach(function (name) {
        if (chosen[name]) query.set(name, chosen[name]);
        else query.delete(name);
      });
      if (compact.checked) query.set("view", "compact");
      else query.delete("view");
      var search = query.toString();
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
      var filtered = Object.keys(chosen).some(function (name) {
        return chosen[name];
      });
      current = filtered
        ? shown.map(function (event) {
            return event.getAttribute("data-event");
          })
        : null;
      tellMap(current);
      return shown;
    }

    form.addEventListener("change", apply);
    reset.addEventListener("click", function () {
      Object.keys(selects).forEach(function (name) {
        selects[name].value = "";
      });
      apply();
    });
    download.addEventListener("click", function () {
      var shown = apply();
      var blob = new Blob([csv(shown)], { type: "text/csv;charset=utf-8" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "events.csv";
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(function () {
        URL.revokeObjectURL(link.href);
      }, 0);
    });
    apply();
  }

  function enhance() {
    current = null;
    document.querySelectorAll(".event-explorer[hidden]").forEach(build);
  }

  // A map that loads after the filter was chosen (the timeline's opens on demand) asks for it.
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (data && data.type === "briefing:map-ready" && current) tellMap(current);
  });

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();

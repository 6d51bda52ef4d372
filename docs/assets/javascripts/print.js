/* Frontier Briefing: marks the links that leave the site, so that the print view
 * (print.css) writes out their address after the link text.
 *
 * CSS alone cannot tell them apart: Material's instant navigation makes every href
 * absolute. A link whose text already is its address is left unmarked. Without
 * JavaScript, print.css falls back to the href as written (absolute only for other sites).
 *
 * It also completes the address a printed brief gives for its full page: a site built
 * without its public address (site_url) writes the page's path alone, and the reader's
 * own address for it is then the best one to print.
 */
(function () {
  "use strict";

  function strip(url) {
    return url.replace(/^https?:\/\//, "").replace(/\/$/, "");
  }

  function mark() {
    document.querySelectorAll(".md-typeset a[href]").forEach(function (link) {
      var web = link.protocol === "http:" || link.protocol === "https:";
      if (web && link.host !== location.host && strip(link.textContent.trim()) !== strip(link.href)) {
        link.classList.add("link-external");
      }
    });
  }

  function address() {
    document.querySelectorAll(".md-typeset a.page-address").forEach(function (link) {
      if (!/^https?:\/\//.test(link.textContent.trim()) && /^https?:$/.test(location.protocol)) {
        link.textContent = location.origin + location.pathname;
      }
    });
  }

  function run() {
    mark();
    address();
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(run);
  } else {
    document.addEventListener("DOMContentLoaded", run);
  }
})();

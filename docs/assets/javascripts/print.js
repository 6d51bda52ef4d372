/* Frontier Briefing: marks the links that leave the site, so that the print view
 * (print.css) writes out their address after the link text.
 *
 * CSS alone cannot tell them apart: Material's instant navigation makes every href
 * absolute. A link whose text already is its address is left unmarked. Without
 * JavaScript, print.css falls back to the href as written (absolute only for other sites).
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

  if (typeof document$ !== "undefined") {
    document$.subscribe(mark);
  } else {
    document.addEventListener("DOMContentLoaded", mark);
  }
})();

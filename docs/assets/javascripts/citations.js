/* Frontier Briefing: citation markers and abbreviations on touch screens.
 *
 * Material's content.tooltips shows an element's title on hover and on keyboard focus.
 * A touch screen has no hover, so here the first tap on a citation marker focuses it
 * (showing the quote, source, outlet and date) instead of following it; a second tap on
 * the same marker follows the link. Abbreviations become focusable, so a tap shows their
 * expansion. Mouse and keyboard behave as usual.
 *
 * The passage a citation points at is highlighted. CSS :target alone is not enough:
 * instant navigation changes the address with history.pushState, which does not update
 * :target, so the targeted paragraph also gets the class "is-cited".
 *
 * document$ is Material's observable of the current page: it emits again after every
 * instant navigation, when the page's elements have been replaced; target$ emits the
 * element an in-page link or the address's fragment points at.
 */
(function () {
  "use strict";

  var lastPointer = "mouse";
  var armed = null;

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    if (armed && !armed.contains(event.target)) {
      armed = null;
    }
  }, true);

  function onCiteClick(event) {
    var marker = event.currentTarget;
    if (lastPointer !== "touch" || armed === marker) {
      armed = null;
      return;
    }
    event.preventDefault();
    event.stopPropagation(); /* keep instant navigation from following the link */
    armed = marker;
    marker.focus();
  }

  function enhance() {
    armed = null;
    document.querySelectorAll(".md-typeset a.cite").forEach(function (marker) {
      if (!marker.dataset.briefingCite) {
        marker.dataset.briefingCite = "1";
        marker.addEventListener("click", onCiteClick);
      }
    });
    document.querySelectorAll(".md-typeset abbr[title]").forEach(function (abbr) {
      if (!abbr.hasAttribute("tabindex")) {
        abbr.setAttribute("tabindex", "0");
      }
    });
  }

  function highlight(element) {
    document.querySelectorAll(".md-typeset .is-cited").forEach(function (previous) {
      previous.classList.remove("is-cited");
    });
    if (element && element.classList && element.classList.contains("para")) {
      element.classList.add("is-cited");
    }
  }

  function highlightFromAddress() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    highlight(id ? document.getElementById(id) : null);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(function () {
      enhance();
      highlightFromAddress();
    });
  } else {
    document.addEventListener("DOMContentLoaded", function () {
      enhance();
      highlightFromAddress();
    });
  }
  if (typeof target$ !== "undefined") {
    target$.subscribe(highlight);
  }
  window.addEventListener("hashchange", highlightFromAddress);
})();

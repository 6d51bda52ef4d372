// Material for MkDocs draws Mermaid diagrams with window.mermaid and fetches Mermaid from a
// CDN when it is missing. This stand-in keeps readers' browsers off third-party hosts and
// loads the site's own copy (assets/vendor/mermaid.min.js, 3.5 MB) only when a page has a
// diagram to draw.
(function () {
  if (window.mermaid) return;
  var src = new URL("../vendor/mermaid.min.js", document.currentScript.src).href;
  var settings = {};
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = src;
        tag.onload = function () {
          window.mermaid.initialize(settings);
          resolve(window.mermaid);
        };
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  // Mermaid scales a diagram down to the width of its column, which on a phone shrinks its
  // labels to a few pixels. The diagram keeps a minimum width at which its labels are at
  // least 12 px; its column (.relation-diagram) scrolls sideways when narrower. What each
  // diagram needs is recorded in window.briefingDiagrams.
  var LEGIBLE_PX = 12;
  window.briefingDiagrams = [];

  function legible(result) {
    var svg = result.svg;
    var width = /max-width:\s*([\d.]+)px/.exec(svg);
    var font = /font-size:\s*([\d.]+)px/.exec(svg);
    if (width && font) {
      var natural = parseFloat(width[1]);
      var minimum = Math.ceil((natural * LEGIBLE_PX) / parseFloat(font[1]));
      window.briefingDiagrams.push({ natural: natural, font: parseFloat(font[1]), minimum: minimum });
      result.svg = svg.replace(width[0], width[0] + "; min-width: " + minimum + "px");
    }
    return result;
  }

  window.mermaid = {
    initialize: function (config) {
      settings = config;
    },
    render: function (id, text) {
      return load().then(function (mermaid) {
        return mermaid.render(id, text).then(legible);
      });
    },
  };
})();

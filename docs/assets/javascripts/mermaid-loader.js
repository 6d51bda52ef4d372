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

  window.mermaid = {
    initialize: function (config) {
      settings = config;
    },
    render: function (id, text) {
      return load().then(function (mermaid) {
        return mermaid.render(id, text);
      });
    },
  };
})();

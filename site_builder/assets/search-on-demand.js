/* Printed inline at the end of every page's <head> by the glossary plugin, so it runs before
   Material's bundle. The bundle asks for search/search_index.json (2.6 MB for 321 terms, and
   growing with every term) as it starts, on every first view, whether or not the reader
   searches. That one request waits until the reader opens search: focus in the search box,
   its toggle (the magnifier on phones, the `/`, `s` and `f` keys), or a page opened from a
   search result (`?h=`, which highlights the words searched for). */
(function () {
  var xhr = XMLHttpRequest.prototype, open = xhr.open, send = xhr.send, held = [];
  var wanted = /[?&]h=/.test(location.search);
  xhr.open = function (method, url) {
    this.glossaryIndex = /\/search\/search_index\.json$/.test(new URL(url, location.href).pathname);
    return open.apply(this, arguments);
  };
  xhr.send = function () {
    if (this.glossaryIndex && !wanted) return void held.push([this, arguments]);
    return send.apply(this, arguments);
  };
  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (request) { send.apply(request[0], request[1]); });
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("[data-md-component=search]")) want();
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-md-toggle=search]")) want();
  });
})();

/* Status of long work (a PDF being rendered, a compilation being prepared) that updates without
   reloading the page. An element with data-status-url is replaced, every few seconds, by the
   fragment that URL returns; the fragment drops data-status-url once the work is over, and the
   polling stops. Without JavaScript the fragment's <noscript> link reloads the page (no automatic
   meta refresh: WCAG failure F41). Loaded as a file: the Content Security Policy forbids inline
   script. */
(function () {
  "use strict";

  var DEFAULT_INTERVAL = 3000;
  var MAX_POLLS = 400; // about 20 minutes at 3 s: then the page's own refresh link remains

  function parseFragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function watch(element) {
    var url = element.getAttribute("data-status-url");
    var interval = parseInt(element.getAttribute("data-status-interval"), 10) || DEFAULT_INTERVAL;
    var polls = 0;

    function tick() {
      polls += 1;
      fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "text/html" } })
        .then(function (response) {
          if (!response.ok) { throw new Error("status " + response.status); }
          return response.text();
        })
        .then(function (html) {
          var fresh = parseFragment(html);
          if (!fresh) { return; }
          // Keep the same element (its live region) and swap its content only when it changed.
          if (fresh.innerHTML !== element.innerHTML) { element.innerHTML = fresh.innerHTML; }
          var next = fresh.getAttribute("data-status-url");
          if (next && polls < MAX_POLLS) {
            url = next;
            window.setTimeout(tick, interval);
          } else {
            element.removeAttribute("data-status-url");
            element.setAttribute("data-status-done", "");
          }
        })
        .catch(function () {
          if (polls < MAX_POLLS) { window.setTimeout(tick, interval * 2); }
        });
    }

    window.setTimeout(tick, interval);
  }

  function start() {
    var elements = document.querySelectorAll("[data-status-url]");
    for (var i = 0; i < elements.length; i += 1) { watch(elements[i]); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

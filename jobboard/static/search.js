// Optional enhancement of the search page: submit without a page reload, keep focus where it
// was, and let the polite live region announce the new result count. Without JavaScript the
// form works the same way through ordinary GET requests.
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form || !window.fetch || !window.DOMParser || !window.history.pushState) {
    return;
  }
  var shown = window.location.pathname + window.location.search;

  function swap(doc, url) {
    var parts = ["filters", "results-body"];
    for (var i = 0; i < parts.length; i++) {
      if (!document.getElementById(parts[i]) || !doc.getElementById(parts[i])) {
        return false;
      }
    }
    var focusedId = document.activeElement && document.activeElement.id;
    parts.forEach(function (id) {
      document.getElementById(id).innerHTML = doc.getElementById(id).innerHTML;
    });
    document.getElementById("result-count").textContent =
      doc.getElementById("result-count").textContent;
    document.title = doc.title;
    var toggle = document.querySelector(".language-toggle a");
    var newToggle = doc.querySelector(".language-toggle a");
    if (toggle && newToggle) {
      toggle.setAttribute("href", newToggle.getAttribute("href"));
    }
    window.history.pushState({}, "", url);
    shown = window.location.pathname + window.location.search;
    var again = focusedId && document.getElementById(focusedId);
    if (again) {
      again.focus();
    }
    return true;
  }

  form.addEventListener("submit", function (event) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value !== "") {
        params.append(name, value);
      }
    });
    var query = params.toString();
    var url = form.getAttribute("action") + (query ? "?" + query : "");
    event.preventDefault();
    fetch(url, { headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        if (!swap(doc, url)) {
          window.location.assign(url);
        }
      })
      .catch(function () {
        window.location.assign(url);
      });
  });

  // Back and Forward between searches shown by swap(): load the page for that address.
  // A skip link or other in-page link also fires popstate, with the same path and query.
  window.addEventListener("popstate", function () {
    if (window.location.pathname + window.location.search !== shown) {
      window.location.reload();
    }
  });
})();

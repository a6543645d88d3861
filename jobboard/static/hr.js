// HR pages. Moves focus to the error summary of a form that came back with errors, and on a
// run's page polls its JSON status so progress updates without a reload. Without JavaScript
// the page works the same way: its "Refresh this page" link shows the latest state.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }

  var live = document.getElementById("run-progress");
  var box = live && live.closest("[data-status-url]");
  if (!box || !window.fetch) {
    return;
  }
  var EVERY_MS = 2000;
  var lastKey = null;

  function text(key, status) {
    return box.getAttribute("data-text-" + key)
      .replace("{done}", status.done.toLocaleString(document.documentElement.lang))
      .replace("{total}", status.total.toLocaleString(document.documentElement.lang));
  }

  function show(status) {
    var key = status.finished ? "finished" : status.state === "queued" ? "queued"
      : status.total ? "running" : "loading";
    var bar = document.getElementById("run-bar");
    if (bar && status.total) {
      bar.max = status.total;
      bar.value = status.done;
    }
    var outcome = document.getElementById("run-outcome");
    if (outcome && status.label) {
      outcome.textContent = status.label;
    }
    // The live region changes only when the state does: a screen reader hears "indexing",
    // then "finished", not every count.
    if (key !== lastKey) {
      live.textContent = text(key, status);
      lastKey = key;
    }
    if (status.finished) {
      var refresh = document.getElementById("run-refresh");
      if (refresh) {
        refresh.textContent = box.getAttribute("data-text-show");
      }
    }
    return status.finished;
  }

  function poll() {
    window.fetch(box.getAttribute("data-status-url"), {
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (status) {
      if (!status || !show(status)) {
        window.setTimeout(poll, EVERY_MS);
      }
    }, function () {
      window.setTimeout(poll, EVERY_MS * 2);
    });
  }

  window.setTimeout(poll, EVERY_MS);
}());

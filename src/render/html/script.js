
(function () {
  "use strict";
  // Sorting the overview and filtering the trails. The page reads the same
  // without this script; it only shows the controls it can serve. Errors are
  // kept on <html data-errors> so a headless browser can see them.
  var root = document.documentElement;
  function fail(message) {
    root.setAttribute("data-errors", (root.getAttribute("data-errors") || "") + message + "\n");
  }
  window.addEventListener("error", function (e) { fail(String(e.message)); });
  try {
    var bars = document.getElementById("bars");
    var sort = document.getElementById("sort");
    if (bars && sort) {
      var body = bars.tBodies[0];
      var buttons = sort.querySelectorAll("button[data-sort]");
      var sortBy = function (key) {
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          return Number(a.getAttribute("data-rank-" + key)) - Number(b.getAttribute("data-rank-" + key));
        });
        rows.forEach(function (row) { body.appendChild(row); });
        Array.prototype.forEach.call(buttons, function (b) {
          b.setAttribute("aria-pressed", String(b.getAttribute("data-sort") === key));
        });
        root.setAttribute("data-sorted", key);
      };
      Array.prototype.forEach.call(buttons, function (b) {
        b.addEventListener("click", function () { sortBy(b.getAttribute("data-sort")); });
      });
      sort.hidden = false;
      var wanted = new URLSearchParams(window.location.search).get("sort");
      if (wanted === "article" || wanted === "score" || wanted === "anonymity") {
        sortBy(wanted);
      }
    }
    var filter = document.getElementById("trail-filter");
    var driftOnly = document.getElementById("drift-only");
    if (filter && driftOnly) {
      var trails = document.querySelectorAll("article.trail");
      driftOnly.addEventListener("change", function () {
        Array.prototype.forEach.call(trails, function (t) {
          t.hidden = driftOnly.checked && t.getAttribute("data-drift") === "0";
        });
      });
      filter.hidden = false;
    }
    root.setAttribute("data-ready", "1");
  } catch (e) {
    fail(String(e));
  }
})();

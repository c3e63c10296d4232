/* Renders every <pre class="mermaid"> block with the vendored mermaid.js, or explains why the
   diagram is shown as source. No inline handlers, no eval: runs under script-src 'self' or a
   hashed inline script. document.body.dataset.diagrams tells tests (and curious readers) how it
   went: "rendered", "partial" (some diagrams failed to parse), "unavailable" or "none". */
(function () {
  "use strict";
  var blocks = Array.prototype.slice.call(document.querySelectorAll("figure.diagram"));
  if (blocks.length === 0) { document.body.dataset.diagrams = "none"; return; }

  function note(figure, text, cls) {
    var status = figure.querySelector(".diagram-status");
    if (!status) { return; }
    status.textContent = text;
    status.className = "diagram-status " + cls;
    status.hidden = false;
  }

  if (typeof window.mermaid === "undefined") {
    blocks.forEach(function (figure) {
      note(figure, "mermaid.js is not available: showing the diagram as Mermaid source.", "warn");
    });
    document.body.dataset.diagrams = "unavailable";
    return;
  }

  window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "default" });
  var failed = 0;
  var jobs = blocks.map(function (figure, index) {
    var pre = figure.querySelector("pre.mermaid");
    var source = pre.textContent;
    return window.mermaid
      .render("mermaid-svg-" + (index + 1), source)
      .then(function (out) {
        var holder = document.createElement("div");
        holder.className = "diagram-svg";
        holder.innerHTML = out.svg; /* mermaid's own output, sanitized under securityLevel strict */
        figure.insertBefore(holder, pre);
        pre.hidden = true;
      })
      .catch(function (err) {
        failed += 1;
        note(figure, "This diagram could not be rendered (" + String(err && err.message || err).split("\n")[0] + "); its Mermaid source is shown instead.", "error");
      });
  });
  Promise.all(jobs).then(function () {
    document.body.dataset.diagrams = failed ? "partial" : "rendered";
  });
})();

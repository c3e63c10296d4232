/* Progressive enhancement of the form at "/": without JavaScript the form posts to /documents
   and the server redirects to the result; with it, the page posts JSON to the API, shows
   progress, and opens the result. Example links fill the textarea instead of reloading. */
(function () {
  "use strict";
  var form = document.getElementById("generate-form");
  if (!form || !window.fetch) { return; }
  var prompt = document.getElementById("prompt");
  var button = document.getElementById("submit");
  var progress = document.getElementById("progress");

  Array.prototype.forEach.call(document.querySelectorAll("a.example"), function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      prompt.value = link.getAttribute("data-prompt");
      prompt.focus();
    });
  });

  function show(text, isError) {
    progress.hidden = false;
    progress.textContent = text;
    progress.className = isError ? "progress form-error" : "progress";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var sets = {};
    var bad = null;
    document.getElementById("sets").value.split("\n").forEach(function (line) {
      if (!line.trim()) { return; }
      var at = line.indexOf("=");
      if (at < 1) { bad = line; return; }
      sets[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    });
    if (bad !== null) { show("Override \"" + bad + "\": expected FIELD=VALUE", true); return; }
    var llm = document.getElementById("llm").value.trim();
    var started = Date.now();
    button.disabled = true;
    show("Generating: reading the description, deciding, designing, verifying…", false);
    var timer = window.setInterval(function () {
      show("Generating… " + ((Date.now() - started) / 1000).toFixed(1) + " s", false);
    }, 200);
    fetch("/v1/documents", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ prompt: prompt.value, options: { llm: llm || null, set: sets } })
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (result) {
      window.clearInterval(timer);
      if (result.status === 201) {
        show("Done in " + ((Date.now() - started) / 1000).toFixed(1) + " s — opening the document…", false);
        window.location.assign(result.body.links.html);
        return;
      }
      button.disabled = false;
      show(result.body.message || ("Request failed (" + result.status + ")"), true);
    }).catch(function () {
      /* network or parse failure: fall back to the plain form post */
      window.clearInterval(timer);
      form.submit();
    });
  });
})();

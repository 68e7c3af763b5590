// 后台任务进度: while a job is queued or running, fetch /jobs/<id>.json every 2 s and update its box
// (jobs/_progress.html) in place. A file, not an inline script: the Content-Security-Policy forbids those.
(function () {
  if (window.zhifaJobProgress) { return; }
  window.zhifaJobProgress = true;
  var EVERY_MS = 2000;
  var MAX_FAILURES = 5;
  var BADGES = { queued: "text-bg-secondary", running: "text-bg-primary", done: "text-bg-success", failed: "text-bg-danger" };

  function field(box, name) { return box.querySelector('[data-job-field="' + name + '"]'); }

  function showState(box, status) {
    var badge = field(box, "state");
    Object.keys(BADGES).forEach(function (state) { badge.classList.remove(BADGES[state]); });
    badge.classList.add(BADGES[status.state] || BADGES.queued);
    badge.textContent = status.state_label;
  }

  function showBar(box, status) {
    var bar = field(box, "bar");
    if (status.total > 0) {
      bar.max = status.total;
      bar.value = status.done;
    } else if (status.state === "done" || status.state === "failed") {
      bar.max = 1;
      bar.value = status.state === "done" ? 1 : 0;
    } else {
      bar.removeAttribute("value"); // indeterminate: the total is not known yet
    }
    bar.textContent = status.percent + "%";
    field(box, "count").textContent = status.total > 0 ? status.done + " / " + status.total : "";
  }

  function showLinks(box, links) {
    var list = field(box, "links");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    links.forEach(function (link) {
      var item = document.createElement("li");
      var anchor = document.createElement("a");
      anchor.setAttribute("href", link.url); // the server passes only paths on this site
      anchor.textContent = link.label;
      item.appendChild(anchor);
      list.appendChild(item);
    });
  }

  function show(box, status) {
    showState(box, status);
    showBar(box, status);
    field(box, "message").textContent = status.message;
    var error = field(box, "error");
    error.textContent = status.error;
    error.hidden = !status.error;
    showLinks(box, status.links || []);
    box.setAttribute("data-active", status.active ? "1" : "0");
  }

  function poll(box, failures) {
    fetch(box.getAttribute("data-status-url"), { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.redirected) { window.location.reload(); throw new Error("session ended"); } // to the login page
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (status) {
        show(box, status);
        if (status.active) { later(box, 0); }
      })
      .catch(function () { if (failures + 1 < MAX_FAILURES) { later(box, failures + 1); } });
  }

  function later(box, failures) { window.setTimeout(function () { poll(box, failures); }, EVERY_MS); }

  function start() {
    document.querySelectorAll('[data-job-progress][data-active="1"]').forEach(function (box) { later(box, 0); });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();

/* The preview follows the author's saves: it asks for the files' version every second, and when
   it changed, fetches this page again and swaps in what changed. A step whose content did not
   change keeps its frames (moving or replacing a frame reloads it), and the page keeps its place. */
"use strict";

(function () {
  var t = Classroom.t, version = document.body.dataset.version, busy = false, failures = 0;
  var INTERVAL = 1000;

  function status(text) { document.getElementById("preview-status").textContent = text; }

  function clockNow() {
    var now = new Date(), pad = function (x) { return (x < 10 ? "0" : "") + x; };
    return pad(now.getHours()) + ":" + pad(now.getMinutes()) + ":" + pad(now.getSeconds());
  }

  /* Put each step of the new page in place: unchanged steps stay, changed ones are replaced. */
  function swapSteps(fresh) {
    var steps = document.getElementById("steps"), old = steps.children;
    Array.prototype.slice.call(fresh.children).forEach(function (node, index) {
      var here = old[index];
      if (here && here.id === node.id && here.dataset.digest === node.dataset.digest) return;
      var adopted = document.importNode(node, true);
      if (here) steps.replaceChild(adopted, here); else steps.appendChild(adopted);
    });
    while (old.length > fresh.children.length) steps.removeChild(steps.lastElementChild);
  }

  function swap(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    ["preview-bar", "preview-head"].forEach(function (id) {
      var node = page.getElementById(id);
      if (node) document.getElementById(id).replaceWith(document.importNode(node, true));
    });
    swapSteps(page.getElementById("steps"));
    document.title = page.title;
    version = page.body.dataset.version;
    document.body.dataset.version = version;
    status(t("updated", { time: clockNow() }));
  }

  function refresh() {
    return fetch(window.location.href, { cache: "no-store" }).then(function (answer) {
      return answer.text();
    }).then(swap);
  }

  function poll() {
    if (busy) return;
    busy = true;
    fetch("/version", { cache: "no-store" }).then(function (answer) { return answer.json(); })
      .then(function (found) {
        failures = 0;
        document.body.classList.remove("stopped");
        if (found.version !== version) return refresh();
      })
      .catch(function () {
        failures += 1;
        if (failures > 2) { document.body.classList.add("stopped"); status(t("stopped")); }
      })
      .then(function () { busy = false; });
  }
  window.setInterval(poll, INTERVAL);
})();

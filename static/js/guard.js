/* Who takes part and who may watch: class size, waiting phones, new keys, the projector window. */
"use strict";

(function () {
  var teach = Classroom.teach, el = Classroom.el, n = Classroom.n, fill = Classroom.fill;
  var texts = JSON.parse(document.getElementById("guard-texts").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var projector = null; /* the projector window this page opened: its remote, by messages */
  var REMOTE = ["next", "prev", "open", "close", "reveal", "hide"];

  function t(key, values) {
    var text = texts[key] || key;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(String(values[name])); });
    return text;
  }

  function keyIn(url) {
    var found = /[?#&]key=([^&#]*)/.exec(url || "");
    return found ? decodeURIComponent(found[1]) : null;
  }

  function path(url) { return (url || "").replace(/^[a-z]+:\/\/[^/]+/i, ""); }

  /* A new teacher key: reconnect with it, show it in the address bar, mend this page's links. */
  function followTeacherKey(url) {
    var key = keyIn(url), old = teach.socket.auth.key;
    if (!key || key === old) return;
    teach.socket.auth.key = key;
    document.body.dataset.key = key;
    window.history.replaceState(null, "", window.location.pathname + "?key=" + encodeURIComponent(key));
    Array.prototype.forEach.call(document.querySelectorAll("a[href*='key=']"), function (link) {
      link.setAttribute("href", link.getAttribute("href").split("key=" + encodeURIComponent(old)).join("key=" + encodeURIComponent(key)));
    });
  }

  /* A new projector key: the projector this page opened reconnects with it. */
  function followProjectorKey(url) {
    var link = $("screen-link"), href = path(url);
    if (!href || link.getAttribute("href") === href) return;
    link.setAttribute("href", href);
    if (projector && !projector.closed) projector.postMessage({ classroom: "screen-key", key: keyIn(href) }, window.location.origin);
  }

  function waitingItem(label) {
    return el("li", {}, [
      el("span", { className: "pending-text label-code", text: label }),
      el("span", { className: "pending-actions" }, [
        el("button", { type: "button", className: "button", text: t("let_in"), onclick: function () { teach.command("admit", { label: label, allow: true }); } }),
        el("button", { type: "button", className: "button", text: t("turn_away"), onclick: function () { teach.command("admit", { label: label, allow: false }); } })
      ])
    ]);
  }

  /* Joined vs expected, and the phones waiting: in the panel, and in the header while any wait. */
  function drawClass(people, ended) {
    var waiting = ended ? [] : people.waiting;
    $("class-count").textContent = people.expected ? n("joined_of", people.joined, { total: people.expected }) : n("joined", people.joined);
    if (document.activeElement !== $("expected")) $("expected").value = people.expected || "";
    Array.prototype.forEach.call($("expect-form").elements, function (control) { control.disabled = ended; });
    fill($("waiting"), waiting.length ? waiting.map(waitingItem) : [el("li", { className: "hint", text: t("nobody_waiting") })]);
    $("waiting-count").textContent = waiting.length ? "(" + waiting.length + ")" : "";
    $("waiting-badge").hidden = !waiting.length;
    $("waiting-badge").textContent = n("phones_waiting", waiting.length);
  }

  /* Cut off by the server (a new teacher key, made elsewhere): ask once more, to say why. */
  teach.socket.on("disconnect", function (reason) { if (reason === "io server disconnect") teach.socket.connect(); });

  function draw(state) {
    var ended = state.room.phase === "ended"; /* the room refuses these after the end */
    drawClass(state["class"], ended);
    ["rotate-teacher", "rotate-projector"].forEach(function (id) { $(id).disabled = ended; });
  }

  teach.socket.on("state", function (state) {
    followTeacherKey(state.teacher_url);
    followProjectorKey(state.screen_url);
    draw(state);
  });
  /* The fit walk in the tests sets states directly: draw them, but follow no key of theirs. */
  var show = Classroom.show;
  Classroom.show = function (state) { show(state); draw(state); };

  $("expect-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var size = Number($("expected").value || 0);
    if (!(size >= 0 && size <= 2000)) { $("status").textContent = t("size_bad"); $("expected").focus(); return; }
    teach.command("expect", { size: Math.round(size) });
  });
  $("rotate-teacher").addEventListener("click", function () { if (window.confirm(t("confirm_teacher"))) teach.command("rotate", { which: "teacher" }); });
  $("rotate-projector").addEventListener("click", function () { if (window.confirm(t("confirm_projector"))) teach.command("rotate", { which: "projector" }); });

  /* Open the projector as a window of this page, so that its keys can steer through this page. */
  $("screen-link").addEventListener("click", function (event) {
    event.preventDefault();
    projector = window.open($("screen-link").getAttribute("href"), "classroom-projector");
  });
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== window.location.origin || !data || data.classroom !== "key-press") return;
    if (REMOTE.indexOf(data.event) >= 0) teach.command(data.event);
  });
})();

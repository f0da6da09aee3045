/* The teacher's remote: step through the lesson, run the votes, moderate, end. */
"use strict";

(function () {
  var el = Classroom.el, t = Classroom.t, fill = Classroom.fill;
  var data = document.body.dataset;
  var socket = Classroom.connect("/teach", { code: data.code, key: data.key });
  var state = null, left = function () { return null; }, stepShown = null;
  var $ = function (id) { return document.getElementById(id); };

  function status(text) { $("status").textContent = text || ""; }

  function command(event, payload) {
    socket.timeout(5000).emit(event, payload || {}, function (error, ack) {
      if (error) status(t("offline"));
      else status(ack.ok ? "" : ack.message);
    });
  }

  Classroom.teach = { socket: socket, command: command }; /* for guard.js */

  function kindName(kind) { return t("kind_" + kind); }

  function drawStep(step) {
    var body = $("now-body");
    $("step-count").textContent = t("step", { index: step.index + 1, count: step.count }) + " · " + kindName(step.kind);
    if (step.kind === "question") {
      $("now-title").textContent = step.question.text;
      var options = step.question.options || (step.question.flags || []).map(function (f) { return f.label; });
      fill(body, [el("ol", { className: "options" }, options.map(function (text) { return el("li", { text: text }); }))]);
      $("count").textContent = t("answers", { count: state.answers.count }) +
        (state.answers.passed ? " · " + t("passed", { count: state.answers.passed }) : "");
      fill($("results"), [state.results ? Results.draw(state.results, step.question) : el("p", { className: "hint", text: t("no_results") })]);
    } else {
      $("now-title").textContent = step.prompt || kindName(step.kind);
      var slide = el("div", { className: "slide" });
      if (step.html) slide.innerHTML = step.html; /* rendered by the server from Markdown, no raw HTML */
      fill(body, [slide]);
      $("count").textContent = "";
      fill($("results"), []);
    }
  }

  function drawNotes() {
    var notes = state.notes;
    if (!notes || !notes.length) { fill($("notes"), []); return; }
    var list = Array.isArray(notes) ? notes : [notes];
    fill($("notes"), list.map(function (text) { return el("p", { text: text }); }));
  }

  function drawPending() {
    var items = state.pending || [];
    if (!items.length) { fill($("pending"), [el("li", { className: "hint", text: t("nothing_pending") })]); return; }
    fill($("pending"), items.map(function (item) {
      return el("li", { className: item.flagged ? "flagged" : "" }, [
        el("span", { className: "pending-text", text: item.text }),
        item.flagged ? el("span", { className: "badge", text: t("flagged") }) : null,
        el("button", { type: "button", className: "button", text: t("approve"), onclick: function () { command("moderate", { id: item.id, approve: true }); } }),
        el("button", { type: "button", className: "button", text: t("reject"), onclick: function () { command("moderate", { id: item.id, approve: false }); } })
      ]);
    }));
  }

  function drawOutline() {
    var current = state.step ? state.step.index : -1;
    fill($("outline"), (state.steps || []).map(function (step) {
      return el("li", { className: step.index === current ? "current" : "" }, [
        el("button", { type: "button", className: "link", "aria-current": step.index === current ? "step" : null,
          onclick: function () { command("go", { step: step.index }); } }, [kindName(step.kind) + ": " + (step.title || "")])
      ]);
    }));
    var next = state.next;
    $("next-step").textContent = next ? kindName(next.kind) + ": " + (next.title || "") : t("last_step");
  }

  function draw() {
    var room = state.room, voting = state.voting, step = state.step;
    $("phones").textContent = t("phones", { count: room.connected });
    $("lock").checked = !!room.locked;
    $("voting").textContent = voting.open ? t("close") : t("open");
    $("reveal").textContent = voting.revealed ? t("hide") : t("reveal");
    var asking = !!(step && step.kind === "question") && room.phase !== "ended";
    ["voting", "reveal", "reset"].forEach(function (id) { $(id).disabled = !asking; });
    /* really disabled, not just greyed out: skipped by Tab, announced as unavailable */
    Array.prototype.forEach.call($("timer-form").elements, function (c) { c.disabled = !asking; });
    $("timer-form").classList.toggle("disabled", !asking);
    $("report-ended").hidden = room.phase !== "ended";
    if (room.phase === "ended") { $("now-title").textContent = t("ended"); fill($("now-body"), []); $("step-count").textContent = ""; }
    else if (!step) { $("now-title").textContent = t("lobby"); fill($("now-body"), []); $("step-count").textContent = ""; $("count").textContent = ""; }
    else drawStep(step);
    drawNotes();
    drawPending();
    drawOutline();
    tick();
    var index = step ? step.index : null;
    if (index !== stepShown) {
      // Offer the lesson's suggested voting time for this question in the custom timer field.
      $("seconds").value = state.timer || "";
      if (document.activeElement === document.body) $("now-title").focus();
    }
    stepShown = index;
  }

  function tick() {
    var seconds = left();
    $("timer-left").textContent = seconds === null ? "" : t("left", { seconds: seconds });
  }

  socket.on("state", function (next) { state = next; left = Classroom.countdown(next); draw(); });
  socket.on("connect", function () { status(""); });
  socket.on("disconnect", function () { status(t("offline")); });
  socket.on("connect_error", function (error) { status(error.data && error.data.message ? error.data.message : t("offline")); });
  window.setInterval(tick, 1000);

  $("next").addEventListener("click", function () { command("next"); });
  $("prev").addEventListener("click", function () { command("prev"); });
  $("voting").addEventListener("click", function () { command(state.voting.open ? "close" : "open"); });
  $("reveal").addEventListener("click", function () { command(state.voting.revealed ? "hide" : "reveal"); });
  $("reset").addEventListener("click", function () { if (window.confirm(t("confirm_reset"))) command("reset"); });
  $("lock").addEventListener("change", function (event) { command("lock", { locked: event.target.checked }); });
  $("end").addEventListener("click", function () { if (window.confirm(t("confirm_end"))) command("end"); });
  Array.prototype.forEach.call(document.querySelectorAll("[data-seconds]"), function (button) {
    button.addEventListener("click", function () { command("timer", { seconds: Number(button.dataset.seconds) }); });
  });
  $("timer-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var seconds = Number($("seconds").value);
    if (!(seconds >= 5 && seconds <= 3600)) { status(t("seconds_bad")); $("seconds").focus(); return; }
    command("timer", { seconds: Math.round(seconds) });
  });
})();

/* The teacher's remote: step through the lesson, run the votes, moderate, end. */
"use strict";

(function () {
  var el = Classroom.el, t = Classroom.t, n = Classroom.n, fill = Classroom.fill;
  var data = document.body.dataset;
  var socket = Classroom.connect("/teach", { code: data.code, key: data.key });
  var state = null, left = function () { return null; }, stepShown = null, opened = {};
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

  function asking() { return !!(state.step && state.step.kind === "question") && state.room.phase !== "ended"; }

  /* Tell whether voting was opened on this step. The count alone cannot say: it stays 0 until
     a minimum group of phones answered (counts move in steps, so no single answer shows). */
  function asked() { return !!(state.answers.count || (state.step && opened[state.step.index])); }

  /* How many answered, against the class size the teacher expects, else the phones connected. */
  function answeredOf() {
    var people = state["class"] || {}, count = state.answers.count;
    return Classroom.answered(state.answers, count, Math.max(people.expected || state.room.connected, count));
  }

  /* The room in words: "Voting open · 18 of 27 answered · 00:24 left". */
  function roomState() {
    var room = state.room, voting = state.voting;
    if (room.phase === "ended") return t("ended_state");
    if (!state.step) return t("lobby_state") + " · " + n("phones", room.connected);
    if (!asking()) return t("step", { index: state.step.index + 1, count: state.step.count }) + " · " + n("phones", room.connected);
    var parts = [voting.open ? t("voting_open") : voting.revealed ? (state.results ? t("revealed") : t("too_few")) : asked() ? t("voting_closed") : t("not_open")];
    parts.push(answeredOf());
    if (state.answers.passed) parts.push(n("passed", state.answers.passed));
    var seconds = left();
    if (seconds !== null) parts.push(t("left", { time: Classroom.clock(seconds) }));
    return parts.join(" · ");
  }

  function drawStep(step) {
    var body = $("now-body");
    $("step-count").textContent = t("step", { index: step.index + 1, count: step.count }) + " · " + kindName(step.kind);
    if (step.kind === "question") {
      $("now-title").textContent = step.question.text;
      var question = step.question, options = question.options ? question.options.map(function (text, index) {
        return el("li", {}, [Results.letter(index), el("span", { text: text })]);
      }) : (question.flags || []).map(function (f) { return el("li", {}, [Results.swatch(f.id), el("span", { text: f.label })]); });
      fill(body, [options.length ? el("ol", { className: "options" }, options) : null]);
      $("count").textContent = Classroom.answered(state.answers, state.answers.count) + (state.answers.passed ? " · " + n("passed", state.answers.passed) : "");
      fill($("results"), [state.results ? Results.draw(state.results, step.question) : el("p", { className: "hint", text: t("no_results") })]);
    } else {
      $("now-title").textContent = step.prompt || step.title || kindName(step.kind);
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

  /* Free text: each answer exactly as the projector would show it, the queue's size in view. */
  function drawModeration() {
    var items = state.pending || [], ended = state.room.phase === "ended";
    var text = !!(state.step && state.step.question && state.step.question.kind === "text");
    $("moderation").hidden = !text && !items.length;
    $("queue").hidden = !items.length;
    $("queue").textContent = n("waiting", items.length);
    $("queue-count").textContent = items.length ? "(" + items.length + ")" : "";
    $("approve-all").hidden = items.length < 2;
    $("approve-all").textContent = n("approve_all", items.length);
    $("approve-all").disabled = ended;
    $("approve-all").onclick = function () { command("moderate_many", { ids: items.map(function (i) { return i.id; }), approve: true }); };
    if (!items.length) fill($("pending"), [el("li", { className: "hint", text: t("nothing_pending") })]);
    else {
      fill($("pending"), items.map(function (item) {
        return el("li", { className: item.flagged ? "flagged" : "" }, [
          el("span", { className: "pending-text phrase", text: item.text }),
          item.flagged ? el("span", { className: "badge", text: t("flagged") }) : null,
          el("span", { className: "pending-actions" }, [
            el("button", { type: "button", className: "button", text: t("approve"), disabled: ended, onclick: function () { command("moderate", { id: item.id, approve: true }); } }),
            el("button", { type: "button", className: "button", text: t("reject"), disabled: ended, onclick: function () { command("moderate", { id: item.id, approve: false }); } })
          ])
        ]);
      }));
    }
    var projected = state.projected || [];
    fill($("projected"), [projected.length ? Results.draw({ kind: "text", phrases: projected, total: 0, passed: 0 }) : el("p", { className: "hint", text: t("nothing_projected") })]);
  }

  function drawOutline() {
    var current = state.step ? state.step.index : -1, ended = state.room.phase === "ended";
    fill($("outline"), (state.steps || []).map(function (step) {
      return el("li", { className: step.index === current ? "current" : step.index < current ? "done" : "" }, [
        el("button", { type: "button", className: "link", disabled: ended, "aria-current": step.index === current ? "step" : null,
          onclick: function () { command("go", { step: step.index }); } }, [
          el("span", { className: "kind", text: kindName(step.kind) }), " " + (step.title || "")])
      ]);
    }));
    var next = state.next;
    $("next-step").textContent = next ? kindName(next.kind) + ": " + (next.title || "") : t("last_step");
    /* keep the current step in view inside the outline, without scrolling the page */
    var list = $("outline"), item = list.querySelector("li.current");
    if (item && list.scrollHeight > list.clientHeight) list.scrollTop = item.offsetTop - list.offsetTop - list.clientHeight / 3;
  }

  function drawControls() {
    var room = state.room, voting = state.voting, ended = room.phase === "ended", canAsk = asking();
    $("voting").textContent = voting.open ? t("close") : t("open");
    $("reveal").textContent = voting.revealed ? t("hide") : t("reveal");
    $("voting").classList.toggle("primary", canAsk && !voting.open && !voting.revealed && !asked());
    /* really disabled, not just greyed out: skipped by Tab, announced as unavailable */
    ["voting", "reveal", "reset"].forEach(function (id) { $(id).disabled = !canAsk; });
    $("prev").disabled = ended || room.phase === "lobby";
    $("next").disabled = ended || (room.phase !== "lobby" && !state.next);
    $("end").disabled = ended;
    $("lock").disabled = ended;
    $("lock").checked = !!room.locked;
    Array.prototype.forEach.call($("timer-form").elements, function (c) { c.disabled = !canAsk; });
    $("timer-form").classList.toggle("disabled", !canAsk);
  }

  function draw() {
    var room = state.room, step = state.step;
    $("lesson-title").textContent = room.title || "";
    drawControls();
    $("report-ended").hidden = room.phase !== "ended";
    if (room.phase === "ended") { $("now-title").textContent = t("ended"); fill($("now-body"), []); $("step-count").textContent = ""; $("count").textContent = ""; fill($("results"), []); }
    else if (!step) { $("now-title").textContent = t("lobby"); fill($("now-body"), []); $("step-count").textContent = ""; $("count").textContent = ""; fill($("results"), []); }
    else drawStep(step);
    drawNotes();
    drawModeration();
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
    if (!state) return;
    var seconds = left();
    $("timer-left").textContent = seconds === null ? "" : t("left", { time: Classroom.clock(seconds) });
    $("room-state").textContent = roomState();
  }

  /* Take a state from the server (and from the fit walk in the tests, which sets states directly). */
  function receive(next) {
    state = next;
    if (next.step && next.voting.open) opened[next.step.index] = true;
    left = Classroom.countdown(next);
    draw();
  }
  socket.on("state", receive);
  Classroom.show = receive;
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

/* The projector: the join code in the lobby, then each step and the class's results. */
"use strict";

(function () {
  var el = Classroom.el, t = Classroom.t, fill = Classroom.fill;
  var screen = Classroom.connect("/screen", ProjectorLink.auth); /* watch only: its own key */
  ProjectorLink.onRekey(function () { screen.disconnect().connect(); });
  var state = null, showQr = false, left = function () { return null; };
  var $ = function (id) { return document.getElementById(id); };

  function toast(text) {
    var node = $("toast");
    node.textContent = text;
    node.hidden = !text;
    window.clearTimeout(toast.timer);
    if (text) toast.timer = window.setTimeout(function () { node.hidden = true; }, 4000);
  }

  function questionBody(step) {
    var question = step.question, parts = [];
    if (state.results) return [Results.draw(state.results, question)];
    if (question.options) {
      parts.push(el("ol", { className: "options" }, question.options.map(function (text) { return el("li", { text: text }); })));
    }
    if (question.flags) {
      parts.push(el("ol", { className: "options flags" }, question.flags.map(function (f) {
        return el("li", { className: "flag-" + f.id, text: f.label });
      })));
    }
    if (question.kind === "scale") {
      parts.push(el("p", { className: "scale-ends", text: "1 = " + (question.low || "") + " … " + question.points + " = " + (question.high || "") }));
    }
    if (state.voting.revealed) parts.push(el("p", { className: "note", text: t("too_few") }));
    else if (!state.voting.open && state.answers.count) parts.push(el("p", { className: "note", text: t("waiting_reveal") }));
    return parts;
  }

  /* Set the page's h1; a slide has no title of its own, so it names the step for screen readers. */
  function title(text, unseen) {
    $("title").textContent = text;
    $("title").classList.toggle("visually-hidden", !!unseen);
  }

  function drawStep(step) {
    $("step-count").textContent = t("step", { index: step.index + 1, count: step.count });
    var body = $("body");
    if (step.kind === "question") {
      title(step.question.text);
      fill(body, questionBody(step));
      var voting = state.voting.open ? t("voting_open") : t("voting_closed");
      var passed = state.answers.passed ? " · " + t("passed", { count: state.answers.passed }) : "";
      $("count").textContent = t("answers", { count: state.answers.count }) + passed + " · " + voting;
      return;
    }
    if (step.kind === "discuss") title(t("discuss"));
    else title(t("step", { index: step.index + 1, count: step.count }), true);
    var slide = el("div", { className: "slide" });
    if (step.html) slide.innerHTML = step.html; /* rendered by the server from Markdown, no raw HTML */
    else if (step.prompt) slide.appendChild(el("p", { className: "prompt", text: step.prompt }));
    fill(body, [slide]);
    $("count").textContent = "";
  }

  function draw() {
    if (!state) return;
    var room = state.room, lobby = room.phase === "lobby" || (!state.step && room.phase !== "ended");
    var phones = t("phones", { count: room.connected }) + (room.locked ? " · " + t("locked") : "");
    $("phones").textContent = phones;
    $("foot-phones").textContent = phones;
    if (room.join_url) { $("join-url").textContent = room.join_url; }
    $("join").hidden = !(lobby || showQr);
    $("join").classList.toggle("overlay", showQr && !lobby);
    $("stage").hidden = lobby;
    if (room.phase === "ended") {
      $("step-count").textContent = "";
      title(t("ended"));
      fill($("body"), []);
      $("count").textContent = "";
    } else if (state.step) {
      drawStep(state.step);
    }
    tick();
  }

  function tick() {
    var seconds = left();
    $("timer").textContent = seconds === null ? "" : t("left", { seconds: seconds });
  }

  screen.on("state", function (next) { state = next; left = Classroom.countdown(next); draw(); });
  screen.on("connect", function () { toast(""); });
  screen.on("disconnect", function (reason) {
    toast(t("offline"));
    if (reason === "io server disconnect") screen.connect(); /* a new key cut it off: ask why */
  });
  screen.on("connect_error", function (error) { toast(error.data && error.data.message ? error.data.message : t("offline")); });
  window.setInterval(tick, 1000);

  /* The keys steer the lesson through the teacher page that opened this window. */
  function command(event) {
    if (!ProjectorLink.press(event)) toast(t("no_remote"));
  }

  function fullscreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
  }

  var KEYS = {
    ArrowRight: function () { command("next"); },
    PageDown: function () { command("next"); },
    ArrowLeft: function () { command("prev"); },
    PageUp: function () { command("prev"); },
    " ": function () { command(state && state.voting.open ? "close" : "open"); },
    Enter: function () { command(state && state.voting.revealed ? "hide" : "reveal"); },
    q: function () { showQr = !showQr; draw(); },
    f: fullscreen,
    "?": function () { $("keys").hidden = !$("keys").hidden; },
    Escape: function () { $("keys").hidden = true; showQr = false; draw(); }
  };
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var action = KEYS[event.key.length === 1 ? event.key.toLowerCase() : event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });
})();

/* The projector: the join code in the lobby, then each step and the class's results, always fitted. */
"use strict";

(function () {
  var el = Classroom.el, t = Classroom.t, n = Classroom.n, fill = Classroom.fill;
  var screen = Classroom.connect("/screen", ProjectorLink.auth); /* watch only: its own key */
  ProjectorLink.onRekey(function () { screen.disconnect().connect(); });
  var state = null, showQr = false, drawn = "", stepShown = null, opened = {}, left = function () { return null; };
  var $ = function (id) { return document.getElementById(id); };

  function toast(text) {
    var node = $("toast");
    node.textContent = text;
    node.hidden = !text;
    window.clearTimeout(toast.timer);
    if (text) toast.timer = window.setTimeout(function () { node.hidden = true; }, 4000);
  }

  /* The options of a question before its results: with the letters the phones show too. */
  function choices(question) {
    if (question.options) {
      return el("ol", { className: "choices" + (question.options.length > 4 ? " many" : "") }, question.options.map(function (text, index) {
        return el("li", {}, [Results.letter(index), el("span", { text: text })]);
      }));
    }
    if (question.flags) {
      return el("ol", { className: "choices flag-choices" }, question.flags.map(function (f) {
        return el("li", {}, [Results.swatch(f.id), el("span", {}, [el("strong", { text: f.label }), el("span", { className: "flag-meaning", text: f.meaning })])]);
      }));
    }
    if (question.kind === "scale") {
      var names = question.labels || [];
      return el("ol", { className: "scale-axis scale-preview" }, Array.apply(null, Array(question.points)).map(function (_, index) {
        var name = names[index] || (index === 0 ? question.low : index === question.points - 1 ? question.high : "") || "";
        return el("li", {}, [el("b", { text: String(index + 1) }), name]);
      }));
    }
    return null;
  }

  function questionBody(step) {
    var question = step.question;
    if (state.results) return [Results.draw(state.results, question)];
    var parts = [choices(question)];
    if (state.voting.revealed) {
      parts.push(el("p", { className: "note", text: t("too_few") + " " + t("too_few_count", { min: state.room.min_group }) }));
    } else if (!state.voting.open && asked()) {
      parts.push(el("p", { className: "note", text: t("waiting_reveal") }));
    }
    return parts;
  }

  /* The step's body; a slide keeps its own heading, the help step and the end add the help set. */
  function stepBody(step) {
    if (step.kind === "question") return questionBody(step);
    if (step.kind === "question-box") return [el("p", { className: "prompt box-hint", text: t("box_hint") })];
    var slide = el("div", { className: "slide" });
    if (step.html) slide.innerHTML = step.html; /* rendered by the server from Markdown, no raw HTML */
    else if (step.prompt) slide.appendChild(el("p", { className: "prompt", text: step.prompt }));
    if (state.help) return [el("div", { className: "with-help" }, [slide, Help.draw(state.help, true, false)])];
    return [slide];
  }

  /* Set the page's h1; a slide has no title of its own, so it names the step for screen readers. */
  function title(text, unseen) {
    $("title").textContent = text;
    $("title").classList.toggle("visually-hidden", !!unseen);
    $("title").classList.toggle("long", String(text).length > 110);
  }

  /* Tell whether voting was opened on this step. The count alone cannot say: it stays 0 until
     a minimum group of phones answered (counts move in steps, so no single answer shows). */
  function asked() { return !!(state.answers.count || (state.step && opened[state.step.index])); }

  /* The room in words, at the top: "Voting is open · at least 10 answers · 00:24 left". */
  function stateLine() {
    var step = state.step, voting = state.voting, parts = [];
    if (!step || step.kind !== "question" || state.room.phase === "ended") return "";
    if (voting.open) parts.push(t("voting_open"));
    else if (state.results) parts.push(t("revealed"));
    else parts.push(asked() ? t("voting_closed") : t("not_open"));
    parts.push(Classroom.answered(state.answers, state.answers.count - state.answers.passed));
    if (state.answers.passed) parts.push(n("passed", state.answers.passed));
    return parts.join(" · ");
  }

  function drawBody() {
    var room = state.room, step = state.step;
    if (room.phase === "ended") {
      title(t("ended"));
      return [el("p", { className: "prompt", text: t("ended_help") }), Help.draw(state.help, true)];
    }
    if (step.kind === "question") title(step.question.text);
    else if (step.kind === "question-box") title(step.prompt);
    else if (step.kind === "discuss") title(t("discuss"));
    else title(step.title || t("step", { index: step.index + 1, count: step.count }), true);
    return stepBody(step);
  }

  function draw() {
    if (!state) return;
    var room = state.room, lobby = room.phase === "lobby" || (!state.step && room.phase !== "ended");
    var phones = n("phones", room.connected) + (room.locked ? " · " + t("locked") : "");
    $("phones").textContent = phones;
    $("foot-phones").textContent = phones;
    $("lesson-title").textContent = room.title || "";
    $("join-lesson").textContent = room.title || $("join-lesson").textContent;
    var question = drawAsked(); /* a question of the class, over the step (or the lobby) */
    $("join").hidden = !(lobby || showQr) || (question && !showQr);
    $("join").classList.toggle("overlay", showQr && !(lobby && !question));
    $("stage").hidden = lobby || question;
    document.body.classList.toggle("lobby", lobby);
    $("step-count").textContent = state.step && room.phase !== "ended" ? t("step", { index: state.step.index + 1, count: state.step.count }) : "";
    $("state").textContent = stateLine();
    tick();
    if (lobby && !question) return;
    /* redraw (and re-animate) only when what the class sees changed, not at every phone that joins */
    var key = JSON.stringify([room.phase, state.step, state.results, state.help, state.voting.revealed, state.voting.open, asked(), state.questions]);
    if (key === drawn) return;
    drawn = key;
    if (lobby) { fitStage(); return; }
    fill($("body"), drawBody());
    var index = state.step ? state.step.index : -1;
    if (index !== stepShown) {
      stepShown = index;
      $("stage-inner").classList.remove("enter");
      void $("stage-inner").offsetWidth; /* restart the slide-in */
      $("stage-inner").classList.add("enter");
    }
    fitStage();
  }

  /* The question the teacher shows, large, in place of the step; false when there is none. */
  function drawAsked() {
    var shown = state.questions && state.questions.shown && state.room.phase !== "ended" ? state.questions.shown : null;
    $("asked").hidden = !shown;
    if (!shown) return false;
    $("asked-question").textContent = shown.text;
    $("asked-question").classList.toggle("long", shown.text.length > 140);
    $("asked-count").textContent = shown.me_too >= state.room.min_group ? n("me_too_at_least", shown.me_too) : "";
    return true;
  }

  function fitStage() {
    var more = null;
    Fit.fit($("main"), function (count) {
      if (!more) { more = el("p", { className: "more" }); $("body").appendChild(more); }
      more.textContent = n("more", count);
    });
  }

  function tick() {
    var seconds = left(), base = stateLine();
    $("state").textContent = seconds === null ? base : (base ? base + " · " : "") + t("left", { time: Classroom.clock(seconds) });
  }

  /* Take a state from the server (and from the fit walk in the tests, which sets states directly). */
  function receive(next) {
    state = next;
    if (next.step && next.voting.open) opened[next.step.index] = true;
    left = Classroom.countdown(next);
    draw();
  }
  screen.on("state", receive);
  Classroom.show = receive;
  screen.on("connect", function () { toast(""); });
  screen.on("disconnect", function (reason) {
    toast(t("offline"));
    if (reason === "io server disconnect") screen.connect(); /* a new key cut it off: ask why */
  });
  screen.on("connect_error", function (error) { toast(error.data && error.data.message ? error.data.message : t("offline")); });
  window.setInterval(tick, 1000);
  window.addEventListener("resize", function () { drawn = ""; draw(); });
  /* the typeface arrives after the first draw (font-display: swap): fit again with its sizes */
  if (document.fonts) document.fonts.ready.then(function () { drawn = ""; draw(); });

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

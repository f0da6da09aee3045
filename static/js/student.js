/* The student app: follows the teacher, sends answers, survives a dropped connection. */
"use strict";

(function () {
  var el = Classroom.el, t = Classroom.t, fill = Classroom.fill;
  var code = document.body.dataset.code, lang = document.body.dataset.lang;
  var PENDING = "classroom.pending." + code, HELP = "classroom.help." + code;
  var state = null, shown = "", stepShown = null, editing = false, refused = null, opened = {};
  var pending = Classroom.load(PENDING), help = Classroom.load(HELP), left = function () { return null; };
  var heading = document.getElementById("heading"), content = document.getElementById("content");
  var banner = document.getElementById("banner"), announce = document.getElementById("announce");

  var DEVICE = "classroom.device." + code;

  /* Return this phone's random key for this room only: 24 random bytes, base64url (32 characters).
     A new room gets a new key, and the key is forgotten when the room ends, so nothing ties
     this phone's answers in one lesson to another. */
  function deviceKey() {
    Classroom.save("classroom.device", null); /* the one key for every room of older versions */
    var key = Classroom.load(DEVICE);
    if (typeof key === "string" && /^[A-Za-z0-9_-]{22,64}$/.test(key)) return key;
    var bytes = new Uint8Array(24);
    window.crypto.getRandomValues(bytes);
    key = btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    Classroom.save(DEVICE, key);
    return key;
  }

  function forgetRoom() { Classroom.save(DEVICE, null); Classroom.save(PENDING, null); pending = null; }

  var socket = Classroom.connect("/student", { code: code, device: deviceKey(), lang: lang });

  function say(text) { announce.textContent = ""; window.setTimeout(function () { announce.textContent = text; }, 50); }

  /* Send the answer kept in `pending`; it stays kept until the server acknowledges it. */
  function flush() {
    if (!pending || !socket.connected) return;
    var sent = pending;
    socket.timeout(8000).emit("answer", sent.message, function (error, ack) {
      if (error || ack.error === "not-saved") { window.setTimeout(flush, 2000); return; } /* keep it */
      if (pending === sent) { pending = null; Classroom.save(PENDING, null); }
      if (ack.ok) { state.mine = ack.mine; say(t("received")); }
      else { say(ack.message); }
      draw(ack.ok ? null : ack.message);
    });
  }

  function send(answer) {
    var message = { step: state.step.index };
    if (answer.pass) message.pass = true; else message.value = answer.value;
    pending = { message: message };
    Classroom.save(PENDING, pending);
    editing = false;
    draw();
    flush();
  }

  function waiting(text) { return [el("p", { className: "lead", text: text })]; }

  function timerLine() { return el("p", { className: "timer", id: "timer", "aria-hidden": "true" }); }

  /* A slide's own first heading becomes the page's heading: no "look at the big screen" above
     text that is right there on the phone. */
  function slide(step) {
    var body = el("div", { className: "slide" }), heading = step.title || t("watch");
    if (step.html) body.innerHTML = step.html; /* rendered by the server from Markdown, no raw HTML */
    var first = body.firstElementChild;
    if (first && /^H[1-3]$/.test(first.tagName)) { heading = first.textContent; body.removeChild(first); }
    var parts = [body];
    if (step.notice === "help") parts.push(Help.draw(help));
    return [heading, parts];
  }

  /* What a phone says while voting is closed: not yet open, closed, or the timer ran out. */
  function closedText(step, mine, voting) {
    var seen = opened[step.index];
    if (seen && seen.timed && !mine.answered) return [t("time_up"), [el("p", { className: "lead", text: t("time_up_hint") })]];
    if (voting.revealed || mine.answered || seen) return [t("closed"), []];
    return [t("not_open"), []];
  }

  /* Refused at the door: why, in the phone's language. A phone beyond the class size the teacher
     expects waits with a short code to show the teacher, and asks again until it is let in. */
  function refusedView(error) {
    if (error.error !== "waiting") return ["refused " + error.message, error.message, []];
    return ["waiting " + error.message, t("wait_teacher"), [
      el("p", { className: "lead", text: error.message }),
      el("p", { className: "door-code", "aria-hidden": "true", text: error.label })
    ]];
  }

  /* Decide what the phone shows now: [view name, heading, children]. */
  function view(problem) {
    if (refused) return refusedView(refused);
    if (!state) return ["connecting", t("reconnecting"), []];
    var step = state.step;
    if (state.room.phase === "ended") return ["ended", t("ended"), [el("p", { className: "lead", text: t("ended_hint") }), Help.draw(help)]];
    if (!step) return ["lobby", t("waiting"), waiting(t("watch"))];
    if (step.kind === "discuss") return ["step" + step.index, step.prompt, waiting(t("discuss_hint"))];
    if (step.kind === "question-box") return ["box" + Questions.key(), step.prompt, Questions.parts("step", 2)];
    if (step.kind !== "question") {
      var shownSlide = slide(step);
      return ["step" + step.index, shownSlide[0], shownSlide[1]];
    }
    var question = step.question, mine = state.mine || {}, voting = state.voting;
    if (voting.open) opened[step.index] = { timed: !!voting.deadline };
    var problemLine = problem ? el("p", { className: "error", role: "alert", text: problem }) : null;
    var results = state.results ? Results.draw(state.results, question) : null, shownResults = JSON.stringify(state.results);
    if (results && !voting.open) return ["results" + shownResults, question.text, [results]];
    if (pending && pending.message.step === step.index) {
      return ["pending" + socket.connected, question.text, waiting(socket.connected ? t("sending") : t("saved_offline"))];
    }
    if (mine.answered && !editing) {
      var change = voting.open ? el("button", { type: "button", className: "button", id: "change",
        onclick: function () { editing = true; draw(); }, text: t("change") }) : null;
      /* with live results (a lesson setting) the class's answers show while voting is open */
      return ["received" + voting.open + shownResults, t("received"), [el("p", { className: "received lead", text: t("received_hint") }), change, results]];
    }
    if (!voting.open) {
      var closed = closedText(step, mine, voting);
      return ["closed" + closed[0], question.text, waiting(closed[0]).concat(closed[1])];
    }
    return ["form" + editing, question.text, [problemLine, timerLine(), Forms.build(question, send)]];
  }

  /* Draw the current view; leave it alone when nothing a student sees has changed. */
  function draw(problem) {
    var next = view(problem);
    var stepIndex = state && state.step ? state.step.index : null;
    var name = stepIndex + ":" + next[0];
    if (name === shown && !problem) { tick(); return; }
    shown = name;
    heading.textContent = next[1];
    heading.classList.toggle("long", String(next[1]).length > 90);
    document.getElementById("context").textContent = state && state.room && state.room.title ? state.room.title : "";
    var languages = document.getElementById("lang-switch");
    if (languages) languages.hidden = next[0] !== "lobby";
    Questions.keepFocus(function () { fill(content, next[2]); });
    askButton.hidden = !(state && state.questions && state.questions.open);
    tick();
    if (stepIndex !== stepShown) { stepShown = stepIndex; editing = false; heading.focus(); }
  }

  function tick() {
    var node = document.getElementById("timer"), seconds = left();
    if (node) node.textContent = seconds === null ? "" : t("left", { time: Classroom.clock(seconds) });
  }

  socket.on("connect", function () { banner.hidden = true; refused = null; flush(); });
  socket.on("disconnect", function (reason) {
    banner.hidden = false; draw();
    if (reason === "io server disconnect") socket.connect(); /* the room moved to another worker */
  });
  socket.io.on("reconnect_attempt", function () { banner.hidden = false; });
  /* Show why the server refused this phone (also the fit walk's way to show a waiting phone). */
  function refuse(data) {
    if (data.error === "room-ended") { forgetRoom(); state = { room: { phase: "ended" } }; }
    else { refused = data; }
    banner.hidden = true;
    draw();
  }
  socket.on("connect_error", function (error) {
    var data = error && error.data;
    if (!data || !data.error) { banner.hidden = false; return; } /* the network: socket.io retries */
    if (data.error === "moving") { banner.hidden = false; return; } /* common.js asks again */
    if (data.error === "rate-limited") { window.setTimeout(function () { socket.connect(); }, 3000); return; }
    if (data.error === "waiting") { window.setTimeout(function () { socket.connect(); }, 4000); } /* until let in */
    refuse(data);
  });
  Classroom.refuse = refuse;
  /* Take a state from the server (and from the fit walk in the tests, which sets states directly). */
  function receive(next) {
    state = next;
    refused = null; /* a state comes only once the phone is in */
    if (next.room.phase === "ended") forgetRoom();
    left = Classroom.countdown(next);
    if (next.help) { help = next.help; Classroom.save(HELP, help); }
    if (pending && next.step && pending.message.step !== next.step.index) { pending = null; Classroom.save(PENDING, null); }
    draw();
    drawAsk();
  }
  socket.on("state", receive);
  Classroom.show = receive;
  window.setInterval(tick, 1000);

  /* Help and Ask: panels over the lesson, one tap away; closed from their top bar, with Escape or
     the phone's back button. */
  var app = document.getElementById("app"), askButton = document.getElementById("ask-open") || {};
  function dialog(name, drawBody) {
    var panel = document.getElementById(name), opener = document.getElementById(name + "-open");
    var self = { panel: panel };
    self.open = function () {
      drawBody();
      /* inert: Tab cannot reach the buttons hidden under the panel (aria-hidden for older phones) */
      panel.hidden = false; app.setAttribute("aria-hidden", "true"); app.inert = true;
      panel.scrollTop = 0;
      document.getElementById(name + "-title").focus();
      try { window.history.pushState({ panel: name }, ""); } catch (error) { /* no history: Escape and the buttons still close */ }
    };
    self.close = function () {
      if (panel.hidden) return;
      panel.hidden = true; app.removeAttribute("aria-hidden"); app.inert = false;
      if (!opener.hidden) opener.focus();
      if (window.history.state && window.history.state.panel === name) window.history.back();
    };
    if (!panel) return { panel: { hidden: true }, open: function () {}, close: function () {} };
    opener.addEventListener("click", self.open);
    document.getElementById(name + "-close").addEventListener("click", self.close);
    document.getElementById(name + "-close-bottom").addEventListener("click", self.close);
    return self;
  }
  var helpPanel = dialog("help", function () { fill(document.getElementById("help-body"), [Help.draw(help)]); });
  var askShown = "";
  function askBody() {
    askShown = Questions.key();
    Questions.keepFocus(function () { fill(document.getElementById("ask-body"), Questions.parts("panel", 3)); });
  }
  var askPanel = dialog("ask", askBody);
  function drawAsk() {
    if (askPanel.panel.hidden || Questions.key() === askShown) return;
    if (!(state && state.questions && state.questions.open)) { askPanel.close(); return; } /* the lesson ended */
    askBody();
  }
  var panels = [helpPanel, askPanel];
  window.addEventListener("popstate", function () { panels.forEach(function (p) { p.close(); }); });
  Questions.start({ socket: socket, state: function () { return state; }, say: say,
    redraw: function () { draw(); askShown = ""; drawAsk(); } });

  /* Quick hide: blank the screen at once; Escape or a double tap brings it back. */
  var cover = document.getElementById("cover"), title = document.title, lastTap = 0;
  function hide() { cover.hidden = false; app.inert = true; document.title = "…"; cover.focus(); }
  function restore() {
    cover.hidden = true; app.inert = panels.some(function (p) { return !p.panel.hidden; }); document.title = title;
    document.getElementById("hide").focus();
  }
  document.getElementById("hide").addEventListener("click", hide);
  cover.setAttribute("tabindex", "-1");
  cover.addEventListener("dblclick", restore);
  cover.addEventListener("touchend", function (event) {
    var now = Date.now();
    if (now - lastTap < 400) { event.preventDefault(); restore(); }
    lastTap = now;
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    if (!cover.hidden) restore(); else panels.forEach(function (p) { p.close(); });
  });
  draw();
})();

/* The student app: follows the teacher, sends answers, survives a dropped connection. */
"use strict";

(function () {
  var el = Classroom.el, t = Classroom.t, fill = Classroom.fill;
  var code = document.body.dataset.code;
  var PENDING = "classroom.pending." + code, HELP = "classroom.help." + code;
  var state = null, shown = "", stepShown = null, editing = false, refused = null;
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

  var socket = Classroom.connect("/student", { code: code, device: deviceKey() });

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

  /* Decide what the phone shows now: [view name, heading, children]. */
  function view(problem) {
    if (refused) return ["refused", refused, []];
    if (!state) return ["connecting", t("reconnecting"), []];
    var step = state.step;
    if (state.room.phase === "ended") return ["ended", t("ended"), [helpBody()]];
    if (!step) return ["lobby", t("waiting"), waiting(t("watch"))];
    if (step.kind !== "question") {
      var body = el("div", { className: "slide" });
      if (step.html) body.innerHTML = step.html; /* rendered by the server from Markdown, no raw HTML */
      return ["step" + step.index, step.prompt || t(step.kind === "discuss" ? "discuss" : "watch"), [body]];
    }
    var question = step.question, mine = state.mine || {}, voting = state.voting;
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
      return ["received" + voting.open + shownResults, t("received"), [el("p", { className: "lead", text: t("received_hint") }), change, results]];
    }
    if (!voting.open) return ["closed" + (mine.answered ? 1 : 0), question.text, waiting(voting.revealed || mine.answered ? t("closed") : t("not_open"))];
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
    fill(content, next[2]);
    tick();
    if (stepIndex !== stepShown) { stepShown = stepIndex; editing = false; heading.focus(); }
  }

  function tick() {
    var node = document.getElementById("timer"), seconds = left();
    if (node) node.textContent = seconds === null ? "" : t("left", { seconds: seconds });
  }

  function resource(item) {
    return el("li", { className: "resource" }, [
      el("strong", { text: item.name }), el("p", { text: item.about }),
      item.phone ? el("a", { className: "button", href: "tel:" + item.phone.replace(/\s/g, ""), text: t("call") + " " + item.phone }) : null,
      item.url ? el("a", { className: "button", href: item.url, rel: "noopener noreferrer", target: "_blank", text: item.chat ? t("chat") : t("website") }) : null,
      item.hours ? el("p", { className: "hint", text: t("hours") + ": " + item.hours }) : null,
      item.ages ? el("p", { className: "hint", text: t("ages") + ": " + item.ages }) : null
    ]);
  }

  function helpBody() {
    if (!help) return el("p", { text: t("no_help") });
    return el("div", { className: "help-set" }, [
      el("h2", { text: help.title }),
      help.intro ? el("p", { text: help.intro }) : null,
      help.emergency ? el("p", { className: "emergency", text: help.emergency }) : null,
      el("ul", { className: "resources" }, (help.resources || []).map(resource))
    ]);
  }

  socket.on("connect", function () { banner.hidden = true; refused = null; flush(); });
  socket.on("disconnect", function () { banner.hidden = false; draw(); });
  socket.io.on("reconnect_attempt", function () { banner.hidden = false; });
  socket.on("connect_error", function (error) {
    var data = error && error.data;
    if (!data || !data.error) { banner.hidden = false; return; } /* the network: socket.io retries */
    if (data.error === "rate-limited") { window.setTimeout(function () { socket.connect(); }, 3000); return; }
    if (data.error === "waiting") { window.setTimeout(function () { socket.connect(); }, 4000); } /* until let in */
    if (data.error === "room-ended") { forgetRoom(); state = { room: { phase: "ended" } }; }
    else { refused = data.message; }
    banner.hidden = true;
    draw();
  });
  socket.on("state", function (next) {
    state = next;
    if (next.room.phase === "ended") forgetRoom();
    left = Classroom.countdown(next);
    if (next.help) { help = next.help; Classroom.save(HELP, help); }
    if (pending && next.step && pending.message.step !== next.step.index) { pending = null; Classroom.save(PENDING, null); }
    draw();
  });
  window.setInterval(tick, 1000);

  /* Help: always one tap away. */
  var helpPanel = document.getElementById("help"), app = document.getElementById("app");
  function openHelp() {
    fill(document.getElementById("help-body"), [helpBody()]);
    /* inert: Tab cannot reach the buttons hidden under the panel (aria-hidden for older phones) */
    helpPanel.hidden = false; app.setAttribute("aria-hidden", "true"); app.inert = true;
    document.getElementById("help-title").focus();
  }
  function closeHelp() {
    helpPanel.hidden = true; app.removeAttribute("aria-hidden"); app.inert = false;
    document.getElementById("help-open").focus();
  }
  document.getElementById("help-open").addEventListener("click", openHelp);
  document.getElementById("help-close").addEventListener("click", closeHelp);

  /* Quick hide: blank the screen at once; Escape or a double tap brings it back. */
  var cover = document.getElementById("cover"), title = document.title, lastTap = 0;
  function hide() { cover.hidden = false; app.inert = true; document.title = "…"; cover.focus(); }
  function restore() {
    cover.hidden = true; app.inert = !helpPanel.hidden; document.title = title;
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
    if (!cover.hidden) restore(); else if (!helpPanel.hidden) closeHelp();
  });
  draw();
})();

/* The question box on a phone: ask the teacher, see your own questions, say "me too".

   Drawn in the "Ask" panel (any step) and on a question-box step; student.js owns the page and
   hands this module its socket. Nothing here is kept on the phone: a question lives only on the
   server, and the server tells this phone alone which questions are its own. */
"use strict";

var Questions = (function () {
  var el = Classroom.el, t = Classroom.t, n = Classroom.n;
  var phone = null; /* {socket, state(), redraw(), say(text)} from student.js */
  var draft = "", problem = "", sending = false;

  function start(hooks) { phone = hooks; }

  /* Send one event of the box; the ack holds this phone's own questions. */
  function emit(event, payload, done) {
    if (!phone.socket.connected) { problem = t("ask_offline"); phone.redraw(); return; }
    sending = event === "ask";
    phone.socket.timeout(8000).emit(event, payload, function (error, ack) {
      sending = false;
      if (error) problem = t("ask_offline");
      else if (!ack.ok) problem = ack.message;
      else {
        problem = "";
        phone.state().my_questions = ack.my_questions;
        if (done) done();
      }
      phone.redraw();
      if (problem) phone.say(problem);
    });
  }

  /* "Me too" as the class may know it: counts move in steps of the minimum group. */
  function count(item, group) {
    return item.me_too >= group ? n("me_too_at_least", item.me_too) : n("me_too_fewer", group);
  }

  function form(where) {
    var max = phone.state().questions.max_length, id = "ask-text-" + where;
    var counter = el("p", { className: "hint", id: id + "-count", "aria-live": "off", text: n("chars_left", max - draft.length) });
    var field = el("textarea", { id: id, className: "ask-text", name: "question", maxlength: String(max), rows: "3",
      "data-where": where, "aria-describedby": id + "-hint " + id + "-count", oninput: function () {
        draft = field.value;
        var rest = max - draft.length;
        counter.setAttribute("aria-live", rest <= 10 ? "polite" : "off");
        counter.textContent = n("chars_left", rest);
      } });
    field.value = draft;
    var send = el("button", { type: "submit", className: "button primary send", disabled: sending,
      text: sending ? t("sending") : t("ask_send") });
    return el("form", { className: "answer-form ask-form", onsubmit: function (event) {
      event.preventDefault();
      var text = field.value.trim();
      if (!text) { field.focus(); return; }
      emit("ask", { text: text }, function () { draft = ""; phone.say(t("ask_sent")); });
    } }, [
      el("label", { "for": id, className: "ask-label", text: t("ask_label") }),
      field,
      counter,
      el("p", { className: "hint", id: id + "-hint", text: t("ask_hint") }),
      problem ? el("p", { className: "error", role: "alert", text: problem }) : null,
      send
    ]);
  }

  function ownItem(item) {
    var text = item.text === null ? t("ask_hidden_text") : item.text;
    return el("li", { className: "asked-item state-" + item.state }, [
      el("p", { className: "asked-text", text: text }),
      el("p", { className: "asked-state", text: t("ask_state_" + item.state) }),
      el("button", { type: "button", className: "button", text: t("ask_withdraw"), "aria-label": t("ask_withdraw") + ": " + text,
        onclick: function () { if (window.confirm(t("ask_confirm_withdraw"))) emit("withdraw", { id: item.id }); } })
    ]);
  }

  function classItem(item, mine, group) {
    var own = mine.asked.some(function (q) { return q.id === item.id; });
    var voted = mine.me_too.indexOf(item.id) >= 0, answered = item.state === "answered";
    var meta = (answered ? t("ask_answered") + " · " : "") + count(item, group);
    var action = null;
    if (own) action = el("p", { className: "asked-own", text: t("ask_yours") });
    else if (voted) action = el("p", { className: "asked-own", text: t("me_too_done") });
    else if (!answered) {
      action = el("button", { type: "button", className: "button me-too", text: t("me_too"), "aria-label": t("me_too") + ": " + item.text,
        onclick: function () { emit("me_too", { id: item.id }, function () { phone.say(t("me_too_done")); }); } });
    }
    return el("li", { className: "asked-item" + (answered ? " answered" : "") }, [
      el("p", { className: "asked-text", text: item.text }), el("p", { className: "asked-meta", text: meta }), action
    ]);
  }

  /* Return the box's parts: the form (while it is open), this phone's questions, the class's.
     `where` tells the panel from the step apart (ids), `level` the heading level there. */
  function parts(where, level) {
    var state = phone.state(), box = state && state.questions;
    if (!box) return [];
    var mine = state.my_questions || { asked: [], me_too: [] }, group = state.room.min_group, heading = "h" + level;
    var listed = box.list.map(function (item) { return classItem(item, mine, group); });
    return [
      box.open ? form(where) : el("p", { className: "lead", text: t("ask_closed") }),
      mine.asked.length ? el(heading, { text: t("ask_yours_title") }) : null,
      mine.asked.length ? el("ul", { className: "asked-list" }, mine.asked.map(ownItem)) : null,
      el(heading, { text: t("ask_class_title") }),
      listed.length ? el("ul", { className: "asked-list" }, listed) : el("p", { className: "hint", text: t("ask_none_yet") })
    ];
  }

  /* A key that changes whenever anything the parts show changes: the page redraws only then. */
  function key() {
    var state = phone && phone.state();
    return JSON.stringify([state && state.questions, state && state.my_questions, problem, sending]);
  }

  /* Redraw, keeping the caret where it was while someone types a question. */
  function keepFocus(redraw) {
    var active = document.activeElement, typing = !!(active && active.classList && active.classList.contains("ask-text"));
    var caret = typing ? active.selectionStart : 0, where = typing ? active.dataset.where : "";
    redraw();
    var field = typing && document.getElementById("ask-text-" + where);
    if (field && field !== active) { field.focus(); field.setSelectionRange(caret, caret); }
  }

  return { start: start, parts: parts, key: key, keepFocus: keepFocus };
})();

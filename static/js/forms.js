/* The answer controls for each question kind; each calls send({value}) or send({pass: true}). */
"use strict";

var Forms = (function () {
  var el = Classroom.el, t = Classroom.t;
  var FLAGS = ["green", "yellow", "red", "black"];

  function option(label, onclick, extra) {
    return el("button", { type: "button", className: "option " + (extra || ""), onclick: onclick }, [].concat(label));
  }

  function passButton(send) {
    return option(t("pass"), function () { send({ pass: true }); }, "pass");
  }

  function sendButton() {
    return el("button", { type: "submit", className: "button primary send", text: t("send") });
  }

  /* choice and check: one tap sends; each option has the letter the projector shows. */
  function pickOne(question, send) {
    return question.options.map(function (label, index) {
      return option(el("span", {}, [Results.letter(index), el("span", { text: label })]), function () { send({ value: index }); }, "lettered");
    });
  }

  /* multi: tick between min and max boxes, then send. */
  function pickSome(question, send) {
    var min = question.min || 1, max = question.max || question.options.length;
    var hint = el("p", { className: "hint", id: "multi-hint", text: t("pick_between", { min: min, max: max }) });
    var boxes = question.options.map(function (label, index) {
      return el("label", { className: "option check" }, [
        el("input", { type: "checkbox", name: "multi", value: String(index), "aria-describedby": "multi-hint" }), label
      ]);
    });
    var form = el("form", { className: "answer-form", onsubmit: function (event) {
      event.preventDefault();
      var chosen = Array.prototype.map.call(form.querySelectorAll("input:checked"), function (box) {
        return Number(box.value);
      });
      if (chosen.length < min || chosen.length > max) { hint.classList.add("error"); hint.focus(); return; }
      send({ value: chosen });
    } }, [hint].concat(boxes, [sendButton()]));
    hint.setAttribute("tabindex", "-1");
    return [form];
  }

  /* scale: one button per point, the ends labelled. */
  function scale(question, send) {
    var row = el("div", { className: "scale", role: "group", "aria-label": question.text });
    for (var point = 1; point <= question.points; point += 1) {
      var named = question.labels && question.labels[point - 1];
      if (!named && point === 1) named = question.low;
      if (!named && point === question.points) named = question.high;
      var label = el("span", {}, [el("span", { className: "point-number", text: String(point) }), named ? " " + named : ""]);
      row.appendChild(option(label, send.bind(null, { value: point }), "point"));
    }
    return [row];
  }

  /* flag: a flag, and (when asked) the criterion that weighs most. */
  function flag(question, send) {
    var labels = {}, meanings = {};
    (question.flags || []).forEach(function (f) { labels[f.id] = f.label; meanings[f.id] = f.meaning; });
    var flags = FLAGS.map(function (id) {
      var label = el("span", { className: "flag-text" }, [
        el("strong", { text: labels[id] || t("flag_" + id) }),
        meanings[id] ? el("span", { className: "flag-meaning", text: meanings[id] }) : null
      ]);
      return option([el("span", { className: "shape shape-" + id, "aria-hidden": "true" }), label], function () {
        if (!question.criteria) { send({ value: { flag: id, criterion: null } }); return; }
        chooseCriterion(id);
      }, "flag flag-" + id);
    });
    var box = el("div", { className: "flag-box" }, flags);
    function chooseCriterion(id) {
      var buttons = question.criteria.map(function (c) {
        return option(c.label, send.bind(null, { value: { flag: id, criterion: c.id } }));
      });
      var skip = option(t("send_without"), send.bind(null, { value: { flag: id, criterion: null } }), "plain");
      /* say which flag was chosen: the coloured buttons are gone now */
      var chosen = el("p", { className: "lead chosen" }, [Results.swatch(id), t("flag_chosen", { flag: labels[id] || t("flag_" + id) })]);
      Classroom.fill(box, [chosen, el("p", { className: "hint", id: "why", tabindex: "-1", text: t("why") })].concat(buttons, [skip]));
      document.getElementById("why").focus();
    }
    return [box];
  }

  /* text: a short answer with a counter. */
  function text(question, send) {
    var max = question.max_length || 80;
    var counter = el("p", { className: "hint", id: "text-count", "aria-live": "off", text: Classroom.n("chars_left", max) });
    var field = el("textarea", { name: "text", maxlength: String(max), rows: "3", "aria-label": question.text,
      "aria-describedby": "text-count", oninput: function () {
        var rest = max - field.value.length;
        /* a screen reader hears the count only near the end, not after every key */
        counter.setAttribute("aria-live", rest <= 10 ? "polite" : "off");
        counter.textContent = Classroom.n("chars_left", rest);
      } });
    var form = el("form", { className: "answer-form", onsubmit: function (event) {
      event.preventDefault();
      var value = field.value.trim();
      if (value) send({ value: value }); else field.focus();
    } }, [field, counter, sendButton()]);
    return [form];
  }

  /* rank: move options up and down with buttons (works with a thumb and a screen reader). */
  function rank(question, send) {
    var order = question.options.map(function (_, index) { return index; });
    var list = el("ol", { className: "rank" });
    function move(position, step) {
      var target = position + step;
      if (target < 0 || target >= order.length) return;
      order.splice(target, 0, order.splice(position, 1)[0]);
      draw();
      /* keep the focus on the moved item; at the top or bottom its arrow is disabled: take the other */
      var item = list.querySelectorAll("li")[target], arrow = item.querySelector(step < 0 ? ".up" : ".down");
      (arrow.disabled ? item.querySelector(step < 0 ? ".down" : ".up") : arrow).focus();
    }
    function draw() {
      Classroom.fill(list, order.map(function (index, position) {
        var name = question.options[index];
        return el("li", {}, [
          el("span", { className: "rank-label", text: name }),
          el("button", { type: "button", className: "up", "aria-label": t("move_up") + ": " + name,
            disabled: position === 0, onclick: function () { move(position, -1); } }, ["↑"]),
          el("button", { type: "button", className: "down", "aria-label": t("move_down") + ": " + name,
            disabled: position === order.length - 1, onclick: function () { move(position, 1); } }, ["↓"])
        ]);
      }));
    }
    draw();
    var form = el("form", { className: "answer-form", onsubmit: function (event) {
      event.preventDefault();
      send({ value: order.slice() });
    } }, [el("p", { className: "hint", text: t("rank_hint") }), list, sendButton()]);
    return [form];
  }

  var BUILD = { choice: pickOne, check: pickOne, multi: pickSome, scale: scale, flag: flag, text: text, rank: rank };

  /* Return the controls for a question, "I'd rather not answer" always last and as large. */
  function build(question, send) {
    var parts = (BUILD[question.kind] || function () { return []; })(question, send);
    return el("div", { className: "answers" }, parts.concat([passButton(send)]));
  }

  return { build: build };
})();

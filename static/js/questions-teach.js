/* The question box on the teacher page: read first, reword, approve, hide, answer, show large.

   Nothing here says who asked: the server never tells. Questions waiting come first, in the order
   they came; then those on the phones' list, most "me too" first (counts move in steps of the
   minimum group, as on the phones). */
"use strict";

(function () {
  var teach = Classroom.teach, el = Classroom.el, n = Classroom.n, fill = Classroom.fill;
  var texts = JSON.parse(document.getElementById("question-texts").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var editing = null, draft = "", state = null, drawn = "";

  function t(key) { return texts[key] || key; }

  function meToo(item, group) {
    return item.me_too >= group ? n("me_too_at_least", item.me_too) : n("me_too_fewer", group);
  }

  function button(item, action, label, onclick, extra) {
    return el("button", { type: "button", className: "button " + (extra || ""), text: label, onclick: onclick,
      "data-focus": item.id + ":" + action, "aria-describedby": "question-" + item.id });
  }

  function command(event, payload) { return function () { teach.command(event, payload); }; }

  function edit(item) { return function () { editing = item.id; draft = item.text; draw(); }; }

  function editor(item) {
    var id = "question-edit-" + item.id, waiting = item.state === "waiting";
    var field = el("textarea", { id: id, className: "question-edit", rows: "3", maxlength: "280",
      oninput: function () { draft = field.value; } });
    field.value = draft;
    function save(approve) {
      var text = field.value.trim();
      if (!text) { field.focus(); return; }
      teach.command(approve ? "question_approve" : "question_edit", { id: item.id, text: text });
      editing = null;
      draw();
    }
    return el("form", { className: "question-editor", onsubmit: function (event) { event.preventDefault(); save(waiting); } }, [
      el("label", { "for": id, className: "label", text: t("edit_label") }), field,
      el("span", { className: "pending-actions" }, [
        el("button", { type: "submit", className: "button primary", text: waiting ? t("save_approve") : t("save"),
          "data-focus": item.id + ":submit" }),
        waiting ? button(item, "save", t("save"), function () { save(false); }) : null,
        button(item, "cancel", t("cancel"), function () { editing = null; draw(); })
      ])
    ]);
  }

  function actions(item) {
    var id = item.id, list = [];
    if (item.state === "waiting") list.push(button(item, "approve", t("approve"), command("question_approve", { id: id }), "primary"));
    else list.push(button(item, "show", item.shown ? t("unshow") : t("show"), command("question_show", { id: item.shown ? null : id }), item.shown ? "primary" : ""));
    if (item.state !== "waiting") {
      var done = item.state === "answered";
      list.push(button(item, "answered", done ? t("not_answered") : t("answered"), command("question_answered", { id: id, answered: !done })));
    }
    if (item.state !== "answered") list.push(button(item, "edit", t("edit"), edit(item)));
    list.push(button(item, "hide", t("hide"), function () { if (window.confirm(t("confirm_hide"))) teach.command("question_hide", { id: id }); }, "danger"));
    return el("span", { className: "pending-actions question-actions" }, list);
  }

  function entry(item, group, ended) {
    var meta = [el("span", { className: "question-state", text: t("state_" + item.state) })];
    if (item.flagged) meta.unshift(el("span", { className: "badge", text: t("flagged") }));
    if (item.state !== "waiting") meta.push(el("span", { text: meToo(item, group) }));
    if (item.shown) meta.push(el("span", { className: "badge on-screen", text: t("on_screen") }));
    var writing = editing === item.id && !ended;
    return el("li", { className: "question-item state-" + item.state + (item.flagged ? " flagged" : "") + (item.shown ? " shown" : ""), "data-id": item.id }, [
      writing ? editor(item) : el("p", { className: "question-text", id: "question-" + item.id, text: item.text }),
      el("p", { className: "question-meta" }, meta),
      writing || ended ? null : actions(item)
    ]);
  }

  /* Redraw the queue and put the focus back where it was (or on the same question). */
  function refill(box, group, ended) {
    var queue = $("question-queue"), active = document.activeElement;
    var where = active && queue.contains(active) && active.dataset ? active.dataset.focus : null;
    var typing = editing && active && active.id === "question-edit-" + editing;
    fill(queue, box.queue.length ? box.queue.map(function (item) { return entry(item, group, ended); })
      : [el("li", { className: "hint", text: t("nothing") })]);
    var field = editing && $("question-edit-" + editing);
    if (field && (typing || where)) { field.focus(); return; }
    if (!where) return;
    var again = queue.querySelector("[data-focus='" + where + "']") ||
      queue.querySelector("[data-id='" + where.split(":")[0] + "'] button");
    (again || $("questions-title")).focus();
  }

  function draw(next) {
    state = next || state;
    var box = state.questions, ended = state.room.phase === "ended";
    $("questions").hidden = !box;
    $("questions-badge").hidden = !box || !box.waiting || ended;
    if (!box) return;
    if (editing && !box.queue.some(function (item) { return item.id === editing; })) editing = null;
    $("questions-badge").textContent = n("questions_waiting", box.waiting);
    $("questions-count").textContent = box.waiting ? "(" + box.waiting + ")" : "";
    $("questions-closed").hidden = !ended;
    $("questions-closed").textContent = t("closed");
    var key = JSON.stringify([box, editing, ended, state.room.min_group]);
    if (key === drawn) return;
    drawn = key;
    refill(box, state.room.min_group, ended);
  }

  teach.socket.on("state", draw);
  /* The fit walk in the tests sets states directly. */
  var show = Classroom.show;
  Classroom.show = function (next) { show(next); draw(next); };
})();

/* In the preview, the page's own script draws a state the preview gave it, not the server's.
   Loaded just before screen.js or student.js: their socket is a stand-in that never connects,
   and an answer a phone sends is taken at once, so an author can tap through a question. */
"use strict";

(function () {
  function taken(message) {
    return { ok: true, mine: { answered: true, passed: !!(message && message.pass), value: message && message.value } };
  }
  var socket = {
    connected: true,
    io: { on: function () {} },
    on: function () { return socket; },
    emit: function (name, message, ack) { if (typeof ack === "function") ack(taken(message)); return socket; },
    timeout: function () {
      return { emit: function (name, message, ack) { if (typeof ack === "function") ack(null, taken(message)); } };
    },
    connect: function () { return socket; },
    disconnect: function () { return socket; }
  };
  Classroom.connect = function () { return socket; };
  /* A page focuses its heading when a step starts (for screen readers). In a frame of the
     preview, that would pull the author's page to the frame and take the keyboard away from
     it: focus moves inside a frame only once the author is working in it. */
  var focus = HTMLElement.prototype.focus;
  HTMLElement.prototype.focus = function () {
    if (document.hasFocus()) focus.call(this, { preventScroll: true });
  };
  document.addEventListener("DOMContentLoaded", function () {
    Classroom.show(JSON.parse(document.getElementById("preview-state").textContent));
  });
})();

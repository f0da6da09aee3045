/* Shared helpers for every page: translated texts, elements, sockets, the server clock. */
"use strict";

var Classroom = (function () {
  var node = document.getElementById("texts");
  var texts = node ? JSON.parse(node.textContent) : {};

  function fillIn(text, values) {
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(values[name]));
    });
    return text;
  }

  /* Return a translated text, with {name} filled in from values. */
  function t(key, values) { return fillIn(texts[key] || key, values); }

  /* Return a translated text for `count` things: the page holds ngettext's forms for 0, 1 and 2
     (nl, en and fr need no more: any count from 2 up takes the last), with {count} filled in. */
  function n(key, count, values) {
    var forms = texts[key] || [key];
    var form = forms[Math.min(count, forms.length - 1)] || forms[forms.length - 1];
    var all = { count: count };
    Object.keys(values || {}).forEach(function (name) { all[name] = values[name]; });
    return fillIn(form, all);
  }

  /* Say how many answered, as the class may know it. The count moves in steps of at least
     `answers.group` phones (so no single answer shows), so 0 reads "fewer than 5 answers" and
     any other count "at least 10 answers". `shown` is the number to say (the count, or the
     count less the passes); with `total`, "... of 30 answered". */
  function answered(answers, shown, total) {
    var of = total === undefined ? null : { total: total }, plain = of ? "answered_of" : "answers";
    if (!answers.group) return n(plain, shown, of);
    /* "fewer than 3 of 1 answered" would make no sense: then just "fewer than 3 answers" */
    if (!answers.count) return n(of && total > answers.group ? "answered_fewer_of" : "answers_fewer", answers.group, of);
    if (!shown || (of && shown >= total)) return n(plain, shown, of);
    return n(of ? "answered_at_least_of" : "answers_at_least", shown, of);
  }

  /* Make an element: el("p", {className: "x", text: "hi"}, [children]). */
  function el(tag, props, children) {
    var element = document.createElement(tag);
    Object.keys(props || {}).forEach(function (name) {
      var value = props[name];
      if (value === undefined || value === null || value === false) return;
      if (name === "text") element.textContent = value;
      else if (name === "className") element.className = value;
      else if (name.slice(0, 2) === "on") element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === "") return;
      element.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return element;
  }

  /* Replace everything inside an element. */
  function fill(element, children) {
    element.textContent = "";
    children.forEach(function (child) { if (child) element.appendChild(child); });
    return element;
  }

  /* Connect to a namespace; WebSocket first, long-polling if a network blocks it.
     The room's code also rides in the address (?room=), where a proxy in front of several
     workers reads it to send every request of one room to the worker that runs it. */
  function connect(namespace, auth) {
    var socket = io(namespace, {
      auth: auth,
      query: { room: auth.code },
      transports: ["websocket", "polling"],
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      timeout: 10000
    });
    /* Another worker is taking the room over (its own stopped): ask again in a moment. */
    socket.on("connect_error", function (error) {
      if (error && error.data && error.data.error === "moving") window.setTimeout(function () { socket.connect(); }, 1000);
    });
    return socket;
  }

  /* Return a function giving the seconds left on the voting timer, by the server's clock. */
  function countdown(state) {
    var arrived = performance.now();
    return function () {
      var deadline = state && state.voting && state.voting.deadline;
      if (!deadline) return null;
      var left = deadline - state.now - (performance.now() - arrived) / 1000;
      return Math.max(0, Math.ceil(left));
    };
  }

  /* Return seconds as a clock: 24 -> "00:24", 95 -> "01:35". */
  function clock(seconds) {
    var pad = function (x) { return (x < 10 ? "0" : "") + x; };
    return pad(Math.floor(seconds / 60)) + ":" + pad(seconds % 60);
  }

  /* Read a value from localStorage, which may be switched off (private mode). */
  function load(key) {
    try { return JSON.parse(window.localStorage.getItem(key)); } catch (error) { return null; }
  }

  /* Keep a value in localStorage when we can; null removes it. */
  function save(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) { /* private mode: keep it in memory only */ }
  }

  return { t: t, n: n, answered: answered, el: el, fill: fill, connect: connect, countdown: countdown, clock: clock, load: load, save: save };
})();

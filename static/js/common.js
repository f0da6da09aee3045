/* Shared helpers for every page: translated texts, elements, sockets, the server clock. */
"use strict";

var Classroom = (function () {
  var node = document.getElementById("texts");
  var texts = node ? JSON.parse(node.textContent) : {};

  /* Return a translated text, with {name} filled in from values. */
  function t(key, values) {
    var text = texts[key] || key;
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(values[name]));
    });
    return text;
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
      if (child) element.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return element;
  }

  /* Replace everything inside an element. */
  function fill(element, children) {
    element.textContent = "";
    children.forEach(function (child) { if (child) element.appendChild(child); });
    return element;
  }

  /* Connect to a namespace; WebSocket first, long-polling if a network blocks it. */
  function connect(namespace, auth) {
    return io(namespace, {
      auth: auth,
      transports: ["websocket", "polling"],
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      timeout: 10000
    });
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

  return { t: t, el: el, fill: fill, connect: connect, countdown: countdown, load: load, save: save };
})();

/* The projector's link: its own key (taken out of the address bar) and the teacher page as remote.
   The key comes after # in the link, which the browser never sends to the server; a photo of the
   projector then shows no key at all, and the teacher key never comes near this page. */
"use strict";

var ProjectorLink = (function () {
  var code = document.body.dataset.code, name = "classroom.projector." + code, rekeyed = null;

  function keep(key) { try { window.sessionStorage.setItem(name, key); } catch (error) { /* memory only */ } }
  function kept() { try { return window.sessionStorage.getItem(name); } catch (error) { return null; } }

  var found = /(?:^#|&)key=([^&]*)/.exec(window.location.hash);
  var auth = { code: code, key: found ? decodeURIComponent(found[1]) : kept() || "" };
  if (found) {
    keep(auth.key); /* a reload of this tab still finds it */
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }

  /* The teacher page that opened this window made a new projector key: reconnect with it. */
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== window.location.origin || event.source !== window.opener || !data) return;
    if (data.classroom !== "screen-key" || typeof data.key !== "string") return;
    auth.key = data.key;
    keep(data.key);
    if (rekeyed) rekeyed();
  });

  /* Ask the teacher page that opened this window to run a teacher event; false without one. */
  function press(event) {
    var teacher = window.opener;
    if (!teacher || teacher.closed) return false;
    teacher.postMessage({ classroom: "key-press", event: event }, window.location.origin);
    return true;
  }

  return { auth: auth, press: press, onRekey: function (callback) { rekeyed = callback; } };
})();

/* Draw a lesson's help set (who to call, chat, hours) the same way on phones and the projector.

   Drawn from whatever fields the help set has, in their order: a text becomes a paragraph, a
   service (or a list of them) a card. A field added to help sets later shows up without a change. */
"use strict";

var Help = (function () {
  var el = Classroom.el, t = Classroom.t;
  var OWN = { title: 1, intro: 1, emergency: 1, school: 1 };

  function host(url) { return url.replace(/^https?:\/\/(www\.)?/, "").replace(/\/$/, ""); }

  function isService(value) { return value && typeof value === "object" && !Array.isArray(value); }

  /* One service: its name, what it does (phones only), how to reach it and when. */
  function service(item, projector) {
    var parts = [el("strong", { className: "resource-name", text: item.name || "" })];
    Object.keys(item).forEach(function (key) {
      var value = item[key];
      // `open` is the machine form of `hours` (the server already put what is open now first).
      if (key === "name" || key === "chat" || key === "open" || value === null || value === "" || typeof value === "boolean") return;
      if (key === "about") { if (!projector) parts.push(el("p", { text: value })); return; }
      if (key === "phone") {
        parts.push(projector ? el("p", { className: "resource-phone", text: t("call") + " " + value })
          : el("a", { className: "button", href: "tel:" + String(value).replace(/[^\d+]/g, ""), text: t("call") + " " + value }));
        return;
      }
      if (key === "url" && projector && !item.chat && host(value).toLowerCase() === String(item.name).toLowerCase()) return; // its name says it
      if (key === "url") {
        var label = item.chat ? t("chat") : t("website");
        // the projector names a chat (it is a way to talk) and leaves "Website" out to keep the type large
        parts.push(projector ? el("p", { className: "resource-link", text: (item.chat ? label + ": " : "") + host(value) })
          : el("a", { className: "button", href: value, rel: "noopener noreferrer", target: "_blank", text: label + " · " + host(value) }));
        return;
      }
      if (typeof value === "string" || typeof value === "number") {
        var name = t("field_" + key);
        parts.push(el("p", { className: "hint resource-" + key, text: name === "field_" + key ? String(value) : name + ": " + value }));
      }
    });
    return el("li", { className: "resource" }, parts);
  }

  /* The school's own contact (the teacher's `classroom run --school`): always first. */
  function school(item, projector) {
    return el("div", { className: "school" }, [
      el("h3", { text: item.title }),
      item.contact ? el("p", { className: "school-contact" }, [el("strong", { text: item.contact })]) : null,
      // without a contact filled in, the projector says where to go instead of an empty box
      item.about && (!projector || !item.contact) ? el("p", { className: "school-about", text: item.about }) : null
    ]);
  }

  /* Return the element that shows a help set; `projector` leaves out the longer texts, and
     `titled === false` its title (under a help slide that has one). */
  function draw(help, projector, titled) {
    if (!help) return el("p", { text: t("no_help") });
    var parts = [titled === false ? null : el("h2", { className: "help-set-title", text: help.title })];
    if (help.school) parts.push(school(help.school, projector));
    // under a help slide the slide already speaks to the class: the projector keeps the room for the services
    if (help.intro && !(projector && titled === false)) parts.push(el("p", { className: "help-intro", text: help.intro }));
    if (help.emergency) parts.push(el("p", { className: "emergency", text: help.emergency }));
    Object.keys(help).forEach(function (key) {
      var value = help[key];
      if (OWN[key] || value === null) return;
      if (Array.isArray(value)) {
        var services = value.filter(isService);
        if (services.length) parts.push(el("ul", { className: "resources" }, services.map(function (s) { return service(s, projector); })));
      } else if (isService(value)) {
        parts.push(el("ul", { className: "resources" }, [service(value, projector)]));
      } else if (typeof value === "string") {
        parts.push(el("p", { className: "help-" + key, text: value }));
      }
    });
    return el("div", { className: "help-set" + (projector ? " help-set-projector" : "") }, parts);
  }

  return { draw: draw };
})();

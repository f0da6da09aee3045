/* Layout checks the fit walk runs inside a page: what overflows, what overlaps, what hides.
   Defines window.Layout; each check returns a list of problems, in words (empty: all good). */
(function () {
  var SHAPES = ".track, .column, .shape, .swatch, .letter, .fill, img, svg";

  function seen(element) {
    if (element.closest("[hidden], .visually-hidden")) return false;
    var style = getComputedStyle(element);
    if (style.visibility === "hidden" || style.display === "none" || Number(style.opacity) === 0) return false;
    var box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  }

  /* Elements that show something themselves: text of their own, or a shape. */
  function leaves(root) {
    return Array.prototype.filter.call(root.querySelectorAll("*"), function (element) {
      if (element.matches("script, style, br")) return false;
      var own = Array.prototype.some.call(element.childNodes, function (node) {
        return node.nodeType === 3 && node.textContent.trim();
      });
      return (own || element.matches(SHAPES)) && seen(element);
    });
  }

  function describe(element) {
    var text = (element.textContent || element.className || element.tagName).trim().replace(/\s+/g, " ");
    return element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") +
      (element.className && typeof element.className === "string" ? "." + element.className.split(" ")[0] : "") +
      " '" + text.slice(0, 40) + "'";
  }

  /* Everything visible stays inside the viewport; nothing is clipped by a box that hides overflow. */
  function outside(root) {
    var width = window.innerWidth, height = window.innerHeight, problems = [];
    leaves(root).forEach(function (element) {
      var box = element.getBoundingClientRect();
      if (box.left < -1 || box.top < -1 || box.right > width + 1 || box.bottom > height + 1) {
        problems.push("outside the screen: " + describe(element) + " at " + Math.round(box.left) + "," +
          Math.round(box.top) + " to " + Math.round(box.right) + "," + Math.round(box.bottom));
      }
    });
    Array.prototype.forEach.call(root.querySelectorAll("*"), function (element) {
      var style = getComputedStyle(element);
      var hides = /hidden|clip/.test(style.overflowX + style.overflowY);
      if (hides && seen(element) && !element.matches(".track, .visually-hidden") &&
          (element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1)) {
        problems.push("content cut off in " + describe(element) + ": " + element.scrollWidth + "x" +
          element.scrollHeight + " in " + element.clientWidth + "x" + element.clientHeight);
      }
    });
    var page = document.documentElement;
    if (page.scrollWidth > width + 1) problems.push("the page scrolls sideways: " + page.scrollWidth + " > " + width);
    return problems;
  }

  /* No two things drawn over each other (line by line for text that wraps). */
  function overlaps(root) {
    var problems = [], boxes = [];
    leaves(root).forEach(function (element) {
      Array.prototype.forEach.call(element.getClientRects(), function (box) { boxes.push([element, box]); });
    });
    for (var i = 0; i < boxes.length; i += 1) {
      for (var j = i + 1; j < boxes.length; j += 1) {
        var a = boxes[i], b = boxes[j];
        if (a[0] === b[0] || a[0].contains(b[0]) || b[0].contains(a[0])) continue;
        var wide = Math.min(a[1].right, b[1].right) - Math.max(a[1].left, b[1].left);
        var high = Math.min(a[1].bottom, b[1].bottom) - Math.max(a[1].top, b[1].top);
        if (wide > 2 && high > 2) problems.push("overlap: " + describe(a[0]) + " and " + describe(b[0]));
      }
    }
    return problems.slice(0, 5);
  }

  /* The projector: the whole page fits the screen, nothing scrolls, clips or overlaps. */
  function projector() {
    var page = document.documentElement, problems = [];
    if (page.scrollHeight > window.innerHeight + 1) problems.push("the page scrolls: " + page.scrollHeight + " > " + window.innerHeight);
    return problems.concat(outside(document.body), overlaps(document.body));
  }

  /* A phone: nothing sideways; every answer button reachable above the dock. */
  function phone() {
    var problems = outside(document.getElementById("main")).filter(function (p) { return p.indexOf("outside the screen") !== 0; });
    problems = problems.concat(overlaps(document.getElementById("main")));
    window.scrollTo(0, document.documentElement.scrollHeight);
    var dock = document.querySelector(".dock").getBoundingClientRect();
    Array.prototype.forEach.call(document.querySelectorAll("#main button, #main a, #main textarea, #main label.option"), function (target) {
      if (!seen(target)) return;
      var box = target.getBoundingClientRect();
      if (box.bottom > dock.top + 1) problems.push("under the dock even when scrolled down: " + describe(target));
      if (box.right > window.innerWidth + 1) problems.push("off the side: " + describe(target));
    });
    window.scrollTo(0, 0);
    return problems;
  }

  /* The phone's Ask panel (when the lesson has a question box): opened, checked, closed again. */
  function askPanel() {
    var opener = document.getElementById("ask-open");
    if (!opener || !seen(opener)) return [];
    opener.click();
    var panel = document.getElementById("ask");
    var problems = outside(panel).filter(function (p) { return p.indexOf("outside the screen") !== 0; })
      .concat(overlaps(panel)).map(function (p) { return "Ask panel: " + p; });
    Array.prototype.forEach.call(panel.querySelectorAll("button, textarea"), function (target) {
      var box = target.getBoundingClientRect();
      if (seen(target) && box.height < 44) problems.push("Ask panel: too small for a thumb: " + describe(target));
    });
    document.getElementById("ask-close").click();
    return problems;
  }

  /* The remote: its buttons in view at the top and at the bottom of the page; nothing sideways. */
  function remote() {
    var problems = outside(document.getElementById("main")).filter(function (p) { return p.indexOf("outside the screen") !== 0; });
    var ids = ["prev", "next", "voting", "reveal"];
    [0, document.documentElement.scrollHeight].forEach(function (y) {
      window.scrollTo(0, y);
      ids.forEach(function (id) {
        var box = document.getElementById(id).getBoundingClientRect();
        if (box.top < 0 || box.bottom > window.innerHeight || box.height < 44) problems.push("#" + id + " not in reach at scroll " + y);
      });
    });
    /* scrolled to the end, the last panel shows above a remote pinned at the bottom */
    var bar = document.querySelector(".remote").getBoundingClientRect();
    var bottom = Math.max.apply(null, Array.prototype.filter.call(document.querySelectorAll(".teach-main section"), seen)
      .map(function (section) { return section.getBoundingClientRect().bottom; }));
    if (bar.top > window.innerHeight / 2 && bottom > bar.top + 1) problems.push("the last panel stays under the remote");
    window.scrollTo(0, 0);
    return problems;
  }

  window.Layout = { projector: projector, phone: phone, remote: remote, askPanel: askPanel };
})();

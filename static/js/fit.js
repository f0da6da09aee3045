/* Fit, never scroll: shrink the projector's text until the step fits its screen.

   The teacher cannot scroll in front of a class (the keys drive the lesson), so nothing may run
   off the screen. After each draw the question shrinks first, then the rest, each down to a floor
   that stays readable; free-text phrases that still do not fit are left out, the least sent first,
   and counted in a line of their own. Sizes are custom properties the stylesheet multiplies by. */
"use strict";

var Fit = (function () {
  var STAGES = [["--q-fit", 0.8], ["--b-fit", 0.82], ["--q-fit", 0.62], ["--b-fit", 0.6]];
  var root = document.documentElement.style;

  function overflows(box) {
    return box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
  }

  /* Set `name` to the largest value between `floor` and its current value at which `box` fits. */
  function shrink(box, name, floor) {
    var high = Number(root.getPropertyValue(name)) || 1, low = floor;
    root.setProperty(name, String(low));
    if (overflows(box)) return false;
    for (var i = 0; i < 6; i += 1) {
      var middle = (low + high) / 2;
      root.setProperty(name, String(middle));
      if (overflows(box)) high = middle; else low = middle;
    }
    root.setProperty(name, String(low));
    return true;
  }

  /* Leave out the least-sent phrases until the box fits; say how many are left out. */
  function dropPhrases(box, more) {
    var items = box.querySelectorAll(".phrases > .phrase");
    var hidden = 0;
    for (var i = items.length - 1; i > 0 && overflows(box); i -= 1) {
      items[i].hidden = true;
      hidden += Number(items[i].dataset.count) || 1;
      if (more) more(hidden);
    }
  }

  /* Make `box`'s content fit inside it; `more(count)` writes the "and N more answers" line. */
  function fit(box, more) {
    root.setProperty("--q-fit", "1");
    root.setProperty("--b-fit", "1");
    if (!overflows(box)) return;
    for (var i = 0; i < STAGES.length; i += 1) {
      if (shrink(box, STAGES[i][0], STAGES[i][1])) return;
    }
    dropPhrases(box, more);
  }

  return { fit: fit, overflows: overflows };
})();

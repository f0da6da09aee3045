/* The report's Print button: the browser's own print dialog, which also saves as PDF. */
"use strict";

(function () {
  var button = document.getElementById("print-button");
  if (!button || !window.print) return;
  button.hidden = false; /* without this script, the hint below it says Ctrl+P */
  button.addEventListener("click", function () { window.print(); });
})();

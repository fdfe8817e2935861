// Rehearse enhancements. Every page works without this file; it only makes
// the practice form update in place (through htmx) and moves focus to the
// new feedback so screen-reader users hear it.
document.addEventListener("htmx:afterSwap", function () {
  var fb = document.getElementById("feedback") || document.getElementById("answer-error");
  if (fb) { fb.focus(); }
});

// Rehearse enhancements. Every page works without this file. It makes the
// practice form update in place (through htmx), moves focus to new
// feedback, and keeps drafts: every keystroke is copied to this browser's
// storage at once and sent to the server a few seconds later, and an empty
// answer box is refilled with the newest of the two copies.
(function () {
  "use strict";

  function init() {
    var box = document.getElementById("answer");
    if (!box || !box.dataset.question || box.dataset.ready) { return; }
    box.dataset.ready = "1";
    var q = box.dataset.question;
    var key = "rehearse-draft:" + q;
    var url = "/api/v1/questions/" + encodeURIComponent(q) + "/draft";
    var status = document.getElementById("draft-status");
    var dirty = false;
    var timer = null;

    function say(text) { if (status) { status.textContent = text; } }
    function keepLocal(text) {
      try { localStorage.setItem(key, JSON.stringify({ text: text, at: Date.now() })); } catch (e) { /* storage full or off */ }
    }
    function readLocal() {
      try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
    }
    function schedule(ms) { if (!timer) { timer = setTimeout(save, ms); } }
    function save() {
      timer = null;
      if (!dirty) { return; }
      dirty = false;
      fetch(url, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ answer: box.value }) })
        .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
        .then(function (d) { say("Draft saved at " + new Date(d.updated_at).toLocaleTimeString() + "."); })
        .catch(function () {
          dirty = true;
          say("Could not save the draft to the server; it is kept in this browser. Trying again.");
          schedule(5000);
        });
    }

    box.addEventListener("input", function () { keepLocal(box.value); dirty = true; schedule(2000); });
    // Submitting saves the answer as an attempt and drops the draft on the
    // server; a pending autosave must not bring the draft back afterwards.
    if (box.form) {
      box.form.addEventListener("submit", function () {
        dirty = false;
        if (timer) { clearTimeout(timer); timer = null; }
      });
    }

    if (document.getElementById("feedback")) {
      // The server saved this answer as an attempt and dropped the draft.
      try { localStorage.removeItem(key); } catch (e) { /* ignore */ }
      return;
    }
    if (box.value.trim() !== "") { return; }
    var mine = readLocal();
    fetch(url).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; }).then(function (d) {
      var best = null;
      if (d && d.answer) { best = { text: d.answer, at: Date.parse(d.updated_at) }; }
      if (mine && mine.text && (!best || mine.at > best.at)) { best = mine; }
      if (best && box.value.trim() === "") {
        box.value = best.text;
        say("Your draft was restored.");
        if (!d || d.answer !== best.text) { dirty = true; schedule(100); }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:afterSwap", function () {
    init();
    var target = document.getElementById("feedback") || document.getElementById("answer-error");
    if (target) { target.focus(); }
  });
})();

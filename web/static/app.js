// Rehearse enhancements. Every page works without this file. It makes the
// practice form update in place (through htmx), moves focus to new
// feedback, and keeps drafts: every keystroke is copied to this browser's
// storage at once and sent to the server a few seconds later, and an empty
// answer box is refilled with the newest of the two copies.
(function () {
  "use strict";

  function init() {
    var box = document.getElementById("answer");
    if (!box || box.dataset.ready) { return; }
    var key, url;
    if (box.dataset.draftUrl) {
      // A mock interview's step: its own draft key and address.
      key = "rehearse-draft:" + box.dataset.draftKey;
      url = box.dataset.draftUrl;
      forgetEarlierSteps(box.dataset.draftKey);
    } else if (box.dataset.question) {
      key = "rehearse-draft:" + box.dataset.question;
      url = "/api/v1/questions/" + encodeURIComponent(box.dataset.question) + "/draft";
    } else {
      return;
    }
    box.dataset.ready = "1";
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

  // forgetEarlierSteps drops this browser's copies of the drafts of an
  // interview's steps before the current one: they were answered.
  function forgetEarlierSteps(draftKey) {
    var parts = draftKey.split(":");
    var pos = Number(parts.pop());
    var prefix = "rehearse-draft:" + parts.join(":") + ":";
    try {
      for (var i = localStorage.length - 1; i >= 0; i--) {
        var k = localStorage.key(i);
        if (k && k.indexOf(prefix) === 0 && Number(k.slice(prefix.length)) < pos) { localStorage.removeItem(k); }
      }
    } catch (e) { /* storage off */ }
  }

  // The countdown of a strict mock interview: it runs from when the
  // question was first shown (a reload does not reset it), warns at 30
  // seconds, and at zero sends the answer as it stands.
  function initCountdown() {
    var box = document.getElementById("countdown");
    if (!box || box.dataset.ready) { return; }
    box.dataset.ready = "1";
    box.hidden = false;
    var limit = Number(box.dataset.limit);
    var started = Number(box.dataset.started) || Date.now();
    var clock = document.getElementById("countdown-clock");
    var status = document.getElementById("countdown-status");
    var answer = document.getElementById("answer");
    var form = box.closest("form");
    var warned = false, done = false, tick = null;
    function show() {
      var left = Math.max(0, Math.ceil(limit - (Date.now() - started) / 1000));
      clock.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      if (left <= 30 && left > 0 && !warned) { warned = true; status.textContent = "30 seconds left: bring it to a close."; }
      if (left === 0 && !done) {
        done = true;
        clearInterval(tick);
        if (answer.value.trim() !== "") {
          status.textContent = "Time is up: your answer is being sent.";
          if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
        } else {
          status.textContent = "Time is up. Write what you would say and send it to go on.";
        }
      }
    }
    show();
    tick = setInterval(show, 500);
  }

  function initPrint() {
    var buttons = document.querySelectorAll("[data-print]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () { window.print(); });
    }
  }

  // The speaking timer: the candidate starts it, answers aloud, stops it;
  // the time is sent with the answer so feedback can give words per minute.
  function initTimer() {
    var box = document.getElementById("timer");
    if (!box || box.dataset.ready) { return; }
    box.dataset.ready = "1";
    box.hidden = false;
    var toggle = document.getElementById("timer-toggle");
    var clock = document.getElementById("timer-clock");
    var status = document.getElementById("timer-status");
    var field = document.getElementById("duration");
    var min = Number(box.dataset.min), max = Number(box.dataset.max);
    var started = 0, tick = null, cued = 0;
    function show(sec) {
      clock.textContent = Math.floor(sec / 60) + ":" + String(Math.floor(sec % 60)).padStart(2, "0");
      if (sec >= max && cued < 2) { cued = 2; status.textContent = "That is " + max + " seconds: time to wrap up."; }
      else if (sec >= min && cued < 1) { cued = 1; status.textContent = "You are in the good range now."; }
    }
    toggle.addEventListener("click", function () {
      if (tick) {
        clearInterval(tick); tick = null;
        var sec = (Date.now() - started) / 1000;
        field.value = sec.toFixed(1);
        toggle.textContent = "Start speaking timer";
        status.textContent = "Timed at " + Math.round(sec) + " seconds; it will be sent with your answer.";
        return;
      }
      started = Date.now(); cued = 0; field.value = "";
      toggle.textContent = "Stop timer";
      status.textContent = "Timer running. Aim for " + min + " to " + max + " seconds.";
      show(0);
      tick = setInterval(function () { show((Date.now() - started) / 1000); }, 250);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { init(); initTimer(); initCountdown(); initPrint(); });
  document.addEventListener("htmx:afterSwap", function () {
    init();
    initTimer();
    var target = document.getElementById("feedback") || document.getElementById("answer-error");
    if (target) { target.focus(); }
  });
})();

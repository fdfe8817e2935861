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

  // Speaking mode: record the answer with MediaRecorder (kept on this
  // server, for playback; deletable) and, only when the candidate switches
  // it on, let the browser's speech recognition write down what she says.
  // The recording's length is sent as the speaking time.
  function initSpeak() {
    var box = document.getElementById("speak");
    if (!box || box.dataset.ready) { return; }
    box.dataset.ready = "1";
    var canRecord = !!(window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
    var Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
    if (!canRecord && !Recognition) { document.getElementById("speak-missing").hidden = false; return; }
    box.hidden = false;
    var toggle = document.getElementById("rec-toggle");
    var clock = document.getElementById("rec-clock");
    var status = document.getElementById("rec-status");
    var result = document.getElementById("rec-result");
    var audio = document.getElementById("rec-audio");
    var del = document.getElementById("rec-delete");
    var idField = document.getElementById("recording-id");
    var duration = document.getElementById("duration");
    var answer = document.getElementById("answer");
    var sw = document.getElementById("stt-switch");
    var recorder = null, stream = null, chunks = [], started = 0, tick = null, recog = null;

    if (Recognition) {
      document.getElementById("stt").hidden = false;
      try { sw.checked = localStorage.getItem("rehearse-speech-recognition") === "on"; } catch (e) { /* storage off */ }
      sw.addEventListener("change", function () {
        try { localStorage.setItem("rehearse-speech-recognition", sw.checked ? "on" : "off"); } catch (e) { /* storage off */ }
      });
    }
    if (!canRecord) {
      toggle.textContent = "Dictate my answer";
      status.textContent = "This browser cannot record audio here. Switch on speech recognition below to dictate.";
    }
    function show() {
      var sec = Math.floor((Date.now() - started) / 1000);
      clock.textContent = Math.floor(sec / 60) + ":" + String(sec % 60).padStart(2, "0");
    }
    function startRecognition() {
      if (!Recognition || !sw.checked) { return; }
      recog = new Recognition();
      recog.continuous = true;
      recog.interimResults = false;
      recog.lang = document.documentElement.lang || "en";
      recog.onresult = function (e) {
        for (var i = e.resultIndex; i < e.results.length; i++) {
          if (!e.results[i].isFinal) { continue; }
          var said = e.results[i][0].transcript.trim();
          if (said) {
            answer.value = answer.value.trim() ? answer.value.replace(/\s*$/, " ") + said : said;
            answer.dispatchEvent(new Event("input"));
          }
        }
      };
      recog.onerror = function (e) { status.textContent = "Speech recognition stopped (" + e.error + "). Type the rest of your answer."; };
      try { recog.start(); } catch (e) { recog = null; }
    }
    function dropUnsent() {
      // A recording not yet linked to an answer is replaced, not kept.
      if (idField.value) { fetch("/api/v1/recordings/" + idField.value, { method: "DELETE" }).catch(function () {}); }
      idField.value = "";
      audio.removeAttribute("src");
      result.hidden = true;
    }
    function begin() {
      started = Date.now();
      tick = setInterval(show, 250);
      show();
      toggle.textContent = canRecord ? "Stop recording" : "Stop dictating";
      toggle.classList.add("recording-on");
      startRecognition();
    }
    function start() {
      if (!canRecord) { begin(); status.textContent = "Listening."; return; }
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (s) {
        dropUnsent();
        stream = s;
        chunks = [];
        recorder = new MediaRecorder(s);
        recorder.ondataavailable = function (e) { if (e.data && e.data.size) { chunks.push(e.data); } };
        recorder.onstop = upload;
        recorder.start(1000);
        begin();
        status.textContent = "Recording. Select Stop recording when you have finished.";
      }).catch(function () {
        status.textContent = "The microphone is not available (permission refused, or no microphone). Type your answer instead.";
      });
    }
    function stop() {
      var sec = (Date.now() - started) / 1000;
      started = 0;
      clearInterval(tick);
      duration.value = sec.toFixed(1);
      toggle.textContent = canRecord ? "Record again" : "Dictate again";
      toggle.classList.remove("recording-on");
      if (recog) { try { recog.stop(); } catch (e) { /* already stopped */ } recog = null; }
      if (recorder) {
        recorder.stop();
        stream.getTracks().forEach(function (t) { t.stop(); });
      } else {
        status.textContent = "Timed at " + Math.round(sec) + " seconds; it will be sent with your answer.";
      }
    }
    function upload() {
      var type = (recorder && recorder.mimeType) || "audio/webm";
      var blob = new Blob(chunks, { type: type });
      recorder = null;
      status.textContent = "Saving the recording…";
      fetch("/api/v1/questions/" + encodeURIComponent(box.dataset.question) + "/recordings?duration_seconds=" + duration.value,
        { method: "POST", headers: { "Content-Type": type }, body: blob })
        .then(function (r) {
          return r.json().then(function (d) { if (!r.ok) { throw new Error(d.error ? d.error.message : "HTTP " + r.status); } return d; });
        })
        .then(function (d) {
          idField.value = d.recording.id;
          audio.src = "/api/v1/recordings/" + d.recording.id;
          result.hidden = false;
          status.textContent = "Recording saved: " + Math.round(d.recording.duration_seconds) + " seconds. It is kept with your answer when you get feedback.";
        })
        .catch(function (err) { status.textContent = "The recording could not be saved: " + err.message + " Your typed answer is not affected."; });
    }
    toggle.addEventListener("click", function () { if (started) { stop(); } else { start(); } });
    del.addEventListener("click", function () {
      var id = idField.value;
      if (!id) { return; }
      fetch("/api/v1/recordings/" + id, { method: "DELETE" }).then(function (r) {
        if (!r.ok && r.status !== 404) { throw new Error("HTTP " + r.status); }
        idField.value = "";
        audio.removeAttribute("src");
        result.hidden = true;
        status.textContent = "Recording deleted.";
      }).catch(function () { status.textContent = "The recording could not be deleted; try again."; });
    });
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

  document.addEventListener("DOMContentLoaded", function () { init(); initTimer(); initCountdown(); initSpeak(); initPrint(); });
  document.addEventListener("htmx:afterSwap", function () {
    init();
    initTimer();
    initSpeak();
    var target = document.getElementById("feedback") || document.getElementById("answer-error");
    if (target) { target.focus(); }
  });
})();

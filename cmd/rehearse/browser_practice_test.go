package main

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/sqlite"
)

// pageStep runs actions in the browser, then takes a screenshot, runs
// axe-core and checks that the page does not scroll sideways.
func pageStep(t *testing.T, ctx context.Context, axe, size string, width int64, name string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	screenshot(t, ctx, size+"-"+name)
	checkA11y(t, ctx, axe, size+" "+name)
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if err != nil || wide {
		t.Errorf("%s: page scrolls sideways at %d px (%v)", name, width, err)
	}
}

// submitAndWait clicks a submit button that navigates and waits for the
// new page's main heading.
func submitAndWait(t *testing.T, ctx context.Context, button string) {
	t.Helper()
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(button))); err != nil {
		t.Fatalf("submit %s: %v", button, err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("main h1"))); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserMockInterview runs a whole 5-question mock interview in
// Chromium the way a candidate does, on a desktop (time limits on) and on
// a phone screen: setup, every question typed, a reload in the middle that
// brings the autosaved draft back, the printable report; then a review
// session through a due question and a due story, starting from the home
// page's count. axe-core runs on every page.
func TestBrowserMockInterview(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rehearse.db")
	a := startApp(t, db)
	ctx, axe := browser(t)
	store, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for _, size := range []struct {
		name   string
		w, h   int64
		strict bool
	}{{"desktop", 1280, 900, true}, {"phone", 360, 780, false}} {
		t.Run(size.name, func(t *testing.T) {
			step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				pageStep(t, ctx, axe, size.name, size.w, name, actions...)
			}
			step("interview-setup", chromedp.EmulateViewport(size.w, size.h), chromedp.Navigate(a.URL+"/roles/"+mom),
				chromedp.Click(chromedp.CSS(`a[href="/roles/`+mom+`/interview"]`)), chromedp.WaitVisible(chromedp.CSS("form.setup-form")))
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`input[name="area"][value="revenue-cycle"]`))); err != nil {
				t.Fatal(err)
			}
			if size.strict {
				if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`input[name="strict"]`))); err != nil {
					t.Fatal(err)
				}
			}
			submitAndWait(t, ctx, `.setup-form button[type="submit"]`)
			for n := 0; n < 12; n++ {
				onStep, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector('input[name="position"]')`))
				if err != nil {
					t.Fatal(err)
				}
				if !onStep {
					break
				}
				name := "interview-step-" + strconv.Itoa(n+1)
				step(name, chromedp.WaitVisible(chromedp.CSS("#answer")))
				guidance, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#why, #tp, details.example, .points').length`))
				if err != nil || guidance != 0 {
					t.Errorf("%s shows guidance (%d, %v)", name, guidance, err)
				}
				if size.strict {
					running, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!document.getElementById("countdown").hidden && /^\d:\d\d$/.test(document.getElementById("countdown-clock").textContent)`))
					if err != nil || !running {
						t.Errorf("%s: no countdown running in a strict interview (%v)", name, err)
					}
				}
				answer := "First I would pull the numbers for the last three months and find where it breaks, then I would meet the team, agree on two changes and check the result after thirty days. " + size.name
				if n == 1 {
					// Type half, let the server acknowledge the draft, reload
					// with this browser's copy gone: the draft comes back.
					half := "I would start with the denial report by payer and reason code"
					if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#answer"), half),
						void(chromedp.Poll[bool](`document.getElementById("draft-status").textContent.startsWith("Draft saved")`, chromedp.WithPollingTimeout(10*time.Second)))); err != nil {
						t.Fatalf("autosave in the interview: %v", err)
					}
					if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`localStorage.clear(), true`)); err != nil {
						t.Fatal(err)
					}
					step("interview-draft-restored", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#answer")))
					restored, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#answer")))
					if err != nil || restored != half {
						t.Fatalf("after a reload the interview answer box holds %q (%v), want the draft", restored, err)
					}
					answer = ", then fix the intake steps that cause them and report the dollars to the partners. " + size.name
				}
				if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#answer"), answer)); err != nil {
					t.Fatal(err)
				}
				submitAndWait(t, ctx, `.practice-form button[type="submit"]`)
			}
			step("interview-report", chromedp.WaitVisible(chromedp.CSS("#r-areas")))
			report, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
			if err != nil || !strings.Contains(report, "Mock interview report") || !strings.Contains(report, "What to practise next") ||
				strings.Count(report, "Full feedback on this answer") < 4 {
				t.Errorf("report is incomplete (%v):\n%.600s", err, report)
			}
			printable, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!document.querySelector("[data-print]").hidden &&
				[...document.styleSheets].some(s => [...s.cssRules].some(r => r.media && r.media.mediaText === "print"))`))
			if err != nil || !printable {
				t.Errorf("the report has no print button or no print stylesheet (%v)", err)
			}
			step("interviews", chromedp.Navigate(a.URL+"/interviews"), chromedp.WaitVisible(chromedp.CSS("table.history")))

			// A review session: one question and one story due.
			past := time.Now().UTC().Add(-time.Hour)
			if err := store.SaveCard(context.Background(), rehearse.LocalUserID, &rehearse.Card{Kind: rehearse.CardQuestion, Ref: "mom-bg-career-path", Due: past}); err != nil {
				t.Fatal(err)
			}
			st := &rehearse.Story{Role: mom, Title: "Cut days in A/R " + size.name, Situation: "Days in A/R were 48.", Action: "Weekly denial reviews.", Result: "37 days within a year."}
			if err := store.SaveStory(context.Background(), rehearse.LocalUserID, st); err != nil {
				t.Fatal(err)
			}
			if _, err := store.UpdateCard(context.Background(), rehearse.LocalUserID, rehearse.CardStory, strconv.FormatInt(st.ID, 10), func(c *rehearse.Card) error {
				c.Due = past.Add(time.Minute)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			step("home-due", chromedp.Navigate(a.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".today")))
			// The interview put its questions on the schedule too (weak
			// answers come back within minutes), so at least these two are due.
			due, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".today strong")))
			if n, _ := strconv.Atoi(due); err != nil || n < 2 {
				t.Errorf("home page shows %q due, want at least 2 (%v)", due, err)
			}
			if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`.today a[href="/review/session"]`))); err != nil {
				t.Fatal(err)
			}
			// Walk the session: answer and rate each question, tell and rate
			// each story, until it says it is complete.
			sawQuestion, sawStory := false, false
			for n := 0; n < 20; n++ {
				kind, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname === "/review" ? "done" : document.querySelector('form[action^="/stories/"]') ? "story" : "question"`))
				if err != nil {
					t.Fatal(err)
				}
				if kind == "done" {
					break
				}
				if kind == "story" {
					sawStory = true
					step("review-story", chromedp.WaitVisible(chromedp.CSS(`form[action^="/stories/"]`)),
						chromedp.Click(chromedp.CSS("details.example > summary")), chromedp.WaitVisible(chromedp.CSS("dl.star")))
					submitAndWait(t, ctx, `.rate-form button[type="submit"]`)
					continue
				}
				sawQuestion = true
				step("review-question", chromedp.WaitVisible(chromedp.CSS("#answer")))
				if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#answer"), practiceAnswer)); err != nil {
					t.Fatal(err)
				}
				submitAndWait(t, ctx, `.practice-form button[type="submit"]`)
				step("review-feedback", chromedp.WaitVisible(chromedp.CSS("#feedback .verdict")))
				// Rate it "good" so that it does not come back within the test.
				if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.rate-form input[value="good"]`))); err != nil {
					t.Fatal(err)
				}
				submitAndWait(t, ctx, `.rate-form button[type="submit"]`)
			}
			if !sawQuestion || !sawStory {
				t.Errorf("the review session showed a question: %v, a story: %v", sawQuestion, sawStory)
			}
			step("review-done", chromedp.WaitVisible(chromedp.CSS("main h1")))
			done, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
			if err != nil || !strings.Contains(done, "Review session complete") || !strings.Contains(done, "next review") {
				t.Errorf("end of the review session says %q (%v)", done, err)
			}
		})
	}
}

// TestBrowserSpeaking records an answer through the speaking mode with
// Chromium's fake microphone: the recording is saved on the server, plays
// back, is linked to the attempt, and is deleted from the attempt page.
// Speech recognition is offered but off until the candidate turns it on.
func TestBrowserSpeaking(t *testing.T) {
	a := startApp(t, "")
	ctx, axe := browser(t)
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		pageStep(t, ctx, axe, "desktop", 1280, name, actions...)
	}
	step("speak", chromedp.Navigate(a.URL+"/questions/mom-bg-software-tools"), chromedp.WaitVisible(chromedp.CSS("#rec-toggle")))
	off, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("stt").hidden || !document.getElementById("stt-switch").checked`))
	if err != nil || !off {
		t.Errorf("speech recognition is on before the candidate chose it (%v)", err)
	}
	step("speak-recorded", chromedp.Click(chromedp.CSS("#rec-toggle")), chromedp.Sleep(2500*time.Millisecond), chromedp.Click(chromedp.CSS("#rec-toggle")),
		void(chromedp.Poll[bool](`document.getElementById("rec-status").textContent.startsWith("Recording saved")`, chromedp.WithPollingTimeout(15*time.Second))))
	info, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("recording-id").value + " " + document.getElementById("duration").value`))
	if err != nil {
		t.Fatal(err)
	}
	id, secs, _ := strings.Cut(info, " ")
	if d, _ := strconv.ParseFloat(secs, 64); id == "" || d < 2 {
		t.Fatalf("after recording: id %q, duration %q", id, secs)
	}
	ctype, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch("/api/v1/recordings/`+id+`").then(r => r.headers.get("Content-Type") + " " + r.status)`, chromedp.EvalAwaitPromise))
	if err != nil || ctype != "audio/webm 200" {
		t.Errorf("the recording plays back as %q (%v)", ctype, err)
	}
	step("speak-feedback", chromedp.SendKeys(chromedp.CSS("#answer"), "I was the super user for athenahealth and built our templates, reports and the eligibility work queue."),
		chromedp.Click(chromedp.CSS(`.practice-form button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS("#feedback .verdict")))
	wpm, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("fb-delivery").parentElement.textContent.includes("words a minute")`))
	if err != nil || !wpm {
		t.Errorf("the recorded length did not give words per minute (%v)", err)
	}
	step("speak-attempt", chromedp.Navigate(a.URL+"/questions/mom-bg-software-tools/attempts"), chromedp.Click(chromedp.CSS(`table.history a[href^="/attempts/"]`)),
		chromedp.WaitVisible(chromedp.CSS(`audio[src="/api/v1/recordings/`+id+`"]`)))
	submitAndWait(t, ctx, `form[action="/recordings/`+id+`/delete"] button`)
	left, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("audio").length + (document.getElementById("feedback") ? 0 : 10)`))
	if err != nil || left != 0 {
		t.Errorf("after deleting, the attempt page has %d players or lost its feedback (%v)", left, err)
	}
}

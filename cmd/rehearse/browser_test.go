package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rehearse/rehearse/internal/testenv"
)

// browser starts headless Chromium for a test. The test is skipped unless
// REHEARSE_TEST_BROWSER names the Chromium binary; CI sets it (and
// REHEARSE_TEST_AXE, the path of axe.min.js), so there it is required.
func browser(t *testing.T) (context.Context, string) {
	t.Helper()
	bin := testenv.Get(t, "REHEARSE_TEST_BROWSER", "browser tests")
	axePath := os.Getenv("REHEARSE_TEST_AXE")
	if axePath == "" {
		t.Fatal("REHEARSE_TEST_BROWSER is set but REHEARSE_TEST_AXE is not; run scripts/test-deps.sh")
	}
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.NoSandbox,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		// A fake microphone (a tone) that needs no permission prompt, for
		// speaking mode.
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 5*time.Minute)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx, string(axe)
}

// axeViolation is the part of an axe-core result that a failure shows.
type axeViolation struct {
	ID    string `json:"id"`
	Help  string `json:"help"`
	Nodes []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

// checkA11y runs axe-core on the current page against WCAG 2.2 A and AA
// and best practices, and fails on any violation.
func checkA11y(t *testing.T, ctx context.Context, axe, name string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		t.Fatalf("%s: inject axe: %v", name, err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa','best-practice']}}).then(r => JSON.stringify(r.violations))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: axe.run: %v", name, err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprint(n.Target)+" "+n.HTML)
		}
		t.Errorf("%s: axe %s: %s\n  %s", name, v.ID, v.Help, strings.Join(where, "\n  "))
	}
}

// screenshot saves a PNG of the page when REHEARSE_SCREENSHOTS names a
// folder, so a person can look at what the test saw.
func screenshot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("REHEARSE_SCREENSHOTS")
	if dir == "" {
		return
	}
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		t.Error(err)
	}
}

// practiceAnswer is a candidate's typed answer to the first sample question.
const practiceAnswer = "For four years I managed a three-physician family medicine practice with eleven staff. " +
	"I owned scheduling, billing with our outside coder, payroll and hiring. I brought days in A/R from 48 to 37 in a year."

// TestBrowserJourney walks catalog → role → question → reveal example →
// practise an answer and read the feedback → glossary → search the way a
// candidate does, in a real Chromium, and runs
// axe-core on every page, on a desktop and on a 360 px phone screen.
func TestBrowserJourney(t *testing.T) {
	a := startApp(t, "")
	ctx, axe := browser(t)
	for _, size := range []struct {
		name string
		w, h int64
	}{{"desktop", 1280, 900}, {"phone", 360, 780}} {
		t.Run(size.name, func(t *testing.T) {
			step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				if err := chromedp.Do(ctx, actions...); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				screenshot(t, ctx, size.name+"-"+name)
				checkA11y(t, ctx, axe, size.name+" "+name)
				wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
				if err != nil || wide {
					t.Errorf("%s: page scrolls sideways at %d px (%v)", name, size.w, err)
				}
			}
			step("catalog", chromedp.EmulateViewport(size.w, size.h), chromedp.Navigate(a.URL+"/"),
				chromedp.WaitVisible(chromedp.CSS(`a[href="/roles/`+mom+`"]`)))
			step("role", chromedp.Click(chromedp.CSS(`a[href="/roles/`+mom+`"]`)),
				chromedp.WaitVisible(chromedp.CSS("ol.qlist")))
			step("question", chromedp.Click(chromedp.CSS(`a[href="/questions/mom-bg-previous-experience"]`)),
				chromedp.WaitVisible(chromedp.CSS("h2#tp")))
			hidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelectorAll('details.example')[1].open`))
			if err != nil || hidden {
				t.Fatalf("experienced example open before the reveal (%v)", err)
			}
			step("question-revealed", chromedp.Click(chromedp.CSS("details.example:nth-of-type(2) > summary")),
				chromedp.WaitVisible(chromedp.CSS("details.example[open] .prose p")))
			// Clicking the button goes through htmx: the page is not
			// reloaded, the feedback replaces the practice area in place.
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.notReloaded = true`)); err != nil {
				t.Fatal(err)
			}
			// The speaking timer: start, wait, stop; the time goes with the
			// answer and the feedback gives words per minute.
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#timer-toggle")), chromedp.Sleep(1200*time.Millisecond),
				chromedp.Click(chromedp.CSS("#timer-toggle"))); err != nil {
				t.Fatal(err)
			}
			typed := practiceAnswer + " I also ran payroll on the " + size.name + " team."
			step("feedback", chromedp.SendKeys(chromedp.CSS("#answer"), typed), chromedp.Click(chromedp.CSS(`.practice-form button[type="submit"]`)),
				chromedp.WaitVisible(chromedp.CSS("#feedback .verdict")))
			inPlace, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.notReloaded === true && document.activeElement.id === "feedback"`))
			if err != nil || !inPlace {
				t.Errorf("feedback did not arrive in place with focus on it (%v)", err)
			}
			kept, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#answer")))
			if err != nil || kept != typed {
				t.Errorf("the answer box did not keep the answer after feedback (%v)", err)
			}
			wpm, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("fb-delivery").parentElement.textContent.includes("words a minute")`))
			if err != nil || !wpm {
				t.Errorf("the timed answer got no words-per-minute figure (%v)", err)
			}
			marks, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#feedback mark.tp').length`))
			if err != nil || marks == 0 {
				t.Errorf("feedback highlights no talking point in the answer (%d, %v)", marks, err)
			}
			// A suggested job term shows its definition when tapped.
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#feedback .term-button")),
				void(chromedp.Poll[bool](`!!document.querySelector(".term-pop:popover-open")`, chromedp.WithPollingTimeout(5*time.Second)))); err != nil {
				t.Errorf("tapping a suggested term does not show its definition: %v", err)
			}
			screenshot(t, ctx, size.name+"-term-definition")
			if err := chromedp.Do(ctx, chromedp.KeyEvent("\x1b")); err != nil {
				t.Fatal(err)
			}
			// Rate the attempt for spaced repetition: the desktop run schedules
			// the card; the phone run rates it again before it is due and
			// gets a clear refusal.
			if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`.rate-form button[type="submit"]`))); err != nil {
				t.Fatalf("rate: %v", err)
			}
			step("review", chromedp.WaitVisible(chromedp.CSS("main h1")))
			msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
			if err != nil || (size.name == "desktop" && !strings.Contains(msg, "Next review of")) || (size.name == "phone" && !strings.Contains(msg, "not due for review")) {
				t.Errorf("review page after rating says %q (%v)", msg, err)
			}
			step("attempts", chromedp.Navigate(a.URL+"/questions/mom-bg-previous-experience/attempts"),
				chromedp.WaitVisible(chromedp.CSS("table.history")))

			if size.name == "phone" { // the desktop run left an earlier attempt
				step("compare", chromedp.Click(chromedp.CSS(`table.history a[href*="/compare"]`)),
					chromedp.WaitVisible(chromedp.CSS("table.compare-points")))
			}

			// Autosave: type, wait for the server to acknowledge, reload
			// with the browser's copy cleared: the server's draft comes back.
			draftQ := a.URL + "/questions/mom-bg-motivation-healthcare-admin"
			if size.name == "phone" {
				draftQ = a.URL + "/questions/mom-bg-medical-terminology"
			}
			draft := "I started at a clinic front desk after college and " + size.name
			step("draft", chromedp.Navigate(draftQ), chromedp.SendKeys(chromedp.CSS("#answer"), draft),
				void(chromedp.Poll[bool](`document.getElementById("draft-status").textContent.startsWith("Draft saved")`, chromedp.WithPollingTimeout(10*time.Second))))
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`localStorage.clear(), true`)); err != nil {
				t.Fatal(err)
			}
			step("draft-restored", chromedp.Reload(),
				void(chromedp.Poll[bool](`document.getElementById("answer").value.length > 0`, chromedp.WithPollingTimeout(10*time.Second))))
			restored, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#answer")))
			if err != nil || restored != draft {
				t.Errorf("after reload the answer box holds %q (%v), want the draft %q", restored, err, draft)
			}

			step("progress", chromedp.Navigate(a.URL+"/roles/"+mom+"/progress"), chromedp.WaitVisible(chromedp.CSS("svg.chart")))
			step("stories", chromedp.Navigate(a.URL+"/roles/"+mom+"/stories"), chromedp.WaitVisible(chromedp.CSS("form.story-form")))
			if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#s-title"), "Cut days in A/R "+size.name),
				chromedp.SendKeys(chromedp.CSS("#s-result"), "Days in A/R fell from 48 to 37 in a year."),
				chromedp.Click(chromedp.CSS(`input[name="area"][value="revenue-cycle"]`))); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`.story-form button[type="submit"]`))); err != nil {
				t.Fatalf("save story: %v", err)
			}
			step("story-saved", chromedp.WaitVisible(chromedp.CSS(`ul.cards a[href^="/stories/"]`)))
			if saved, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("ul.cards"))); err != nil || !strings.Contains(saved, "Cut days in A/R "+size.name) {
				t.Errorf("the new story is not listed (%v)", err)
			}

			step("glossary", chromedp.Navigate(a.URL+"/roles/"+mom+"/glossary"), chromedp.WaitVisible(chromedp.CSS("dl.terms")))
			step("search", chromedp.SendKeys(chromedp.CSS("#site-q"), "HIPAA"), chromedp.Submit(chromedp.CSS("#site-q")),
				chromedp.WaitVisible(chromedp.CSS("ol.results mark")))
			step("tips", chromedp.Navigate(a.URL+"/roles/"+mom+"/tips"), chromedp.WaitVisible(chromedp.CSS("article.tip")))
			step("not-found", chromedp.Navigate(a.URL+"/roles/no-such-role"), chromedp.WaitVisible(chromedp.CSS("h1")))
		})
	}
}

// void runs an action for its effect and drops its value.
func void[T any](a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := a(ctx, t)
		return chromedp.Void{}, err
	}
}

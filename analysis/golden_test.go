package analysis_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var situational = &rehearse.Question{
	ID: "t-late", Text: "A provider is running 45 minutes late and the waiting room is full. What do you do?",
	Type: rehearse.Situational, Level: rehearse.Experienced,
	TalkingPoints: []rehearse.TalkingPoint{
		{Label: "Tells waiting patients", Phrases: []string{"tell the patients", "update the waiting room", "apologize"}},
		{Label: "Offers options", Phrases: []string{"offer to reschedule", "another provider", "come back later"}},
		{Label: "Fixes the template", Phrases: []string{"adjust the schedule", "buffer slots", "catch-up slot"}},
	},
	FollowUps: []string{"What if the provider is always late?"},
	Terms:     []string{"No-show rate"},
}

var technical = &rehearse.Question{
	ID: "t-pa", Text: "What is prior authorization and how do you keep it from delaying care?",
	Type: rehearse.Technical, Level: rehearse.Entry,
	TalkingPoints: []rehearse.TalkingPoint{
		{Label: "Defines it", Phrases: []string{"approval from the payer", "before the service"}},
		{Label: "Tracks requests", Phrases: []string{"authorization log", "track every request"}},
	},
	Terms: []string{"PA", "EHR"},
}

// goldenCases are answers whose full result is pinned, so that a change
// meant to make the engine faster can prove it changes no output.
var goldenCases = []struct {
	name   string
	answer string
	q      *rehearse.Question
	secs   float64
}{
	{"bench-250", answer250, question, 0},
	{"strong-story", "At my last practice, a six-provider orthopedic group, our denial rate was 11% and most denials were front-end errors. " +
		"I was responsible for fixing registration. I pulled the denials report by reason code, then I set up a rule that we verify eligibility two days before every visit. " +
		"I built an authorization log for prior authorization on imaging, and I trained the front desk with short scripting sessions every Tuesday. " +
		"Within two quarters the denial rate fell from 11% to 5%, and it has stayed under 6% since. We now review the denials report every Monday. " +
		"What I learned is that the fix has to live in the daily routine, not in a one-time class, so the checks are part of our morning huddle.", question, 95},
	{"warnings", "Um, honestly the payers are crooks. It was all the front desk's fault and my old boss was incompetent. " +
		"Mrs. Alvarez was diagnosed with diabetes; I called her at 555-201-3344, DOB 04/12/1961, MRN 00482913. " +
		"I never verified eligibility, but denials dropped a lot and, um, I basically kind of fixed it, you know.", question, 30},
	{"hypothetical", "I would check eligibility two days ahead and I would train the front desk on scripting. I think I'd also build a PA tracker in the EHR.", question, 0},
	{"off-topic", "On weekends I like hiking with my dogs, and last summer we walked the whole coast trail together.", question, 0},
	{"keyword-list", "Eligibility verification, prior authorization, denial rate, training session.", question, 0},
	{"unicode", "Café staff said “we’re late” — so I didn’t wait: I updated the waiting room, apologized and offered to reschedule anyone who couldn’t stay.\n\n- First: adjust the schedule.\n- Then add buffer slots (10 min) per day.", situational, 0},
	{"situational", "First I would tell the patients in the waiting room how long the delay is and apologize. Then I would offer to reschedule or see another provider. " +
		"Afterwards I review the template with the provider and add a catch-up slot, and I track how often it happens so we can prevent a repeat.", situational, 60},
	{"technical", "Prior authorization means getting approval from the payer before the service. For example, at my clinic I keep an authorization log in the EHR and we track every request daily.", technical, 0},
}

// TestGolden pins the full JSON result of a few answers
// (testdata/golden/*.json; go test -run Golden -update rewrites them).
func TestGolden(t *testing.T) {
	other := rehearse.Question{ID: "t-budget", Text: "How do you build the annual budget for a practice?",
		TalkingPoints: []rehearse.TalkingPoint{{Label: "Starts from actuals", Phrases: []string{"last year's actuals", "payroll", "supply costs", "budget variance", "monthly review"}}}}
	role := analysis.NewRoleIndex([]rehearse.Question{*question, *situational, *technical, other})
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			r := analysis.Analyze(analysis.Input{Answer: tc.answer, Question: tc.q, Glossary: glossary, DurationSeconds: tc.secs, Role: role})
			got, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", tc.name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run Golden -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)+"\n"); diff != "" {
				t.Errorf("Analyze(%s) changed (-want +got):\n%s", tc.name, diff)
			}
			// A precompiled rubric gives the same result.
			rb := analysis.Compile(tc.q, glossary)
			r2 := analysis.Analyze(analysis.Input{Answer: tc.answer, Question: tc.q, Glossary: glossary, DurationSeconds: tc.secs, Role: role, Rubric: rb})
			got2, _ := json.MarshalIndent(r2, "", "  ")
			if string(got2) != string(got) {
				t.Errorf("Analyze(%s) with a compiled rubric differs", tc.name)
			}
		})
	}
}

// TestConcurrentAnalyses runs analyses of different answers at once: the
// recycled per-answer state and the shared word cache must not mix them.
func TestConcurrentAnalyses(t *testing.T) {
	want := map[string]string{}
	for _, tc := range goldenCases {
		b, _ := json.Marshal(analysis.Analyze(analysis.Input{Answer: tc.answer, Question: tc.q, Glossary: glossary}))
		want[tc.name] = string(b)
	}
	done := make(chan error)
	for g := 0; g < 8; g++ {
		go func() {
			for i := 0; i < 30; i++ {
				tc := goldenCases[(g+i)%len(goldenCases)]
				// Fresh words on every round exercise the cache's growth.
				analysis.Analyze(analysis.Input{Answer: tc.answer + " Zq" + strings.Repeat("x", g+i) + " word.", Question: tc.q, Glossary: glossary})
				b, _ := json.Marshal(analysis.Analyze(analysis.Input{Answer: tc.answer, Question: tc.q, Glossary: glossary}))
				if string(b) != want[tc.name] {
					done <- fmt.Errorf("%s: concurrent result differs", tc.name)
					return
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 8; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

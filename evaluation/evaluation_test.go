package evaluation_test

import (
	"os"
	"strings"
	"testing"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
	"github.com/rehearse/rehearse/content"
	"github.com/rehearse/rehearse/evaluation"
	"github.com/rehearse/rehearse/pack"
)

// ShippedLookup finds questions in the shipped packs.
func shippedLookup(t *testing.T) evaluation.Lookup {
	t.Helper()
	packs, problems := pack.ReadAll(content.FS, ".")
	if len(problems) > 0 {
		t.Fatalf("shipped packs have problems: %v", problems)
	}
	return evaluation.PackLookup(packs)
}

// floor is what the engine measured on the set when this test was last
// raised, rounded down: a change that makes it worse fails, as does one
// below the goals of the feedback issue (evaluation.Goals, which `rehearse
// eval` also checks).
//
// 2026-11-27 (fourth session): ordering 0.955, precision 0.987, recall
// 0.992, off-topic 1.000. Helpers rewriting every pack's cue phrases read
// this set's misses, so it now overstates quality on unseen answers; the
// honest figures come from analysis/testdata/heldout (five sets, fourth
// session of 2026-11-27: ordering 0.916, precision 0.905, recall 0.853,
// off-topic 0.933; sets 3 and 5, never read: 0.921 / 0.919 / 0.841 /
// 0.917), which nobody tunes on.
var floor = evaluation.Metrics{Ordering: 0.95, Precision: 0.97, Recall: 0.99, OffTopicFlagged: 1.00}

// maxFalselyWithheld is the share of strong and adequate answers that may
// lose all credit to a flag (measured 0 on 2026-11-26).
const maxFalselyWithheld = 0.02

// measure runs the engine over the set in analysis/testdata/dir.
func measure(t *testing.T, dir string) evaluation.Metrics {
	t.Helper()
	entries, err := evaluation.Load(os.DirFS("../analysis/testdata"), dir)
	if err != nil {
		t.Fatal(err)
	}
	m, err := evaluation.Run(entries, shippedLookup(t))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestEngineQuality runs the engine over the evaluation set, logs the
// metrics against the goals, and fails below the floor.
func TestEngineQuality(t *testing.T) {
	m := measure(t, "eval")
	t.Logf("\n%s", m)
	if m.Questions < 30 || m.Answers < 240 {
		t.Errorf("the set has %d questions and %d answers; the goal is at least 30 and 240", m.Questions, m.Answers)
	}
	for _, b := range m.Below(evaluation.Goals) {
		t.Error("below the goal: " + b)
	}
	for _, b := range m.Below(floor) {
		t.Error("regression: " + b)
	}
	if m.FalselyWithheld > maxFalselyWithheld {
		t.Errorf("regression: %.3f of strong and adequate answers lost all credit to a flag (at most %.2f)", m.FalselyWithheld, maxFalselyWithheld)
	}
	if t.Failed() {
		for _, miss := range m.Misses {
			t.Log(miss)
		}
	}
}

// heldOutFloor guards the held-out sets against regressions, well below
// what they measured (see floor), and without printing their misses: they
// are for measuring, not tuning (analysis/testdata/heldout/README.md).
var heldOutFloor = evaluation.Metrics{Ordering: 0.88, Precision: 0.85, Recall: 0.83, OffTopicFlagged: 0.88}

// TestHeldOut logs the engine's figures on answers written blind to it.
func TestHeldOut(t *testing.T) {
	m := measure(t, "heldout")
	m.Misses = nil
	t.Logf("held out:\n%s", m)
	for _, b := range m.Below(heldOutFloor) {
		t.Error("regression on the held-out answers: " + b)
	}
}

// probeFloor guards the probe answers (analysis/testdata/probes), to which
// the packs' cue phrases were fitted on 2026-11-27: ordering 1.000,
// precision 0.992, recall 0.992 then.
var probeFloor = evaluation.Metrics{Ordering: 0.99, Precision: 0.98, Recall: 0.98}

// TestProbes fails when a change to a pack or the engine loses ways of
// answering that the packs were fitted to.
func TestProbes(t *testing.T) {
	m := measure(t, "probes")
	if m.Questions < 386 {
		t.Errorf("probes cover %d questions; every shipped question has three", m.Questions)
	}
	t.Logf("probes:\n%s", m)
	for _, b := range m.Below(probeFloor) {
		t.Error("regression on the probe answers: " + b)
	}
	if t.Failed() {
		for _, miss := range m.Misses {
			t.Log(miss)
		}
	}
}

func TestRunRejectsBadLabels(t *testing.T) {
	q := &rehearse.Question{ID: "q", Text: "How?", TalkingPoints: []rehearse.TalkingPoint{{Label: "A", Phrases: []string{"alpha"}}}}
	lookup := func(id string) (*rehearse.Question, []rehearse.Term, *analysis.RoleIndex, bool) {
		return q, nil, nil, id == "q"
	}
	for _, e := range [][]evaluation.Entry{
		{{Question: "nope"}},
		{{Question: "q", Answers: []evaluation.Answer{{Level: "great", Text: "x"}}}},
		{{Question: "q", Answers: []evaluation.Answer{{Level: "strong", Covers: []string{"B"}, Text: "x"}}}},
	} {
		if _, err := evaluation.Run(e, lookup); err == nil {
			t.Errorf("Run(%+v) = nil error", e)
		}
	}
}

// TestRedFlagsOnGoodAnswers guards the red flags' precision: strong and
// adequate answers in every committed set (the evaluation set, the
// held-out sets and the probes) rarely do what interviewers watch for,
// so a red flag on one is almost always a false alarm that accuses a good
// answer. On 2026-11-27, after red flags were confined to one clause and
// to sentences without an earlier negation: 29 of 1,144 (0.025), from 54
// (0.047).
func TestRedFlagsOnGoodAnswers(t *testing.T) {
	lookup := shippedLookup(t)
	good, flagged := 0, 0
	for _, dir := range []string{"eval", "heldout", "probes"} {
		entries, err := evaluation.Load(os.DirFS("../analysis/testdata"), dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			q, glossary, role, ok := lookup(e.Question)
			if !ok {
				t.Fatalf("unknown question %s", e.Question)
			}
			for _, a := range e.Answers {
				if a.Level != "strong" && a.Level != "adequate" {
					continue
				}
				good++
				r := analysis.Analyze(analysis.Input{Answer: a.Text, Question: q, Glossary: glossary, Role: role})
				for _, f := range r.Flags {
					if f.Code == analysis.FlagRedFlag {
						flagged++
						t.Logf("%s [%s]: %s", e.Question, a.Level, f.Message)
						break
					}
				}
			}
		}
	}
	t.Logf("red flags on %d of %d good answers", flagged, good)
	if share := float64(flagged) / float64(good); share > 0.03 {
		t.Errorf("red flags on %d of %d strong and adequate answers (%.3f); the ceiling is 0.03", flagged, good, share)
	}
}

// TestRunRedFlags: labelled red flags are found, a clean answer that
// rejects what interviewers watch for is not flagged, and a label that is
// not one of the question's red flags is refused.
func TestRunRedFlags(t *testing.T) {
	lookup := shippedLookup(t)
	q, _, _, ok := lookup("rcp-why-healthcare-front-desk")
	if !ok || len(q.RedFlags) < 2 {
		t.Fatal("no question rcp-why-healthcare-front-desk with red flags")
	}
	easy := q.RedFlags[1].Label
	entries := []evaluation.RedFlagEntry{{Question: q.ID, Answers: []evaluation.RedFlagAnswer{
		{Raises: []string{easy}, Text: "Honestly I want something calmer than retail. I figure it's mostly sitting down, an easy job where I can relax a bit."},
		{Text: "I know it is not an easy job. At the pharmacy I already handle angry callers and insurance rejections, so I know the desk is busy all day."},
	}}}
	m, err := evaluation.RunRedFlags(entries, lookup)
	if err != nil {
		t.Fatal(err)
	}
	if m.Answers != 2 || m.Recall != 1 || m.Precision != 1 || m.CleanFlagged != 0 {
		t.Errorf("metrics = %+v", m)
	}
	entries[0].Answers[0].Raises = []string{"Not a red flag of this question"}
	if _, err := evaluation.RunRedFlags(entries, lookup); err == nil || !strings.Contains(err.Error(), "is not a red flag") {
		t.Errorf("unknown label: err = %v", err)
	}
}

// redFlagFloor guards the adversarial red-flag set
// (analysis/testdata/redflags): recall 0.037, precision 0.233 and 0.276
// of clean answers flagged on 2026-11-27 with the shipped phrases.
var redFlagFloor = evaluation.RedFlagMetrics{Recall: 0.035, Precision: 0.22, CleanFlagged: 0.29}

// TestRedFlagSet checks the red-flag set's labels against the packs and
// fails when the engine or the packs raise fewer of its red flags or more
// false alarms.
func TestRedFlagSet(t *testing.T) {
	entries, err := evaluation.LoadRedFlags(os.DirFS("../analysis/testdata"), "redflags")
	if err != nil {
		t.Fatal(err)
	}
	m, err := evaluation.RunRedFlags(entries, shippedLookup(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("red flags:\n%s", m)
	if m.Answers < 1500 {
		t.Errorf("the set has %d answers; it was written with 1,505", m.Answers)
	}
	if m.Recall < redFlagFloor.Recall || m.Precision < redFlagFloor.Precision || m.CleanFlagged > redFlagFloor.CleanFlagged {
		t.Errorf("red flags regressed: recall %.3f, precision %.3f, clean answers flagged %.3f; floors %.3f, %.3f, at most %.3f",
			m.Recall, m.Precision, m.CleanFlagged, redFlagFloor.Recall, redFlagFloor.Precision, redFlagFloor.CleanFlagged)
	}
}

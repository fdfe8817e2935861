package evaluation_test

import (
	"os"
	"testing"

	"github.com/rehearse/rehearse"
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

// TestEngineMeetsGoals runs the engine over the evaluation set and fails
// below the goals of the feedback issue.
func TestEngineMeetsGoals(t *testing.T) {
	entries, err := evaluation.Load(os.DirFS("../analysis/testdata"), "eval")
	if err != nil {
		t.Fatal(err)
	}
	m, err := evaluation.Run(entries, shippedLookup(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", m)
	if m.Questions < 30 || m.Answers < 240 {
		t.Errorf("the set has %d questions and %d answers; the goal is at least 30 and 240", m.Questions, m.Answers)
	}
	for _, b := range m.Below(evaluation.Goals) {
		t.Error(b)
	}
	if t.Failed() {
		for _, miss := range m.Misses {
			t.Log(miss)
		}
	}
}

func TestRunRejectsBadLabels(t *testing.T) {
	q := &rehearse.Question{ID: "q", Text: "How?", TalkingPoints: []rehearse.TalkingPoint{{Label: "A", Phrases: []string{"alpha"}}}}
	lookup := func(id string) (*rehearse.Question, []rehearse.Term, bool) { return q, nil, id == "q" }
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

package evaluation

import (
	"fmt"
	"sort"

	"github.com/rehearse/rehearse/analysis"
)

// RedFlagEntry is a question with answers labelled by the pack red flags
// they raise: answers that do what interviewers watch for, and answers
// that mention the same things while rejecting them or doing right.
type RedFlagEntry struct {
	Question string          `yaml:"question"`
	Answers  []RedFlagAnswer `yaml:"answers"`
}

// RedFlagAnswer is one answer and the labels of the question's red flags
// it raises (none for a clean answer).
type RedFlagAnswer struct {
	Raises []string `yaml:"raises"`
	Text   string   `yaml:"text"`
}

// RedFlagMetrics measures the pack red flags (flag code red_flag) on a
// labelled set.
type RedFlagMetrics struct {
	Answers int
	// Recall is the share of labelled red flags the engine raised.
	Recall float64
	// Precision is the share of raised red flags that were labelled.
	Precision float64
	// CleanFlagged is the share of clean answers (raising none) that got
	// a red flag anyway.
	CleanFlagged float64
	Misses       []string
}

func (m RedFlagMetrics) String() string {
	return fmt.Sprintf("%d answers\nred-flag recall          %.3f\nred-flag precision       %.3f\nclean answers flagged    %.3f",
		m.Answers, m.Recall, m.Precision, m.CleanFlagged)
}

// RunRedFlags analyses every answer of a red-flag set.
func RunRedFlags(entries []RedFlagEntry, lookup Lookup) (RedFlagMetrics, error) {
	var m RedFlagMetrics
	var tp, fp, fn, clean, cleanFlagged float64
	for _, e := range entries {
		q, glossary, role, ok := lookup(e.Question)
		if !ok {
			return m, fmt.Errorf("red-flag set names unknown question %q", e.Question)
		}
		labels := map[string]bool{}
		for _, rf := range q.RedFlags {
			labels[rf.Label] = true
		}
		for i, a := range e.Answers {
			want, err := labelled(a.Raises, labels, "a red flag")
			if err != nil {
				return m, fmt.Errorf("%s answer %d: %w", e.Question, i+1, err)
			}
			r := analysis.Analyze(analysis.Input{Answer: a.Text, Question: q, Glossary: glossary, Role: role})
			m.Answers++
			got := map[string]string{} // label -> evidence
			for _, f := range r.Flags {
				if f.Code == analysis.FlagRedFlag {
					got[f.Message] = f.Evidence[0].Text
				}
			}
			raised := false
			for _, rf := range q.RedFlags {
				ev, ok := got["Interviewers watch for this: "+rf.Label+"."]
				raised = raised || ok
				switch {
				case ok && want[rf.Label]:
					tp++
				case ok:
					fp++
					m.Misses = append(m.Misses, fmt.Sprintf("false alarm   %s %q in %q", e.Question, rf.Label, ev))
				case want[rf.Label]:
					fn++
					m.Misses = append(m.Misses, fmt.Sprintf("missed flag   %s %q: %q", e.Question, rf.Label, short(a.Text)))
				}
			}
			if len(a.Raises) == 0 {
				clean++
				if raised {
					cleanFlagged++
				}
			}
		}
	}
	m.Recall = ratio(tp, tp+fn)
	m.Precision = ratio(tp, tp+fp)
	m.CleanFlagged = 0
	if clean > 0 {
		m.CleanFlagged = cleanFlagged / clean
	}
	sort.Strings(m.Misses)
	return m, nil
}

// Package evaluation measures the feedback engine against a hand-labelled
// set of answers (analysis/testdata/eval): for each question, answers at
// four levels, each labelled with the talking points a person judged it to
// make. It reports how often the engine orders answers as people do, the
// precision and recall of its talking-point decisions, and how many
// off-topic or nonsense answers it flags.
package evaluation

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
	"github.com/rehearse/rehearse/pack"
)

// Levels of the set, from best to worst.
var levels = map[string]int{"strong": 3, "adequate": 2, "weak": 1, "offtopic": 0}

// Entry is one question of the set with its labelled answers.
type Entry struct {
	Question string   `yaml:"question"`
	Answers  []Answer `yaml:"answers"`
}

// Answer is one labelled answer.
type Answer struct {
	Level  string   `yaml:"level"`
	Covers []string `yaml:"covers"`
	Text   string   `yaml:"text"`
}

// Goals are the minimums the engine must reach.
var Goals = Metrics{Ordering: 0.9, Precision: 0.9, Recall: 0.8, OffTopicFlagged: 1}

// Metrics are the results of one evaluation.
type Metrics struct {
	Questions, Answers int
	// Ordering is the share of answer pairs of one question, at different
	// levels, that the engine ranks as people did (a tie counts half).
	Ordering float64
	// Precision and Recall of "talking point covered" against the labels.
	Precision, Recall float64
	// OffTopicFlagged is the share of off-topic and nonsense answers that
	// got a flag which withholds credit.
	OffTopicFlagged float64
	// FalselyWithheld is the share of strong and adequate answers that got
	// such a flag anyway (lower is better).
	FalselyWithheld float64
	// Misses lists the worst disagreements, for tuning.
	Misses []string
}

// Below returns the goals that m misses, described.
func (m Metrics) Below(g Metrics) []string {
	var out []string
	check := func(name string, got, want float64) {
		if got < want {
			out = append(out, fmt.Sprintf("%s %.3f is below the goal %.2f", name, got, want))
		}
	}
	check("ordering accuracy", m.Ordering, g.Ordering)
	check("talking-point precision", m.Precision, g.Precision)
	check("talking-point recall", m.Recall, g.Recall)
	check("off-topic and nonsense flagged", m.OffTopicFlagged, g.OffTopicFlagged)
	return out
}

// Load reads every .yaml file of dir in fsys.
func Load(fsys fs.FS, dir string) ([]Entry, error) { return load[Entry](fsys, dir) }

// LoadRedFlags reads a red-flag set: every .yaml file of dir in fsys.
func LoadRedFlags(fsys fs.FS, dir string) ([]RedFlagEntry, error) {
	return load[RedFlagEntry](fsys, dir)
}

func load[E any](fsys fs.FS, dir string) ([]E, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	var all []E
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		var entries []E
		if err := yaml.Unmarshal(data, &entries); err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		all = append(all, entries...)
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("no evaluation entries in %s", dir)
	}
	return all, nil
}

// Lookup finds a question, its role's glossary and the role's question
// index by question id.
type Lookup func(id string) (*rehearse.Question, []rehearse.Term, *analysis.RoleIndex, bool)

// Run analyses every answer of the set and computes the metrics.
func Run(entries []Entry, lookup Lookup) (Metrics, error) {
	var m Metrics
	var pairs, correct float64
	var tp, fp, fn float64
	var off, offFlagged float64
	var good, goodWithheld float64
	for _, e := range entries {
		q, glossary, role, ok := lookup(e.Question)
		if !ok {
			return m, fmt.Errorf("evaluation set names unknown question %q", e.Question)
		}
		labels := map[string]bool{}
		for _, p := range q.TalkingPoints {
			labels[p.Label] = true
		}
		m.Questions++
		type scored struct {
			level int
			score float64
			text  string
		}
		var got []scored
		for i, a := range e.Answers {
			lv, ok := levels[a.Level]
			if !ok {
				return m, fmt.Errorf("%s answer %d: unknown level %q", e.Question, i+1, a.Level)
			}
			want, err := labelled(a.Covers, labels, "a talking point")
			if err != nil {
				return m, fmt.Errorf("%s answer %d: %w", e.Question, i+1, err)
			}
			r := analysis.Analyze(analysis.Input{Answer: a.Text, Question: q, Glossary: glossary, Role: role})
			m.Answers++
			for _, p := range r.TalkingPoints {
				switch {
				case p.Covered && want[p.Label]:
					tp++
				case p.Covered:
					fp++
					m.Misses = append(m.Misses, fmt.Sprintf("false point  %s [%s] %q in %q", e.Question, a.Level, p.Label, evidence(p)))
				case want[p.Label]:
					fn++
					m.Misses = append(m.Misses, fmt.Sprintf("missed point %s [%s] %q", e.Question, a.Level, p.Label))
				}
			}
			if lv >= 2 {
				good++
				if withheld(r) {
					goodWithheld++
					m.Misses = append(m.Misses, fmt.Sprintf("withheld     %s [%s] %q: %s", e.Question, a.Level, short(a.Text), r.Flags[0].Message))
				}
			}
			if lv == 0 {
				off++
				if withheld(r) {
					offFlagged++
				} else {
					m.Misses = append(m.Misses, fmt.Sprintf("not flagged  %s [offtopic] %q", e.Question, short(a.Text)))
				}
			}
			got = append(got, scored{lv, Score(r), a.Text})
		}
		for i := range got {
			for j := range got {
				if got[i].level <= got[j].level {
					continue
				}
				pairs++
				switch {
				case got[i].score > got[j].score:
					correct++
				case got[i].score == got[j].score:
					correct += 0.5
				default:
					m.Misses = append(m.Misses, fmt.Sprintf("misordered   %s: %q scored below %q", e.Question, short(got[i].text), short(got[j].text)))
				}
			}
		}
	}
	m.Ordering = ratio(correct, pairs)
	m.Precision = ratio(tp, tp+fp)
	m.Recall = ratio(tp, tp+fn)
	m.OffTopicFlagged = ratio(offFlagged, off)
	m.FalselyWithheld = 0
	if good > 0 {
		m.FalselyWithheld = goodWithheld / good
	}
	sort.Strings(m.Misses)
	return m, nil
}

// labelled returns the set of an answer's labels, or an error naming one
// that is not among known (what: "a talking point", "a red flag").
func labelled(given []string, known map[string]bool, what string) (map[string]bool, error) {
	want := map[string]bool{}
	for _, l := range given {
		if !known[l] {
			return nil, fmt.Errorf("%q is not %s of the question", l, what)
		}
		want[l] = true
	}
	return want, nil
}

// Score orders answers: coverage first, then the level as a tie-break.
func Score(r *analysis.Result) float64 {
	rank := map[analysis.Level]float64{analysis.NotYet: 0, analysis.Developing: 1, analysis.Solid: 2, analysis.Strong: 3}
	return r.Summary.Coverage*100 + rank[r.Summary.Level]
}

// withheld reports whether the engine refused credit with a problem flag.
func withheld(r *analysis.Result) bool {
	if r.Summary.Coverage > 0 {
		return false
	}
	for _, f := range r.Flags {
		if f.Severity == "problem" {
			return true
		}
	}
	return false
}

func evidence(p analysis.PointResult) string {
	if len(p.Evidence) == 0 {
		return ""
	}
	return p.Evidence[0].Text
}

func short(s string) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return string(r)
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 1
	}
	return a / b
}

// String formats the metrics for a terminal.
func (m Metrics) String() string {
	return fmt.Sprintf("%d questions, %d answers\nordering accuracy        %.3f (goal %.2f)\ntalking-point precision  %.3f (goal %.2f)\ntalking-point recall     %.3f (goal %.2f)\noff-topic flagged        %.3f (goal %.2f)\ngood answers withheld    %.3f (lower is better)",
		m.Questions, m.Answers, m.Ordering, Goals.Ordering, m.Precision, Goals.Precision, m.Recall, Goals.Recall, m.OffTopicFlagged, Goals.OffTopicFlagged, m.FalselyWithheld)
}

// PackLookup finds questions, with their role's glossary, in packs.
func PackLookup(packs []*pack.Pack) Lookup {
	type found struct {
		q *rehearse.Question
		g []rehearse.Term
		x *analysis.RoleIndex
	}
	byID := map[string]found{}
	for _, p := range packs {
		x := analysis.NewRoleIndex(p.Role.Questions)
		for i := range p.Role.Questions {
			byID[p.Role.Questions[i].ID] = found{&p.Role.Questions[i], p.Role.Glossary, x}
		}
	}
	return func(id string) (*rehearse.Question, []rehearse.Term, *analysis.RoleIndex, bool) {
		f, ok := byID[id]
		return f.q, f.g, f.x, ok
	}
}

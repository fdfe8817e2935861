package interview

import (
	"encoding/json"
	"math"
	"sort"
	"strconv"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
)

// Report is the end-of-interview report.
type Report struct {
	Answered int     `json:"answered"`
	Steps    int     `json:"steps"`
	Coverage float64 `json:"coverage"` // mean coverage of the answers, 0..1
	// Readiness is a word for Coverage: see ReadinessLabel.
	Readiness string       `json:"readiness"`
	Overtime  int          `json:"overtime"` // answers past the time limit
	Areas     []AreaResult `json:"areas"`    // by readiness, weakest first
	Strongest *Moment      `json:"strongest,omitempty"`
	Weakest   *Moment      `json:"weakest,omitempty"`
	Next      []Advice     `json:"practise_next"`
	Answers   []Answer     `json:"answers"`
}

// AreaResult is readiness in one competency area.
type AreaResult struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	Coverage  float64 `json:"coverage"`
	Answers   int     `json:"answers"`
	Readiness string  `json:"readiness"`
}

// Moment is one answer singled out, with a short quote of it.
type Moment struct {
	Position int     `json:"position"` // 0-based step
	Question string  `json:"question"`
	Coverage float64 `json:"coverage"`
	Level    string  `json:"level"`
	Quote    string  `json:"quote"`
	Why      string  `json:"why"`
}

// Advice is one thing to practise next, tied to what happened.
type Advice struct {
	Text       string `json:"text"`
	Question   string `json:"question,omitempty"`    // the question the advice is about, when it is about one answer
	QuestionID string `json:"question_id,omitempty"` // a question to practise, when there is one
	Area       string `json:"area,omitempty"`
}

// Answer is one step of the interview with its decoded feedback.
type Answer struct {
	Position int                    `json:"position"`
	Step     rehearse.InterviewStep `json:"step"`
	Result   *analysis.Result       `json:"-"`
}

// Readiness labels, from the mean coverage of a set of answers.
const (
	NotReady    = "not ready yet"
	NearlyThere = "nearly there"
	Ready       = "ready"
)

// ReadinessLabel turns a mean coverage into a word: ready from 0.75,
// nearly there from 0.5, not ready yet below.
func ReadinessLabel(coverage float64) string {
	switch {
	case coverage >= 0.75:
		return Ready
	case coverage >= 0.5:
		return NearlyThere
	}
	return NotReady
}

// NewReport builds the report of an interview from its answered steps.
// areas names the role's areas.
func NewReport(iv *rehearse.Interview, areas []rehearse.Area) Report {
	names := map[string]string{}
	for _, a := range areas {
		names[a.ID] = a.Name
	}
	r := Report{Steps: len(iv.Steps), Areas: []AreaResult{}, Next: []Advice{}, Answers: []Answer{}}
	sum := 0.0
	type acc struct {
		sum float64
		n   int
	}
	perArea := map[string]*acc{}
	var order []string
	for i, st := range iv.Steps {
		if !st.Answered() {
			continue
		}
		a := Answer{Position: i, Step: st}
		if len(st.Result) > 0 {
			var res analysis.Result
			if json.Unmarshal(st.Result, &res) == nil {
				a.Result = &res
			}
		}
		r.Answers = append(r.Answers, a)
		r.Answered++
		sum += st.Coverage
		if st.Overtime {
			r.Overtime++
		}
		if st.Kind == rehearse.StepClosing || st.Area == "" {
			continue // the closing is about the candidate's questions, not a competency
		}
		if perArea[st.Area] == nil {
			perArea[st.Area] = &acc{}
			order = append(order, st.Area)
		}
		perArea[st.Area].sum += st.Coverage
		perArea[st.Area].n++
	}
	if r.Answered > 0 {
		r.Coverage = round2(sum / float64(r.Answered))
	}
	r.Readiness = ReadinessLabel(r.Coverage)
	for _, id := range order {
		a := perArea[id]
		cov := round2(a.sum / float64(a.n))
		name := names[id]
		if name == "" {
			name = id
		}
		r.Areas = append(r.Areas, AreaResult{ID: id, Name: name, Coverage: cov, Answers: a.n, Readiness: ReadinessLabel(cov)})
	}
	sort.SliceStable(r.Areas, func(i, j int) bool { return r.Areas[i].Coverage < r.Areas[j].Coverage })

	// Strongest and weakest moments among answers with a rubric.
	var best, worst *Answer
	for i := range r.Answers {
		a := &r.Answers[i]
		if a.Result == nil || a.Result.Summary.Total == 0 {
			continue
		}
		if best == nil || a.Step.Coverage > best.Step.Coverage {
			best = a
		}
		if worst == nil || a.Step.Coverage < worst.Step.Coverage {
			worst = a
		}
	}
	if best != nil {
		r.Strongest = moment(best, true)
	}
	if worst != nil && worst != best {
		r.Weakest = moment(worst, false)
	}
	r.Next = advice(r, names)
	return r
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// moment quotes the evidence of the answer's first covered point (for the
// strongest) or its opening words (for the weakest).
func moment(a *Answer, strongest bool) *Moment {
	m := &Moment{Position: a.Position, Question: a.Step.Text, Coverage: a.Step.Coverage, Level: a.Step.Level}
	res := a.Result
	if strongest {
		for _, tp := range res.TalkingPoints {
			if tp.Covered && len(tp.Evidence) > 0 {
				m.Quote = tp.Evidence[0].Text
				m.Why = "You showed “" + tp.Label + "”."
				break
			}
		}
		if m.Why == "" {
			m.Why = res.Summary.Headline
		}
	} else {
		m.Quote = opening(a.Step.Answer, 30)
		var missed []string
		for _, tp := range res.TalkingPoints {
			if !tp.Covered {
				missed = append(missed, tp.Label)
			}
		}
		switch len(missed) {
		case 0:
			m.Why = res.Summary.Headline
		case 1:
			m.Why = "It missed “" + missed[0] + "”."
		default:
			m.Why = "It missed “" + missed[0] + "” and " + strconv.Itoa(len(missed)-1) + " more."
		}
	}
	return m
}

// opening returns the first n words of text, with an ellipsis when cut.
func opening(text string, n int) string {
	words := 0
	inWord := false
	for i, r := range text {
		space := r == ' ' || r == '\n' || r == '\t' || r == '\r'
		if !space && !inWord {
			words++
			if words > n {
				return text[:i] + "…"
			}
		}
		inWord = !space
	}
	return text
}

// advice picks up to three things to practise next: the weakest areas'
// questions that fell short, then the engine's first next step on the
// weakest answer, then time if answers ran over.
func advice(r Report, names map[string]string) []Advice {
	out := []Advice{}
	for _, area := range r.Areas {
		if len(out) == 2 || area.Readiness == Ready {
			break
		}
		// The lowest-scoring question of the area, to practise on its own page.
		var low *Answer
		for i := range r.Answers {
			a := &r.Answers[i]
			if a.Step.Area == area.ID && a.Step.QuestionID != "" && a.Step.Kind != rehearse.StepClosing && (low == nil || a.Step.Coverage < low.Step.Coverage) {
				low = a
			}
		}
		text := "Work on " + area.Name + ": your answers covered " + strconv.Itoa(int(math.Round(area.Coverage*100))) + "% of what a strong answer contains."
		ad := Advice{Text: text, Area: area.ID}
		if low != nil {
			ad.QuestionID = low.Step.QuestionID
		}
		out = append(out, ad)
	}
	if r.Weakest != nil {
		for _, a := range r.Answers {
			if a.Position == r.Weakest.Position && a.Result != nil && len(a.Result.NextSteps) > 0 {
				ad := Advice{Text: a.Result.NextSteps[0].Text, Question: a.Step.Text, Area: a.Step.Area}
				if a.Step.QuestionID != "" && a.Step.Kind != rehearse.StepFollowUp && a.Step.Kind != rehearse.StepScenario {
					ad.QuestionID = a.Step.QuestionID
				}
				out = append(out, ad)
				break
			}
		}
	}
	if r.Overtime > 0 && len(out) < 3 {
		out = append(out, Advice{Text: strconv.Itoa(r.Overtime) + " of your answers ran past the time limit: practise with the speaking timer and aim for the target length."})
	}
	if len(out) == 0 {
		out = append(out, Advice{Text: "Every area is ready: run a longer interview, or turn time limits on."})
	}
	if len(out) > 3 {
		out = out[:3]
	}
	return out
}

// Package interview plans mock interviews and reports on them. A plan runs
// like a real interview: an opener, a mix of competency questions spread
// over the role's areas, one scenario with its follow-ups, and a closing
// question. The report gathers each answer's feedback into readiness by
// competency area, the strongest and weakest moments, and what to practise
// next. It is pure: content and options in, steps or a report out.
package interview

import (
	"math/rand/v2"
	"slices"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
)

// Options are the candidate's choices for a mock interview.
type Options struct {
	Length int      // questions asked, one of rehearse.InterviewLengths; follow-ups come on top
	Areas  []string // focus areas; empty means the whole role
	Strict bool     // time limits on
	Seed   uint64   // picks the questions; the same seed gives the same plan
}

// MaxFollowUps is how many of a scenario's follow-up prompts an interview
// asks after its first prompt.
const MaxFollowUps = 2

// Grace is how far past a step's time limit an answer may arrive before it
// counts as over time (the page auto-submits at the limit; the network
// takes a moment).
const Grace = 15

// Limit is the time allowed for a step in a strict interview: the longest
// good spoken length for the question type plus a minute to think.
func Limit(t rehearse.QuestionType) int {
	return analysis.TargetSeconds(t)[1] + 60
}

// Plan builds the steps of an interview for a role from its questions and
// scenarios. It fails with EINVALID when the options are not valid or the
// role has too few questions.
func Plan(role *rehearse.Role, questions []rehearse.Question, scenarios []rehearse.Scenario, opt Options) ([]rehearse.InterviewStep, error) {
	if !slices.Contains(rehearse.InterviewLengths, opt.Length) {
		return nil, rehearse.Errorf(rehearse.EINVALID, "Choose an interview of 5, 10 or 15 questions.")
	}
	known := map[string]bool{}
	for _, a := range role.Areas {
		known[a.ID] = true
	}
	for _, a := range opt.Areas {
		if !known[a] {
			return nil, rehearse.Errorf(rehearse.EINVALID, "The role %s has no competency area %q.", role.Title, a)
		}
	}
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	var opener, closing *rehearse.Question
	var pool []rehearse.Question
	for i := range questions {
		q := &questions[i]
		switch {
		case q.Type == rehearse.Background && opener == nil:
			opener = q
		case q.Type == rehearse.Closing:
			if closing == nil {
				closing = q
			}
		default:
			pool = append(pool, *q)
		}
	}
	focus := func(area string) bool { return len(opt.Areas) == 0 || slices.Contains(opt.Areas, area) }

	// One scenario, in a focus area when there is one.
	var scenario *rehearse.Scenario
	if len(scenarios) > 0 {
		var fit []int
		for i, s := range scenarios {
			if focus(s.Area) {
				fit = append(fit, i)
			}
		}
		if len(fit) == 0 {
			fit = make([]int, len(scenarios))
			for i := range fit {
				fit[i] = i
			}
		}
		scenario = &scenarios[fit[rng.IntN(len(fit))]]
	}
	want := opt.Length - 1 // the opener
	if closing != nil {
		want--
	}
	if scenario != nil {
		want--
	}
	if opener == nil {
		want++
	}
	picked := pick(pool, want, focus, rng)
	if len(picked) < want {
		return nil, rehearse.Errorf(rehearse.EINVALID, "The role %s has only %d questions for a mock interview; choose a shorter one.", role.Title, len(picked))
	}

	var steps []rehearse.InterviewStep
	add := func(kind string, q *rehearse.Question) {
		steps = append(steps, rehearse.InterviewStep{Kind: kind, QuestionID: q.ID, Area: q.Area, Type: q.Type, Text: q.Text, LimitSeconds: Limit(q.Type)})
	}
	if opener != nil {
		add(rehearse.StepOpener, opener)
	}
	// The scenario comes two thirds of the way in, as in many interviews.
	at := len(picked) * 2 / 3
	for i := range picked {
		if i == at && scenario != nil {
			steps = append(steps, scenarioSteps(scenario)...)
		}
		add(rehearse.StepQuestion, &picked[i])
	}
	if at == len(picked) && scenario != nil {
		steps = append(steps, scenarioSteps(scenario)...)
	}
	if closing != nil {
		add(rehearse.StepClosing, closing)
	}
	return steps, nil
}

// pick chooses n questions, from the focus areas first, spread over areas
// and types.
func pick(pool []rehearse.Question, n int, focus func(string) bool, rng *rand.Rand) []rehearse.Question {
	shuffled := slices.Clone(pool)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	var in, out []rehearse.Question
	for _, q := range shuffled {
		if focus(q.Area) {
			in = append(in, q)
		} else {
			out = append(out, q)
		}
	}
	got := spread(in, n, nil)
	return spread(out, n, got)
}

// spread adds questions from qs to got until it has n: round-robin by
// area, and no type more than half of the questions while another type
// is left.
func spread(qs []rehearse.Question, n int, got []rehearse.Question) []rehearse.Question {
	used := make([]bool, len(qs))
	for len(got) < n {
		areas := map[string]bool{}
		added := false
		for i, q := range qs {
			if len(got) == n {
				break
			}
			if used[i] || areas[q.Area] {
				continue
			}
			types := 0
			for _, g := range got {
				if g.Type == q.Type {
					types++
				}
			}
			if len(got) >= 2 && types*2 > len(got) {
				continue
			}
			used[i], areas[q.Area], added = true, true, true
			got = append(got, q)
		}
		if !added {
			// Only one area or type is left: take the rest in order.
			for i, q := range qs {
				if len(got) == n {
					break
				}
				if !used[i] {
					used[i] = true
					got = append(got, q)
				}
			}
			break
		}
	}
	return got
}

// scenarioSteps is a scenario's first prompt, with its situation, and up
// to MaxFollowUps follow-up prompts.
func scenarioSteps(s *rehearse.Scenario) []rehearse.InterviewStep {
	var out []rehearse.InterviewStep
	for i, st := range s.Steps {
		if i > MaxFollowUps {
			break
		}
		step := rehearse.InterviewStep{Kind: rehearse.StepFollowUp, ScenarioID: s.ID, Prompt: i, Area: s.Area, Type: rehearse.Situational,
			Text: st.Prompt, LimitSeconds: Limit(rehearse.Situational)}
		if i == 0 {
			step.Kind, step.Setup = rehearse.StepScenario, s.Setup
		}
		out = append(out, step)
	}
	return out
}

// ScenarioQuestion turns one prompt of a scenario into a question the
// feedback engine can analyse an answer to.
func ScenarioQuestion(s *rehearse.Scenario, prompt int) (*rehearse.Question, error) {
	if prompt < 0 || prompt >= len(s.Steps) {
		return nil, rehearse.Errorf(rehearse.ENOTFOUND, "The scenario %q has no prompt %d.", s.ID, prompt+1)
	}
	st := s.Steps[prompt]
	text := st.Prompt
	if prompt == 0 && s.Setup != "" {
		text = s.Setup + " " + st.Prompt
	}
	return &rehearse.Question{ID: s.ID, Text: text, Area: s.Area, Type: rehearse.Situational, TalkingPoints: st.TalkingPoints,
		RedFlags: st.RedFlags, Terms: s.Terms}, nil
}

package interview_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
	"github.com/rehearse/rehearse/content"
	"github.com/rehearse/rehearse/interview"
	"github.com/rehearse/rehearse/pack"
)

func mom(t *testing.T) *rehearse.Role {
	t.Helper()
	packs, problems := pack.ReadAll(content.FS, "medical-office-manager")
	if len(problems) > 0 || len(packs) != 1 {
		t.Fatalf("read the Medical Office Manager pack: %v", problems)
	}
	return packs[0].Role
}

func TestPlan(t *testing.T) {
	role := mom(t)
	for _, length := range rehearse.InterviewLengths {
		for _, areas := range [][]string{nil, {"revenue-cycle"}, {"privacy-security", "hr-staffing"}} {
			opt := interview.Options{Length: length, Areas: areas, Seed: 7}
			steps, err := interview.Plan(role, role.Questions, role.Scenarios, opt)
			if err != nil {
				t.Fatalf("Plan(%d, %v): %v", length, areas, err)
			}
			if steps[0].Kind != rehearse.StepOpener || steps[0].Type != rehearse.Background {
				t.Errorf("Plan(%d): first step is %s %s, want the background opener", length, steps[0].Kind, steps[0].Type)
			}
			if last := steps[len(steps)-1]; last.Kind != rehearse.StepClosing || last.Type != rehearse.Closing {
				t.Errorf("Plan(%d): last step is %s, want the closing", length, last.Kind)
			}
			asked, scenarios, followUps := 0, 0, 0
			seen := map[string]bool{}
			for i, st := range steps {
				switch st.Kind {
				case rehearse.StepScenario:
					scenarios++
					if st.Setup == "" || st.ScenarioID == "" {
						t.Errorf("scenario step without its situation: %+v", st)
					}
				case rehearse.StepFollowUp:
					followUps++
					if i == 0 || steps[i-1].ScenarioID != st.ScenarioID {
						t.Errorf("follow-up %d does not follow its scenario", i)
					}
					continue
				case rehearse.StepQuestion:
					if len(areas) > 0 && !slices.Contains(areas, st.Area) && countIn(role, areas) >= length {
						t.Errorf("Plan(%d, %v) asks %s from area %s", length, areas, st.QuestionID, st.Area)
					}
				}
				asked++
				if st.QuestionID != "" {
					if seen[st.QuestionID] {
						t.Errorf("Plan(%d) asks %s twice", length, st.QuestionID)
					}
					seen[st.QuestionID] = true
				}
				if st.Text == "" || st.LimitSeconds <= 0 {
					t.Errorf("step %d has no text or limit: %+v", i, st)
				}
			}
			if asked != length || scenarios != 1 || followUps > interview.MaxFollowUps {
				t.Errorf("Plan(%d, %v): %d asked, %d scenarios, %d follow-ups", length, areas, asked, scenarios, followUps)
			}
		}
	}
	a, _ := interview.Plan(role, role.Questions, role.Scenarios, interview.Options{Length: 10, Seed: 1})
	b, _ := interview.Plan(role, role.Questions, role.Scenarios, interview.Options{Length: 10, Seed: 1})
	c, _ := interview.Plan(role, role.Questions, role.Scenarios, interview.Options{Length: 10, Seed: 2})
	if !slices.EqualFunc(a, b, sameStep) {
		t.Error("the same seed gave two plans")
	}
	if slices.EqualFunc(a, c, sameStep) {
		t.Error("two seeds gave the same plan")
	}
	// Competency questions spread over areas: ten questions, at least six areas.
	areas := map[string]bool{}
	for _, st := range a {
		if st.Kind == rehearse.StepQuestion {
			areas[st.Area] = true
		}
	}
	if len(areas) < 6 {
		t.Errorf("a 10-question interview covers only %d areas", len(areas))
	}
}

func countIn(role *rehearse.Role, areas []string) int {
	n := 0
	for _, q := range role.Questions {
		if slices.Contains(areas, q.Area) {
			n++
		}
	}
	return n
}

func sameStep(a, b rehearse.InterviewStep) bool {
	return a.Kind == b.Kind && a.QuestionID == b.QuestionID && a.ScenarioID == b.ScenarioID && a.Prompt == b.Prompt
}

func TestPlanRefusesBadOptions(t *testing.T) {
	role := mom(t)
	for _, opt := range []interview.Options{{Length: 7}, {Length: 0}, {Length: 5, Areas: []string{"astrology"}}} {
		if _, err := interview.Plan(role, role.Questions, role.Scenarios, opt); rehearse.ErrorCode(err) != rehearse.EINVALID {
			t.Errorf("Plan(%+v) = %v, want EINVALID", opt, err)
		}
	}
	tiny := &rehearse.Role{Title: "Tiny", Questions: role.Questions[:3]}
	if _, err := interview.Plan(tiny, tiny.Questions, nil, interview.Options{Length: 15}); rehearse.ErrorCode(err) != rehearse.EINVALID {
		t.Errorf("Plan over a 3-question role = %v, want EINVALID", err)
	}
}

// TestReport answers a planned interview with the pack's own examples
// (experienced for the first half, entry for the rest, a non-answer once)
// and checks the report's shape and its verdicts.
func TestReport(t *testing.T) {
	role := mom(t)
	steps, err := interview.Plan(role, role.Questions, role.Scenarios, interview.Options{Length: 10, Seed: 3, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*rehearse.Question{}
	for i := range role.Questions {
		byID[role.Questions[i].ID] = &role.Questions[i]
	}
	scenarios := map[string]*rehearse.Scenario{}
	for i := range role.Scenarios {
		scenarios[role.Scenarios[i].ID] = &role.Scenarios[i]
	}
	iv := &rehearse.Interview{Role: role.Slug, Steps: steps, Strict: true}
	weakAt := -1
	for i := range iv.Steps {
		st := &iv.Steps[i]
		var q *rehearse.Question
		answer := "I am not sure, I would probably just figure it out when it happens."
		if st.QuestionID != "" {
			q = byID[st.QuestionID]
			switch {
			case i == 2:
				weakAt = i
				answer = "I don't know."
			case i < len(steps)/2:
				answer = q.Examples.Experienced
			default:
				answer = q.Examples.Entry
			}
		} else {
			q, err = interview.ScenarioQuestion(scenarios[st.ScenarioID], st.Prompt)
			if err != nil {
				t.Fatal(err)
			}
		}
		res := analysis.Analyze(analysis.Input{Answer: answer, Question: q, Glossary: role.Glossary})
		body, _ := json.Marshal(res)
		now := iv.CreatedAt
		st.Answer, st.Coverage, st.Level, st.Result, st.AnsweredAt = answer, res.Summary.Coverage, string(res.Summary.Level), body, &now
		st.Overtime = i == 1
	}
	rep := interview.NewReport(iv, role.Areas)
	if rep.Answered != len(steps) || rep.Steps != len(steps) || rep.Overtime != 1 || len(rep.Answers) != len(steps) {
		t.Fatalf("report counts: %+v", rep)
	}
	for i := 1; i < len(rep.Areas); i++ {
		if rep.Areas[i-1].Coverage > rep.Areas[i].Coverage {
			t.Errorf("areas are not weakest first: %+v", rep.Areas)
		}
	}
	for _, a := range rep.Areas {
		if a.Name == "" || a.Name == a.ID || a.Readiness != interview.ReadinessLabel(a.Coverage) {
			t.Errorf("area result %+v", a)
		}
	}
	if rep.Strongest == nil || rep.Strongest.Coverage < 0.8 || rep.Strongest.Quote == "" {
		t.Errorf("strongest moment = %+v; want an experienced example with a quote", rep.Strongest)
	}
	if rep.Weakest == nil || rep.Weakest.Position != weakAt || rep.Weakest.Coverage != 0 || rep.Weakest.Quote != "I don't know." {
		t.Errorf("weakest moment = %+v; want step %d", rep.Weakest, weakAt)
	}
	if len(rep.Next) == 0 || len(rep.Next) > 3 {
		t.Errorf("practise next = %+v", rep.Next)
	}
	for _, ad := range rep.Next {
		if ad.Text == "" {
			t.Errorf("empty advice in %+v", rep.Next)
		}
	}
	if rep.Readiness != interview.ReadinessLabel(rep.Coverage) {
		t.Errorf("readiness %q for coverage %v", rep.Readiness, rep.Coverage)
	}
}

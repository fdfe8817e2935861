package progress_test

import (
	"testing"
	"time"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/progress"
)

func TestCompute(t *testing.T) {
	now := time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC)
	role := &rehearse.RoleDetail{Role: rehearse.Role{Areas: []rehearse.Area{{ID: "a", Name: "A"}, {ID: "b", Name: "B"}, {ID: "c", Name: "C"}}}}
	qs := []rehearse.QuestionSummary{{ID: "q1", Area: "a"}, {ID: "q2", Area: "a"}, {ID: "q3", Area: "b"}}
	at := func(id int64, q string, cov float64, daysAgo int) rehearse.Attempt {
		return rehearse.Attempt{ID: id, QuestionID: q, Coverage: cov, CreatedAt: now.AddDate(0, 0, -daysAgo)}
	}
	r := progress.Compute([]rehearse.Attempt{
		at(1, "q1", 0.2, 3), at(2, "q1", 0.8, 1), // latest q1: 0.8
		at(3, "q2", 0.4, 0),
		at(4, "q3", 0.3, 0),
		at(5, "other-role", 1, 0),
	}, role, qs, now)
	if r.Attempts != 4 || r.Practised != 3 || r.Questions != 3 {
		t.Errorf("counts = %d attempts, %d practised, %d questions", r.Attempts, r.Practised, r.Questions)
	}
	near := func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
	if len(r.Areas) != 2 || !near(r.Areas[0].Readiness, 0.6) || !near(r.Areas[1].Readiness, 0.3) {
		t.Errorf("areas = %+v; want a 0.6 (latest attempts 0.8 and 0.4), b 0.3, c left out (no questions)", r.Areas)
	}
	if len(r.Weakest) != 2 || r.Weakest[0].ID != "b" {
		t.Errorf("weakest = %+v; want b first", r.Weakest)
	}
	if r.Streak != 2 {
		t.Errorf("streak = %d; want 2 (today and yesterday)", r.Streak)
	}
	last := r.Daily[len(r.Daily)-1]
	if len(r.Daily) != progress.Days || last.Attempts != 2 || last.Coverage < 0.349 || last.Coverage > 0.351 {
		t.Errorf("today = %+v; want 2 attempts averaging 0.35", last)
	}
}

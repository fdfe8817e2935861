// Package progress turns a candidate's attempts into a progress report for
// a role: readiness by competency area, activity and coverage per day, the
// practice streak and the weakest areas. It is pure: attempts and the
// role's questions in, a report out.
package progress

import (
	"sort"
	"time"

	"github.com/rehearse/rehearse"
)

// Days is how many days the activity chart covers.
const Days = 14

// Report is the progress of one candidate in one role.
type Report struct {
	Areas     []AreaReadiness `json:"areas"`
	Weakest   []AreaReadiness `json:"weakest"`   // practised areas with the lowest readiness, up to three
	Daily     []Day           `json:"daily"`     // the last Days days, oldest first
	Streak    int             `json:"streak"`    // consecutive days up to today with at least one attempt
	Attempts  int             `json:"attempts"`  // attempts at this role's questions
	Practised int             `json:"practised"` // distinct questions practised
	Questions int             `json:"questions"` // questions in the role
}

// AreaReadiness is how ready the candidate is in one competency area: the
// mean coverage of the latest attempt at each practised question, and how
// much of the area has been practised.
type AreaReadiness struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	Readiness float64 `json:"readiness"` // 0..1; meaningful when Practised > 0
	Practised int     `json:"practised"`
	Questions int     `json:"questions"`
}

// Day is one day of activity.
type Day struct {
	Date     time.Time `json:"date"`
	Attempts int       `json:"attempts"`
	Coverage float64   `json:"coverage"` // mean coverage of the day's attempts; 0 without attempts
}

// Compute builds the report. attempts may include other roles' questions;
// they are ignored.
func Compute(attempts []rehearse.Attempt, role *rehearse.RoleDetail, questions []rehearse.QuestionSummary, now time.Time) Report {
	areaOf := map[string]string{}
	perArea := map[string]int{}
	for _, q := range questions {
		areaOf[q.ID] = q.Area
		perArea[q.Area]++
	}
	latest := map[string]rehearse.Attempt{}
	today := now.UTC().Truncate(24 * time.Hour)
	first := today.AddDate(0, 0, -(Days - 1))
	r := Report{Questions: len(questions), Daily: make([]Day, Days), Areas: []AreaReadiness{}}
	for i := range r.Daily {
		r.Daily[i].Date = first.AddDate(0, 0, i)
	}
	active := map[time.Time]bool{}
	for _, a := range attempts {
		if _, ok := areaOf[a.QuestionID]; !ok {
			continue
		}
		r.Attempts++
		if prev, ok := latest[a.QuestionID]; !ok || a.CreatedAt.After(prev.CreatedAt) || a.CreatedAt.Equal(prev.CreatedAt) && a.ID > prev.ID {
			latest[a.QuestionID] = a
		}
		day := a.CreatedAt.UTC().Truncate(24 * time.Hour)
		active[day] = true
		if i := int(day.Sub(first).Hours() / 24); i >= 0 && i < Days {
			d := &r.Daily[i]
			d.Coverage = (d.Coverage*float64(d.Attempts) + a.Coverage) / float64(d.Attempts+1)
			d.Attempts++
		}
	}
	for d := today; active[d]; d = d.AddDate(0, 0, -1) {
		r.Streak++
	}
	r.Practised = len(latest)
	sums := map[string]float64{}
	counts := map[string]int{}
	for qid, a := range latest {
		sums[areaOf[qid]] += a.Coverage
		counts[areaOf[qid]]++
	}
	for _, ar := range role.Areas {
		x := AreaReadiness{ID: ar.ID, Name: ar.Name, Practised: counts[ar.ID], Questions: perArea[ar.ID]}
		if x.Practised > 0 {
			x.Readiness = sums[ar.ID] / float64(x.Practised)
		}
		if x.Questions > 0 {
			r.Areas = append(r.Areas, x)
		}
	}
	practised := []AreaReadiness{}
	for _, a := range r.Areas {
		if a.Practised > 0 {
			practised = append(practised, a)
		}
	}
	sort.SliceStable(practised, func(i, j int) bool { return practised[i].Readiness < practised[j].Readiness })
	if len(practised) > 3 {
		practised = practised[:3]
	}
	r.Weakest = practised
	return r
}

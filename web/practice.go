package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
	"github.com/rehearse/rehearse/api"
	"github.com/rehearse/rehearse/review"
)

// feedbackView is the feedback panel: the engine's result plus the answer
// cut into segments so that evidence can be highlighted in place.
type feedbackView struct {
	*analysis.Result
	Segments []segment
	Examples []exampleView
}

// segment is a run of the answer; Point is the 1-based talking point whose
// evidence it is, or 0.
type segment struct {
	Text  string
	Point int
}

// exampleView is an example answer with the engine's verdict on it.
type exampleView struct {
	Name   string
	Text   string
	Result *analysis.Result
}

// practice analyses a posted answer and shows the question page with the
// feedback panel; the answer stays in the box.
func (s *Server) practice(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return rehearse.Errorf(rehearse.ETOOLARGE, "The answer is too large to send; the limit is %d characters.", rehearse.MaxAnswerChars)
	}
	req := rehearse.AnswerRequest{Answer: r.PostFormValue("answer")}
	if d := r.PostFormValue("duration_seconds"); d != "" {
		if v, err := strconv.ParseFloat(d, 64); err == nil {
			req.DurationSeconds = v
		}
	}
	if id, err := strconv.ParseInt(r.PostFormValue("recording_id"), 10, 64); err == nil {
		req.RecordingID = id
	}
	q, res, attempt, err := api.Practice(r.Context(), s.store, r.PathValue("id"), &req)
	if q == nil {
		return err
	}
	p := &questionPage{basePage: basePage{Title: q.Text, Role: q.RoleSlug}, Q: q, TypeLabel: q.Type.Label(), Answer: req.Answer, Attempt: attempt, Target: analysis.TargetSeconds(q.Type),
		InSession: r.PostFormValue("next") == "session"}
	status := http.StatusOK
	if err != nil {
		code := rehearse.ErrorCode(err)
		if code == rehearse.EINTERNAL {
			return err
		}
		p.Error, status = rehearse.ErrorMessage(err), api.StatusCode(code)
	} else {
		glossary, err := s.store.Glossary(r.Context(), q.RoleSlug)
		if err != nil {
			return err
		}
		p.Feedback = newFeedbackView(req.Answer, res, q, glossary)
		p.Proposed, p.Ratings = review.Propose(string(res.Summary.Level)), review.Ratings
	}
	s.render(w, r, status, "question", p)
	return nil
}

func newFeedbackView(answer string, res *analysis.Result, q *rehearse.QuestionDetail, glossary []rehearse.Term) *feedbackView {
	v := &feedbackView{Result: res, Segments: segments(answer, res)}
	for _, ex := range []struct{ name, text string }{{"Entry-level example", q.Examples.Entry}, {"Experienced example", q.Examples.Experienced}} {
		v.Examples = append(v.Examples, exampleView{Name: ex.name, Text: ex.text,
			Result: analysis.Analyze(analysis.Input{Answer: ex.text, Question: &q.Question, Glossary: glossary})})
	}
	return v
}

// segments cuts the answer at the evidence of each talking point.
func segments(answer string, res *analysis.Result) []segment {
	type mark struct {
		analysis.Span
		point int
	}
	var marks []mark
	for i, tp := range res.TalkingPoints {
		for _, e := range tp.Evidence {
			marks = append(marks, mark{e, i + 1})
		}
	}
	sort.Slice(marks, func(i, j int) bool { return marks[i].Start < marks[j].Start })
	var out []segment
	at := 0
	for _, m := range marks {
		if m.Start < at || m.End > len(answer) {
			continue // overlaps an earlier mark
		}
		if m.Start > at {
			out = append(out, segment{Text: answer[at:m.Start]})
		}
		out = append(out, segment{Text: answer[m.Start:m.End], Point: m.point})
		at = m.End
	}
	if at < len(answer) {
		out = append(out, segment{Text: answer[at:]})
	}
	return out
}

// levelLabel names a level for people.
func levelLabel(l analysis.Level) string {
	switch l {
	case analysis.Strong:
		return "Strong"
	case analysis.Solid:
		return "Solid"
	case analysis.Developing:
		return "Developing"
	}
	return "Not yet"
}

// percent formats a 0..1 share as a whole percentage.
func percent(f float64) string { return strconv.Itoa(int(f*100+0.5)) + "%" }

// title capitalizes the first letter.
func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

type attemptsPage struct {
	basePage
	Q        *rehearse.QuestionDetail
	Attempts []attemptRow
}

type attemptRow struct {
	rehearse.Attempt
	LevelLabel string
	Words      int
}

// attempts lists the user's attempts at a question.
func (s *Server) attempts(w http.ResponseWriter, r *http.Request) error {
	q, err := s.store.Question(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	list, err := s.store.Attempts(r.Context(), rehearse.LocalUserID, q.ID, 100)
	if err != nil {
		return err
	}
	p := &attemptsPage{basePage: basePage{Title: "Your attempts: " + q.Text, Role: q.RoleSlug}, Q: q}
	for _, a := range list {
		p.Attempts = append(p.Attempts, attemptRow{Attempt: a, LevelLabel: levelLabel(analysis.Level(a.Level)), Words: len(strings.Fields(a.Answer))})
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "attempts", p)
	return nil
}

type attemptPage struct {
	basePage
	Q        *rehearse.QuestionDetail
	A        *rehearse.Attempt
	Feedback *feedbackView
}

// attemptPage shows one saved attempt with its feedback as it was given.
func (s *Server) attemptPage(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return rehearse.Errorf(rehearse.ENOTFOUND, "There is no attempt %q.", r.PathValue("id"))
	}
	a, err := s.store.Attempt(r.Context(), rehearse.LocalUserID, id)
	if err != nil {
		return err
	}
	q, err := s.store.Question(r.Context(), a.QuestionID)
	if err != nil {
		return err
	}
	var res analysis.Result
	if err := json.Unmarshal(a.Result, &res); err != nil {
		return err
	}
	glossary, err := s.store.Glossary(r.Context(), q.RoleSlug)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "attempt", &attemptPage{basePage: basePage{Title: "Attempt: " + q.Text, Role: q.RoleSlug}, Q: q, A: a,
		Feedback: newFeedbackView(a.Answer, &res, q, glossary)})
	return nil
}

type comparePage struct {
	basePage
	Q      *rehearse.QuestionDetail
	Old    *rehearse.Attempt
	New    *rehearse.Attempt
	Points []pointChange
	OldSum analysis.Summary
	NewSum analysis.Summary
}

// pointChange is one talking point in two attempts.
type pointChange struct {
	Label    string
	Old, New bool
}

// compare shows two attempts at one question side by side: level, coverage
// and which talking points each covered, so the candidate sees what the
// newer one added or lost.
func (s *Server) compare(w http.ResponseWriter, r *http.Request) error {
	q, err := s.store.Question(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	load := func(name string) (*rehearse.Attempt, *analysis.Result, error) {
		id, err := strconv.ParseInt(r.URL.Query().Get(name), 10, 64)
		if err != nil {
			return nil, nil, rehearse.Errorf(rehearse.EINVALID, "Choose two attempts to compare (parameters a and b).")
		}
		a, err := s.store.Attempt(r.Context(), rehearse.LocalUserID, id)
		if err != nil {
			return nil, nil, err
		}
		if a.QuestionID != q.ID {
			return nil, nil, rehearse.Errorf(rehearse.EINVALID, "Attempt %d answers another question.", id)
		}
		var res analysis.Result
		if err := json.Unmarshal(a.Result, &res); err != nil {
			return nil, nil, err
		}
		return a, &res, nil
	}
	oldA, oldR, err := load("a")
	if err != nil {
		return err
	}
	newA, newR, err := load("b")
	if err != nil {
		return err
	}
	if oldA.ID > newA.ID {
		oldA, newA, oldR, newR = newA, oldA, newR, oldR
	}
	p := &comparePage{basePage: basePage{Title: "Compare attempts: " + q.Text, Role: q.RoleSlug}, Q: q, Old: oldA, New: newA,
		OldSum: oldR.Summary, NewSum: newR.Summary}
	covered := func(res *analysis.Result, label string) bool {
		for _, tp := range res.TalkingPoints {
			if tp.Label == label {
				return tp.Covered
			}
		}
		return false
	}
	for _, tp := range q.TalkingPoints {
		p.Points = append(p.Points, pointChange{Label: tp.Label, Old: covered(oldR, tp.Label), New: covered(newR, tp.Label)})
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "compare", p)
	return nil
}

// deleteRecording deletes a recording and goes back to the page it was
// deleted from (an attempt page), or to the attempt list.
func (s *Server) deleteRecording(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return rehearse.Errorf(rehearse.ENOTFOUND, "There is no recording %q.", r.PathValue("id"))
	}
	rec, err := s.store.Recording(r.Context(), rehearse.LocalUserID, id)
	if err != nil {
		return err
	}
	if err := s.store.DeleteRecording(r.Context(), rehearse.LocalUserID, id); err != nil {
		return err
	}
	back := "/questions/" + url.PathEscape(rec.QuestionID) + "/attempts"
	if n, ok := strings.CutPrefix(r.PostFormValue("back"), "/attempts/"); ok {
		if _, err := strconv.ParseInt(n, 10, 64); err == nil {
			back = "/attempts/" + n
		}
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
	return nil
}

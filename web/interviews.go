package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
	"github.com/rehearse/rehearse/api"
	"github.com/rehearse/rehearse/interview"
)

// interviewSetupPage is the form that starts a mock interview for a role.
type interviewSetupPage struct {
	basePage
	R       *rehearse.RoleDetail
	Lengths []int
	Req     api.InterviewRequest
	Running []rehearse.Interview // unfinished interviews of this role
	Error   string
}

// Focused reports whether area is one of the chosen focus areas.
func (p *interviewSetupPage) Focused(area string) bool {
	for _, a := range p.Req.Areas {
		if a == area {
			return true
		}
	}
	return false
}

func (s *Server) interviewSetup(w http.ResponseWriter, r *http.Request) error {
	return s.renderInterviewSetup(w, r, http.StatusOK, api.InterviewRequest{Length: 5}, "")
}

func (s *Server) renderInterviewSetup(w http.ResponseWriter, r *http.Request, status int, req api.InterviewRequest, msg string) error {
	role, err := s.store.Role(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	list, err := s.store.Interviews(r.Context(), rehearse.LocalUserID, 50)
	if err != nil {
		return err
	}
	p := &interviewSetupPage{basePage: basePage{Title: "Mock interview: " + role.Title, Role: role.Slug}, R: role,
		Lengths: rehearse.InterviewLengths, Req: req, Error: msg}
	for _, iv := range list {
		if iv.Role == role.Slug && iv.Status == rehearse.InterviewRunning {
			p.Running = append(p.Running, iv)
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "interviewsetup", p)
	return nil
}

func (s *Server) startInterview(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return rehearse.Errorf(rehearse.EINVALID, "The form could not be read.")
	}
	req := api.InterviewRequest{Role: r.PathValue("slug"), Areas: r.PostForm["area"], Strict: r.PostFormValue("strict") == "on"}
	req.Length, _ = strconv.Atoi(r.PostFormValue("length"))
	iv, err := api.StartInterview(r.Context(), s.store, req, api.Seed())
	if rehearse.ErrorCode(err) == rehearse.EINVALID {
		return s.renderInterviewSetup(w, r, http.StatusBadRequest, req, rehearse.ErrorMessage(err))
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, interviewURL(iv.ID), http.StatusSeeOther)
	return nil
}

func interviewURL(id int64) string { return "/interviews/" + strconv.FormatInt(id, 10) }

// interviewsPage lists the candidate's mock interviews.
type interviewsPage struct {
	basePage
	Interviews []interviewRow
}

type interviewRow struct {
	rehearse.Interview
	Answered  int
	Coverage  float64
	Readiness string
}

func (s *Server) interviews(w http.ResponseWriter, r *http.Request) error {
	list, err := s.store.Interviews(r.Context(), rehearse.LocalUserID, 100)
	if err != nil {
		return err
	}
	p := &interviewsPage{basePage: basePage{Title: "Mock interviews"}}
	for _, iv := range list {
		row := interviewRow{Interview: iv}
		sum := 0.0
		for _, st := range iv.Steps {
			if st.Answered() {
				row.Answered++
				sum += st.Coverage
			}
		}
		if row.Answered > 0 {
			row.Coverage = sum / float64(row.Answered)
		}
		row.Readiness = interview.ReadinessLabel(row.Coverage)
		p.Interviews = append(p.Interviews, row)
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "interviews", p)
	return nil
}

// interviewStepPage is one question of a running mock interview: the
// question only, no guidance.
type interviewStepPage struct {
	basePage
	IV       *rehearse.Interview
	Step     rehearse.InterviewStep
	Position int
	Asked    int // questions asked so far, this one included (follow-ups not counted)
	Total    int // questions in the interview
	Last     bool
	Answer   string
	Error    string
	Target   [2]int
	// StartedMS is when the step was first shown, in Unix milliseconds,
	// so that a reload keeps the countdown of a strict interview.
	StartedMS int64
}

// DraftKey is the autosave key of the step.
func (p *interviewStepPage) DraftKey() string {
	return rehearse.InterviewDraftKey(p.IV.ID, p.Position)
}

// reportPage is the report of a finished mock interview.
type reportPage struct {
	basePage
	IV     *rehearse.Interview
	Report *interview.Report
	Error  string
}

// interviewPage shows the current question of a running interview, or the
// report of a finished one.
func (s *Server) interviewPage(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return rehearse.Errorf(rehearse.ENOTFOUND, "There is no mock interview %q.", r.PathValue("id"))
	}
	iv, err := s.store.Interview(r.Context(), rehearse.LocalUserID, id)
	if err != nil {
		return err
	}
	if iv.Status == rehearse.InterviewFinished {
		return s.renderReport(w, r, http.StatusOK, iv.ID, "")
	}
	if iv, err = s.store.StartInterviewStep(r.Context(), rehearse.LocalUserID, id, iv.Position); err != nil {
		return err
	}
	answer := ""
	if d, err := s.store.Draft(r.Context(), rehearse.LocalUserID, rehearse.InterviewDraftKey(iv.ID, iv.Position)); err == nil {
		answer = d.Answer
	}
	return s.renderStep(w, r, http.StatusOK, iv, answer, "")
}

func (s *Server) renderStep(w http.ResponseWriter, r *http.Request, status int, iv *rehearse.Interview, answer, msg string) error {
	pos := iv.Position
	step := iv.Steps[pos]
	p := &interviewStepPage{basePage: basePage{Title: "Mock interview: " + iv.RoleTitle}, IV: iv, Step: step, Position: pos,
		Last: pos == len(iv.Steps)-1, Answer: answer, Error: msg, Target: analysis.TargetSeconds(step.Type)}
	for i, st := range iv.Steps {
		if st.Kind == rehearse.StepFollowUp {
			continue
		}
		p.Total++
		if i <= pos {
			p.Asked++
		}
	}
	if step.StartedAt != nil {
		p.StartedMS = step.StartedAt.UnixMilli()
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "interviewstep", p)
	return nil
}

func (s *Server) renderReport(w http.ResponseWriter, r *http.Request, status int, id int64, msg string) error {
	iv, rep, err := api.InterviewWithReport(r.Context(), s.store, id)
	if err != nil {
		return err
	}
	p := &reportPage{basePage: basePage{Title: "Mock interview report: " + iv.RoleTitle}, IV: iv, Report: rep, Error: msg}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "report", p)
	return nil
}

// answerInterview takes the answer to the current question and moves on
// (post, then redirect): to the next question, or to the report.
func (s *Server) answerInterview(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return rehearse.Errorf(rehearse.ETOOLARGE, "The answer is too large to send; the limit is %d characters.", rehearse.MaxAnswerChars)
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return rehearse.Errorf(rehearse.ENOTFOUND, "There is no mock interview %q.", r.PathValue("id"))
	}
	ans := &api.InterviewAnswer{AnswerRequest: rehearse.AnswerRequest{Answer: r.PostFormValue("answer")}}
	ans.Position, err = strconv.Atoi(r.PostFormValue("position"))
	if err != nil {
		ans.Position = -1
	}
	if d, err := strconv.ParseFloat(r.PostFormValue("duration_seconds"), 64); err == nil {
		ans.DurationSeconds = d
	}
	if id, err := strconv.ParseInt(r.PostFormValue("recording_id"), 10, 64); err == nil {
		ans.RecordingID = id
	}
	iv, _, err := api.AnswerInterview(r.Context(), s.store, id, ans)
	switch code := rehearse.ErrorCode(err); {
	case err == nil:
		http.Redirect(w, r, interviewURL(id)+"#main", http.StatusSeeOther)
		return nil
	case iv == nil || code == rehearse.EINTERNAL || code == rehearse.ENOTFOUND:
		return err
	case iv.Status == rehearse.InterviewFinished:
		return s.renderReport(w, r, api.StatusCode(code), id, rehearse.ErrorMessage(err))
	case ans.Position == iv.Position:
		// A bad answer to the current question: the text stays in the box.
		return s.renderStep(w, r, api.StatusCode(code), iv, ans.Answer, rehearse.ErrorMessage(err))
	default:
		// An answer to a question already passed: show where the
		// interview stands; the text sent is shown back, not lost.
		return s.renderStep(w, r, api.StatusCode(code), iv, "", rehearse.ErrorMessage(err)+" What you sent: “"+ans.Answer+"”")
	}
}

// runningInterview returns the newest unfinished interview, if any, for
// the home page.
func (s *Server) runningInterview(r *http.Request) *interviewRow {
	list, err := s.store.Interviews(r.Context(), rehearse.LocalUserID, 20)
	if err != nil {
		return nil
	}
	for _, iv := range list {
		if iv.Status == rehearse.InterviewRunning && time.Since(iv.UpdatedAt) < 30*24*time.Hour {
			return &interviewRow{Interview: iv, Answered: iv.Position}
		}
	}
	return nil
}

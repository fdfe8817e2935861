package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
	"github.com/rehearse/rehearse/interview"
	"github.com/rehearse/rehearse/review"
)

// InterviewRequest starts a mock interview.
type InterviewRequest struct {
	Role   string   `json:"role"`
	Length int      `json:"length"`
	Areas  []string `json:"areas"`
	Strict bool     `json:"strict"`
}

// StartInterview plans a mock interview for the local user and stores it.
// The web UI and the API both call it.
func StartInterview(ctx context.Context, store rehearse.Store, req InterviewRequest, seed uint64) (*rehearse.Interview, error) {
	role, err := store.Role(ctx, req.Role)
	if err != nil {
		return nil, err
	}
	qs, err := store.RoleQuestions(ctx, role.Slug)
	if err != nil {
		return nil, err
	}
	scs, err := store.Scenarios(ctx, role.Slug)
	if err != nil {
		return nil, err
	}
	steps, err := interview.Plan(&role.Role, qs, scs, interview.Options{Length: req.Length, Areas: req.Areas, Strict: req.Strict, Seed: seed})
	if err != nil {
		return nil, err
	}
	iv := &rehearse.Interview{Role: role.Slug, RoleTitle: role.Title, Length: req.Length, Areas: req.Areas, Strict: req.Strict, Steps: steps}
	if err := store.CreateInterview(ctx, rehearse.LocalUserID, iv); err != nil {
		return nil, err
	}
	return iv, nil
}

// InterviewAnswer is an answer to one step of a mock interview.
type InterviewAnswer struct {
	Position int `json:"position"` // 0-based step the answer is for
	rehearse.AnswerRequest
}

// AnswerInterview analyses the answer to the interview's current step and
// stores it; a question's answer is saved as an attempt too. It returns the
// interview as it now stands and the feedback. A finished interview, or a
// step that is not the current one, is refused (ECONFLICT) unless the same
// answer was already stored for that step (a double submission).
func AnswerInterview(ctx context.Context, store rehearse.Store, id int64, ans *InterviewAnswer) (*rehearse.Interview, *analysis.Result, error) {
	iv, err := store.Interview(ctx, rehearse.LocalUserID, id)
	if err != nil {
		return nil, nil, err
	}
	if ans.Position < 0 || ans.Position >= len(iv.Steps) {
		if iv.Status == rehearse.InterviewFinished {
			return iv, nil, rehearse.Errorf(rehearse.ECONFLICT, "This mock interview is finished; its answers can no longer change. See its report.")
		}
		return iv, nil, rehearse.Errorf(rehearse.EINVALID, "This interview has no question %d.", ans.Position+1)
	}
	if err := ans.Validate(); err != nil {
		return iv, nil, err
	}
	step := iv.Steps[ans.Position]
	if step.Answered() {
		// Let the store decide: the same answer again is accepted as is.
		got, err := store.AnswerInterviewStep(ctx, rehearse.LocalUserID, id, ans.Position, rehearse.InterviewStep{Answer: ans.Answer}, nil)
		return current(ctx, store, iv, got, err)
	}
	q, glossary, index, err := stepQuestion(ctx, store, iv.Role, step)
	if err != nil {
		return iv, nil, err
	}
	res := analysis.Analyze(analysis.Input{Answer: ans.Answer, Question: q, Glossary: glossary, Role: index, DurationSeconds: ans.DurationSeconds})
	body, err := json.Marshal(res)
	if err != nil {
		return iv, nil, err
	}
	limit := float64(step.LimitSeconds + interview.Grace)
	over := iv.Strict && (ans.DurationSeconds > limit || step.StartedAt != nil && time.Since(*step.StartedAt).Seconds() > limit)
	done := rehearse.InterviewStep{Answer: ans.Answer, DurationSeconds: ans.DurationSeconds, Overtime: over,
		Coverage: res.Summary.Coverage, Level: string(res.Summary.Level), Result: body}
	var a *rehearse.Attempt
	if step.QuestionID != "" {
		a = &rehearse.Attempt{QuestionID: step.QuestionID, Answer: ans.Answer, DurationSeconds: ans.DurationSeconds, RecordingID: ans.RecordingID,
			Coverage: res.Summary.Coverage, Level: string(res.Summary.Level), Result: body}
	}
	got, err := store.AnswerInterviewStep(ctx, rehearse.LocalUserID, id, ans.Position, done, a)
	if iv, _, err = current(ctx, store, iv, got, err); err != nil {
		return iv, nil, err
	}
	if iv.Status == rehearse.InterviewFinished && ans.Position == len(iv.Steps)-1 {
		if err := ScheduleInterview(ctx, store, iv, time.Now().UTC()); err != nil {
			return iv, res, err
		}
	}
	return iv, res, nil
}

// ScheduleInterview puts the questions of a finished interview on the
// review schedule, each rated from its feedback as after a practice
// answer (review.Propose). A question whose card is not due yet keeps its
// schedule. Scenario prompts and the closing question are not cards.
func ScheduleInterview(ctx context.Context, store rehearse.Store, iv *rehearse.Interview, now time.Time) error {
	for _, st := range iv.Steps {
		if st.QuestionID == "" || st.Kind == rehearse.StepClosing || !st.Answered() {
			continue
		}
		_, err := review.Rate(ctx, store, rehearse.LocalUserID, rehearse.CardQuestion, st.QuestionID, review.Propose(st.Level), now)
		if err != nil && rehearse.ErrorCode(err) != rehearse.ECONFLICT {
			return err
		}
	}
	return nil
}

// current returns the interview after an answer: the stored one, or when
// the answer was refused, the interview as it now stands (another tab may
// have moved it on), so the caller can show where it is.
func current(ctx context.Context, store rehearse.Store, before, after *rehearse.Interview, err error) (*rehearse.Interview, *analysis.Result, error) {
	if err == nil {
		return after, nil, nil
	}
	if fresh, e := store.Interview(ctx, rehearse.LocalUserID, before.ID); e == nil {
		return fresh, nil, err
	}
	return before, nil, err
}

// stepQuestion is the rubric an interview step is analysed against: the
// question itself, or the scenario prompt made into a question (without
// the role index: a scenario prompt is not one of the role's questions).
func stepQuestion(ctx context.Context, store rehearse.Store, role string, step rehearse.InterviewStep) (*rehearse.Question, []rehearse.Term, *analysis.RoleIndex, error) {
	if step.QuestionID != "" {
		rb, err := rubrics.get(ctx, store, step.QuestionID)
		if err != nil {
			return nil, nil, nil, err
		}
		return &rb.q.Question, rb.glossary, rb.role, nil
	}
	sc, err := store.Scenario(ctx, step.ScenarioID)
	if err != nil {
		return nil, nil, nil, err
	}
	q, err := interview.ScenarioQuestion(&sc.Scenario, step.Prompt)
	if err != nil {
		return nil, nil, nil, err
	}
	re, err := rubrics.role(ctx, store, role)
	if err != nil {
		return nil, nil, nil, err
	}
	return q, re.glossary, nil, nil
}

// InterviewResponse is a mock interview; Report is set once it is finished.
type InterviewResponse struct {
	Interview *rehearse.Interview `json:"interview"`
	Report    *interview.Report   `json:"report,omitempty"`
}

// InterviewAnswerResponse is the interview after an answer, with the
// feedback on that answer.
type InterviewAnswerResponse struct {
	Interview *rehearse.Interview `json:"interview"`
	Feedback  *analysis.Result    `json:"feedback,omitempty"`
}

// InterviewsResponse lists mock interviews, newest first.
type InterviewsResponse struct {
	Interviews []rehearse.Interview `json:"interviews"`
}

// Seed returns a seed for a new interview's plan.
func Seed() uint64 { return uint64(time.Now().UnixNano()) }

func (h *Handler) createInterview(w http.ResponseWriter, r *http.Request) error {
	var req InterviewRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	iv, err := StartInterview(r.Context(), h.store, req, Seed())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, InterviewResponse{Interview: iv})
	return nil
}

func (h *Handler) listInterviews(w http.ResponseWriter, r *http.Request) error {
	list, err := h.store.Interviews(r.Context(), rehearse.LocalUserID, 50)
	if err != nil {
		return err
	}
	for i := range list {
		list[i].Steps = withoutResults(list[i].Steps)
	}
	writeJSON(w, http.StatusOK, InterviewsResponse{Interviews: list})
	return nil
}

// withoutResults drops the feedback from steps, for lists.
func withoutResults(steps []rehearse.InterviewStep) []rehearse.InterviewStep {
	out := make([]rehearse.InterviewStep, len(steps))
	for i, st := range steps {
		st.Result = nil
		out[i] = st
	}
	return out
}

func interviewID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return 0, rehearse.Errorf(rehearse.ENOTFOUND, "There is no mock interview %q.", r.PathValue("id"))
	}
	return id, nil
}

// InterviewWithReport loads an interview and, when it is finished, its
// report.
func InterviewWithReport(ctx context.Context, store rehearse.Store, id int64) (*rehearse.Interview, *interview.Report, error) {
	iv, err := store.Interview(ctx, rehearse.LocalUserID, id)
	if err != nil || iv.Status != rehearse.InterviewFinished {
		return iv, nil, err
	}
	var areas []rehearse.Area
	if role, err := store.Role(ctx, iv.Role); err == nil {
		areas = role.Areas
	}
	rep := interview.NewReport(iv, areas)
	return iv, &rep, nil
}

func (h *Handler) interview(w http.ResponseWriter, r *http.Request) error {
	id, err := interviewID(r)
	if err != nil {
		return err
	}
	iv, rep, err := InterviewWithReport(r.Context(), h.store, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, InterviewResponse{Interview: iv, Report: rep})
	return nil
}

func (h *Handler) answerInterview(w http.ResponseWriter, r *http.Request) error {
	id, err := interviewID(r)
	if err != nil {
		return err
	}
	var req InterviewAnswer
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	iv, res, err := AnswerInterview(r.Context(), h.store, id, &req)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, InterviewAnswerResponse{Interview: iv, Feedback: res})
	return nil
}

// interviewDraftKey checks that the draft is for the interview's current step
// and returns its key.
func (h *Handler) interviewDraftKey(r *http.Request) (string, error) {
	id, err := interviewID(r)
	if err != nil {
		return "", err
	}
	pos, err := strconv.Atoi(r.PathValue("pos"))
	if err != nil {
		return "", rehearse.Errorf(rehearse.ENOTFOUND, "There is no step %q.", r.PathValue("pos"))
	}
	iv, err := h.store.Interview(r.Context(), rehearse.LocalUserID, id)
	if err != nil {
		return "", err
	}
	if iv.Status == rehearse.InterviewFinished || pos != iv.Position {
		return "", rehearse.Errorf(rehearse.ECONFLICT, "That question of the interview is already answered; the draft was not saved.")
	}
	return rehearse.InterviewDraftKey(id, pos), nil
}

func (h *Handler) interviewDraft(w http.ResponseWriter, r *http.Request) error {
	key, err := h.interviewDraftKey(r)
	if err != nil {
		return err
	}
	return h.getDraft(w, r, key)
}

func (h *Handler) saveInterviewDraft(w http.ResponseWriter, r *http.Request) error {
	return h.putDraft(w, r, func() (string, error) { return h.interviewDraftKey(r) })
}

package rehearse

import (
	"context"
	"encoding/json"
	"strconv"
	"time"
)

// Interview is a mock interview of a user: a plan of steps fixed when it
// starts, answered one at a time. Position is the step to answer next; it
// equals len(Steps) when the interview is finished.
type Interview struct {
	ID         int64           `json:"id"`
	Role       string          `json:"role"`
	RoleTitle  string          `json:"role_title"`
	Length     int             `json:"length"` // questions asked, follow-ups not counted
	Areas      []string        `json:"areas"`  // focus areas; empty means all
	Strict     bool            `json:"strict"` // time limits on
	Steps      []InterviewStep `json:"steps"`
	Position   int             `json:"position"`
	Status     string          `json:"status"` // InterviewRunning or InterviewFinished
	CreatedAt  time.Time       `json:"created_at"`
	UpdatedAt  time.Time       `json:"updated_at"`
	FinishedAt *time.Time      `json:"finished_at,omitempty"`
}

// Interview statuses.
const (
	InterviewRunning  = "running"
	InterviewFinished = "finished"
)

// Interview step kinds, in the order an interview runs.
const (
	StepOpener   = "opener"
	StepQuestion = "question"
	StepScenario = "scenario"
	StepFollowUp = "follow_up"
	StepClosing  = "closing"
)

// InterviewStep is one thing the interviewer asks and, once answered, the
// answer with its feedback.
type InterviewStep struct {
	Kind       string       `json:"kind"`
	QuestionID string       `json:"question_id,omitempty"` // opener, question, closing
	ScenarioID string       `json:"scenario_id,omitempty"` // scenario, follow_up
	Prompt     int          `json:"prompt,omitempty"`      // index of the scenario's prompt
	Area       string       `json:"area"`
	Type       QuestionType `json:"type"`
	Setup      string       `json:"setup,omitempty"` // a scenario's situation, shown with its first prompt
	Text       string       `json:"text"`
	// LimitSeconds is the time allowed when the interview is strict.
	LimitSeconds int `json:"limit_seconds"`

	Answer          string          `json:"answer,omitempty"`
	DurationSeconds float64         `json:"duration_seconds,omitempty"`
	Overtime        bool            `json:"overtime,omitempty"`
	AttemptID       int64           `json:"attempt_id,omitempty"` // the saved attempt, for questions
	Coverage        float64         `json:"coverage"`
	Level           string          `json:"level,omitempty"`
	Result          json.RawMessage `json:"result,omitempty"` // the feedback
	StartedAt       *time.Time      `json:"started_at,omitempty"`
	AnsweredAt      *time.Time      `json:"answered_at,omitempty"`
}

// Answered reports whether the step has its answer.
func (s InterviewStep) Answered() bool { return s.AnsweredAt != nil }

// InterviewDraftKey is the key under which the draft of an interview's
// step is autosaved (in place of a question id).
func InterviewDraftKey(id int64, position int) string {
	return "interview:" + strconv.FormatInt(id, 10) + ":" + strconv.Itoa(position)
}

// Interview lengths a candidate can choose.
var InterviewLengths = []int{5, 10, 15}

// InterviewStore keeps a user's mock interviews. Both stores implement it.
type InterviewStore interface {
	// CreateInterview stores a new interview and fills its ID and times.
	CreateInterview(ctx context.Context, userID int64, iv *Interview) error
	// Interview returns one interview of the user; ENOTFOUND otherwise.
	Interview(ctx context.Context, userID, id int64) (*Interview, error)
	// Interviews lists the user's interviews, newest first.
	Interviews(ctx context.Context, userID int64, limit int) ([]Interview, error)
	// StartInterviewStep records when the step at position was first shown
	// (kept if already set) and returns the interview.
	StartInterviewStep(ctx context.Context, userID, id int64, position int) (*Interview, error)
	// AnswerInterviewStep stores the answer fields of step (answer,
	// duration, overtime, coverage, level, result) in the step at position,
	// drops that step's draft and moves on, in one transaction under the user's lock; the last answer
	// finishes the interview. A question's answer is saved as attempt a
	// too (nil for steps that are not a question). The same answer sent
	// again for the step just answered (a double click) changes nothing
	// and returns the interview; any other answer to a step that is not
	// the current one, or to a finished interview, is an ECONFLICT error
	// and changes nothing.
	AnswerInterviewStep(ctx context.Context, userID, id int64, position int, step InterviewStep, a *Attempt) (*Interview, error)
}

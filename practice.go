package rehearse

import (
	"context"
	"encoding/json"
	"time"
)

// Attempt is one saved answer to a question with the feedback it got.
type Attempt struct {
	ID              int64           `json:"id"`
	UserID          int64           `json:"-"`
	QuestionID      string          `json:"question_id"`
	Answer          string          `json:"answer"`
	DurationSeconds float64         `json:"duration_seconds,omitempty"`
	RecordingID     int64           `json:"recording_id,omitempty"` // the spoken answer's recording, while it is kept
	Coverage        float64         `json:"coverage"`
	Level           string          `json:"level"`
	Result          json.RawMessage `json:"result"`
	CreatedAt       time.Time       `json:"created_at"`
}

// Draft is the autosaved, not yet submitted answer to a question.
type Draft struct {
	QuestionID string    `json:"question_id"`
	Answer     string    `json:"answer"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// DuplicateWindow is how close in time an identical answer to the same
// question counts as the same submission (a double click, two tabs).
const DuplicateWindow = 30 * time.Second

// PracticeStore keeps a user's practice data. Both stores implement it.
type PracticeStore interface {
	// SaveAttempt stores a new attempt and fills its ID and CreatedAt. An
	// identical answer to the same question within DuplicateWindow is the
	// same submission: the earlier attempt is returned and nothing is
	// added.
	SaveAttempt(ctx context.Context, a *Attempt) error
	// Attempts lists a user's attempts at a question, newest first.
	Attempts(ctx context.Context, userID int64, questionID string, limit int) ([]Attempt, error)
	// AttemptsSince lists all of a user's attempts made at or after since,
	// oldest first, without their feedback (Result is empty).
	AttemptsSince(ctx context.Context, userID int64, since time.Time) ([]Attempt, error)
	// Attempt returns one attempt of the user; ENOTFOUND otherwise.
	Attempt(ctx context.Context, userID, id int64) (*Attempt, error)
	// SaveDraft stores (replaces) the user's draft for a question.
	SaveDraft(ctx context.Context, userID int64, d *Draft) error
	// Draft returns the user's draft for a question; ENOTFOUND if none.
	Draft(ctx context.Context, userID int64, questionID string) (*Draft, error)
	// DeleteDraft removes the draft, if any.
	DeleteDraft(ctx context.Context, userID int64, questionID string) error
}

// Card is a spaced-repetition card of a user: an item to rehearse and when.
type Card struct {
	Kind string    `json:"kind"` // CardQuestion or CardStory
	Ref  string    `json:"ref"`  // the question id or the story id
	Due  time.Time `json:"due"`
	// State is the scheduler's card; empty for a card never rated (a new
	// story waiting for its first rehearsal).
	State json.RawMessage `json:"-"`
}

// Card kinds.
const (
	CardQuestion = "question"
	CardStory    = "story"
)

// StoryFirstReview is how long after a story is written it first comes up
// for rehearsal.
const StoryFirstReview = 24 * time.Hour

// ReviewStore keeps a user's spaced-repetition cards. Both stores
// implement it.
type ReviewStore interface {
	// Card returns the user's card for an item; ENOTFOUND if none.
	Card(ctx context.Context, userID int64, kind, ref string) (*Card, error)
	// SaveCard stores (replaces) a card.
	SaveCard(ctx context.Context, userID int64, c *Card) error
	// UpdateCard reads the user's card for an item (a Card with empty
	// State and zero Due when there is none), lets fn change it and saves
	// it, in one transaction under the user's lock, so two ratings of one
	// card cannot both apply. When fn fails nothing changes.
	UpdateCard(ctx context.Context, userID int64, kind, ref string, fn func(c *Card) error) (*Card, error)
	// DueCards lists the cards due at or before now, oldest due first.
	DueCards(ctx context.Context, userID int64, now time.Time, limit int) ([]Card, error)
	// NextDue returns when the next card falls due after now; ENOTFOUND
	// if the user has no cards.
	NextDue(ctx context.Context, userID int64, now time.Time) (time.Time, error)
}

package rehearse

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Story is one of the candidate's STAR stories for a role.
type Story struct {
	ID        int64     `json:"id"`
	Role      string    `json:"role"`
	Title     string    `json:"title"`
	Situation string    `json:"situation"`
	Task      string    `json:"task"`
	Action    string    `json:"action"`
	Result    string    `json:"result"`
	Numbers   string    `json:"numbers"`
	Areas     []string  `json:"areas"`     // competency area ids of the role
	Questions []string  `json:"questions"` // question ids the story answers
	UpdatedAt time.Time `json:"updated_at"`
}

// MaxStoryChars bounds each text field of a story.
const MaxStoryChars = 5000

// Text returns the story's words, for checks that read all of it.
func (s *Story) Text() string {
	return strings.Join([]string{s.Title, s.Situation, s.Task, s.Action, s.Result, s.Numbers}, "\n")
}

// Validate trims the story and checks it: a title and at least one STAR
// part are required, and no field may exceed MaxStoryChars.
func (s *Story) Validate() error {
	for _, f := range []*string{&s.Title, &s.Situation, &s.Task, &s.Action, &s.Result, &s.Numbers} {
		*f = strings.TrimSpace(strings.ToValidUTF8(*f, "\uFFFD"))
		if n := utf8.RuneCountInString(*f); n > MaxStoryChars {
			return Errorf(ETOOLARGE, "A part of the story is %d characters long; each part may have up to %d.", n, MaxStoryChars)
		}
	}
	if s.Title == "" {
		return Errorf(EINVALID, "Give the story a short title, such as \"Cut no-shows at the Elm Street clinic\".")
	}
	if s.Situation+s.Task+s.Action+s.Result == "" {
		return Errorf(EINVALID, "Write at least one part of the story: situation, task, action or result.")
	}
	return nil
}

// StoryStore keeps a user's stories. Both stores implement it.
type StoryStore interface {
	// SaveStory creates the story (ID 0), with its review card due after
	// StoryFirstReview, or replaces the user's story with its ID;
	// ENOTFOUND if that story is not the user's.
	SaveStory(ctx context.Context, userID int64, s *Story) error
	// Stories lists the user's stories for a role, oldest first.
	Stories(ctx context.Context, userID int64, role string) ([]Story, error)
	// Story returns one story of the user; ENOTFOUND otherwise.
	Story(ctx context.Context, userID, id int64) (*Story, error)
	// DeleteStory removes a story of the user and its review card.
	DeleteStory(ctx context.Context, userID, id int64) error
}

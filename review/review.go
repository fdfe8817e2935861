// Package review schedules rehearsal with FSRS (go-fsrs v4, FSRS-6): each
// practised question becomes a card, and a rating after an attempt decides
// when it comes back. The feedback level proposes the rating; the
// candidate may change it.
package review

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v4"
	"github.com/rehearse/rehearse"
)

// Ratings, as the candidate sees them.
var Ratings = []string{"again", "hard", "good", "easy"}

var ratingValue = map[string]fsrs.Rating{"again": fsrs.Again, "hard": fsrs.Hard, "good": fsrs.Good, "easy": fsrs.Easy}

// Propose maps a feedback level to a rating: an answer that is not there
// yet comes back soon, a strong one later.
func Propose(level string) string {
	switch level {
	case "strong":
		return "easy"
	case "solid":
		return "good"
	case "developing":
		return "hard"
	}
	return "again"
}

var scheduler = fsrs.NewFSRS(fsrs.DefaultParam())

// Rate applies a rating to the user's card for an item (kind
// rehearse.CardQuestion or rehearse.CardStory, ref its id), creating the
// card at its first rating, and returns the card with its next due time. A
// card that is not due yet cannot be rated (ECONFLICT); nothing changes.
// The read and the write happen in one transaction under the user's lock.
func Rate(ctx context.Context, store rehearse.Store, userID int64, kind, ref, rating string, now time.Time) (*rehearse.Card, error) {
	r, ok := ratingValue[rating]
	if !ok {
		return nil, rehearse.Errorf(rehearse.EINVALID, "Rating must be one of again, hard, good, easy.")
	}
	return store.UpdateCard(ctx, userID, kind, ref, func(c *rehearse.Card) error {
		card := fsrs.NewCard(now)
		if !c.Due.IsZero() && c.Due.After(now) {
			what := "This question"
			if kind == rehearse.CardStory {
				what = "This story"
			}
			return rehearse.Errorf(rehearse.ECONFLICT, "%s is not due for review until %s; nothing was changed.", what, c.Due.Format("Mon 2 Jan 15:04 MST"))
		}
		if len(c.State) > 0 {
			if err := json.Unmarshal(c.State, &card); err != nil {
				return fmt.Errorf("review: decode card: %w", err)
			}
		}
		info, err := scheduler.Next(card, now, r)
		if err != nil {
			return fmt.Errorf("review: schedule: %w", err)
		}
		state, err := json.Marshal(info.Card)
		if err != nil {
			return err
		}
		c.Due, c.State = info.Card.Due.UTC(), state
		return nil
	})
}

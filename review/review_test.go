package review_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/review"
	"github.com/rehearse/rehearse/sqlite"
)

func TestRate(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	now := time.Date(2026, 11, 26, 20, 0, 0, 0, time.UTC)
	good, err := review.Rate(ctx, store, rehearse.LocalUserID, rehearse.CardQuestion, "q1", "good", now)
	if err != nil || !good.Due.After(now) {
		t.Fatalf("first rating good = %+v, %v; want a later due time", good, err)
	}
	again, err := review.Rate(ctx, store, rehearse.LocalUserID, rehearse.CardQuestion, "q2", "again", now)
	if err != nil || !again.Due.Before(good.Due) {
		t.Errorf("again due %v is not before good due %v", again.Due, good.Due)
	}
	// Not due yet: refused, nothing changes.
	if _, err := review.Rate(ctx, store, rehearse.LocalUserID, rehearse.CardQuestion, "q1", "easy", now.Add(time.Minute)); rehearse.ErrorCode(err) != rehearse.ECONFLICT {
		t.Errorf("rating a card that is not due = %v, want ECONFLICT", err)
	}
	if c, _ := store.Card(ctx, rehearse.LocalUserID, "question", "q1"); !c.Due.Equal(good.Due) {
		t.Errorf("a refused rating changed the card: %v, want %v", c.Due, good.Due)
	}
	// Due: a second good rating pushes it further out.
	later, err := review.Rate(ctx, store, rehearse.LocalUserID, rehearse.CardQuestion, "q1", "good", good.Due)
	if err != nil || !later.Due.After(good.Due) {
		t.Errorf("second rating = %+v, %v", later, err)
	}
	if _, err := review.Rate(ctx, store, rehearse.LocalUserID, rehearse.CardQuestion, "q1", "superb", later.Due); rehearse.ErrorCode(err) != rehearse.EINVALID {
		t.Errorf("unknown rating = %v, want EINVALID", err)
	}
}

func TestPropose(t *testing.T) {
	for level, want := range map[string]string{"not_yet": "again", "developing": "hard", "solid": "good", "strong": "easy"} {
		if got := review.Propose(level); got != want {
			t.Errorf("Propose(%s) = %s, want %s", level, got, want)
		}
	}
}

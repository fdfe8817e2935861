package storetest

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/rehearse/rehearse"
)

// practiceTests are the conformance tests of rehearse.PracticeStore.
var practiceTests = []struct {
	name string
	fn   func(*testing.T, Opener)
}{
	{"Attempts", testAttempts},
	{"AttemptDuplicates", testAttemptDuplicates},
	{"Drafts", testDrafts},
}

func newAttempt(q, answer string) *rehearse.Attempt {
	return &rehearse.Attempt{UserID: rehearse.LocalUserID, QuestionID: q, Answer: answer, DurationSeconds: 42.5,
		Coverage: 0.6, Level: "solid", Result: json.RawMessage(`{"summary":{"coverage":0.6}}`)}
}

func testAttempts(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	first := newAttempt("q1", "first answer")
	if err := s.SaveAttempt(ctx, first); err != nil || first.ID == 0 || first.CreatedAt.IsZero() {
		t.Fatalf("SaveAttempt = %v, id %d, created %v", err, first.ID, first.CreatedAt)
	}
	second := newAttempt("q1", "second answer")
	if err := s.SaveAttempt(ctx, second); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAttempt(ctx, newAttempt("q2", "other question")); err != nil {
		t.Fatal(err)
	}
	list, err := s.Attempts(ctx, rehearse.LocalUserID, "q1", 10)
	if err != nil || len(list) != 2 || list[0].ID != second.ID || list[1].ID != first.ID {
		t.Fatalf("Attempts = %+v, %v; want newest first, two of them", list, err)
	}
	got, err := s.Attempt(ctx, rehearse.LocalUserID, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Answer != "first answer" || got.DurationSeconds != 42.5 || got.Level != "solid" || string(got.Result) != `{"summary":{"coverage":0.6}}` ||
		got.CreatedAt.Sub(first.CreatedAt).Abs() > time.Millisecond {
		t.Errorf("Attempt round trip = %+v, want %+v", got, first)
	}
	_, err = s.Attempt(ctx, rehearse.LocalUserID, 99999)
	wantCode(t, err, rehearse.ENOTFOUND)
}

// testAttemptDuplicates: a double click or two tabs sending the same answer
// at once save one attempt.
func testAttemptDuplicates(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	var wg sync.WaitGroup
	ids := make(chan int64, 6)
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := newAttempt("q1", "the same answer")
			if err := s.SaveAttempt(ctx, a); err != nil {
				t.Error(err)
			}
			ids <- a.ID
		}()
	}
	wg.Wait()
	close(ids)
	seen := map[int64]bool{}
	for id := range ids {
		seen[id] = true
	}
	list, err := s.Attempts(ctx, rehearse.LocalUserID, "q1", 10)
	if err != nil || len(list) != 1 || len(seen) != 1 {
		t.Errorf("six identical submissions saved %d attempts (ids %v), %v; want one", len(list), seen, err)
	}
}

func testDrafts(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	_, err := s.Draft(ctx, rehearse.LocalUserID, "q1")
	wantCode(t, err, rehearse.ENOTFOUND)
	for _, text := range []string{"half an ans", "half an answer, now longer"} {
		if err := s.SaveDraft(ctx, rehearse.LocalUserID, &rehearse.Draft{QuestionID: "q1", Answer: text}); err != nil {
			t.Fatal(err)
		}
	}
	d, err := s.Draft(ctx, rehearse.LocalUserID, "q1")
	if err != nil || d.Answer != "half an answer, now longer" || d.UpdatedAt.IsZero() {
		t.Fatalf("Draft = %+v, %v", d, err)
	}
	if err := s.DeleteDraft(ctx, rehearse.LocalUserID, "q1"); err != nil {
		t.Fatal(err)
	}
	_, err = s.Draft(ctx, rehearse.LocalUserID, "q1")
	wantCode(t, err, rehearse.ENOTFOUND)
}

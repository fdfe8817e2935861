package storetest

import (
	"context"
	"encoding/json"
	"strconv"
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
	{"UpdateCard", testUpdateCard},
	{"Cards", testCards},
	{"Stories", testStories},
	{"Interviews", testInterviews},
	{"Recordings", testRecordings},
}

// concurrently runs fn n times at once and fails the test on any error.
func concurrently(t *testing.T, n int, fn func(i int) error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- fn(i)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent calls: %v", err)
		}
	}
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
	since, err := s.AttemptsSince(ctx, rehearse.LocalUserID, first.CreatedAt.Add(-time.Second))
	if err != nil || len(since) != 3 || since[0].ID != first.ID || since[0].Coverage != 0.6 || since[0].Result != nil {
		t.Errorf("AttemptsSince = %+v, %v; want all three, oldest first, without results", since, err)
	}
	if later, _ := s.AttemptsSince(ctx, rehearse.LocalUserID, time.Now().Add(time.Hour)); len(later) != 0 {
		t.Errorf("AttemptsSince(future) = %d attempts", len(later))
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
	ids := make(chan int64, 6)
	concurrently(t, 6, func(int) error {
		a := newAttempt("q1", "the same answer")
		err := s.SaveAttempt(ctx, a)
		ids <- a.ID
		return err
	})
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

func testCards(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	_, err := s.Card(ctx, rehearse.LocalUserID, "question", "q1")
	wantCode(t, err, rehearse.ENOTFOUND)
	base := time.Date(2026, 11, 26, 22, 0, 0, 0, time.UTC)
	// Due times with and without fractions of a second must order as times.
	for i, c := range []*rehearse.Card{
		{Kind: "question", Ref: "q1", Due: base.Add(500 * time.Millisecond), State: json.RawMessage(`{"Reps":1}`)},
		{Kind: "question", Ref: "q2", Due: base, State: json.RawMessage(`{"Reps":2}`)},
		{Kind: "question", Ref: "q3", Due: base.Add(48 * time.Hour), State: json.RawMessage(`{"Reps":3}`)},
	} {
		if err := s.SaveCard(ctx, rehearse.LocalUserID, c); err != nil {
			t.Fatalf("SaveCard %d: %v", i, err)
		}
	}
	due, err := s.DueCards(ctx, rehearse.LocalUserID, base.Add(time.Second), 10)
	if err != nil || len(due) != 2 || due[0].Ref != "q2" || due[1].Ref != "q1" || string(due[1].State) != `{"Reps":1}` {
		t.Fatalf("DueCards = %+v, %v; want q2 then q1", due, err)
	}
	if due, _ := s.DueCards(ctx, rehearse.LocalUserID, base.Add(100*time.Millisecond), 10); len(due) != 1 || due[0].Ref != "q2" {
		t.Errorf("DueCards at +100ms = %+v; want only q2 (q1 is due at +500ms)", due)
	}
	next, err := s.NextDue(ctx, rehearse.LocalUserID, base.Add(time.Second))
	if err != nil || !next.Equal(base.Add(48*time.Hour)) {
		t.Errorf("NextDue = %v, %v", next, err)
	}
	c, err := s.Card(ctx, rehearse.LocalUserID, "question", "q3")
	if err != nil || !c.Due.Equal(base.Add(48*time.Hour)) {
		t.Errorf("Card = %+v, %v", c, err)
	}
	if err := s.SaveCard(ctx, rehearse.LocalUserID, &rehearse.Card{Kind: "question", Ref: "q3", Due: base, State: json.RawMessage(`{}`)}); err != nil {
		t.Fatal(err)
	}
	if due, _ := s.DueCards(ctx, rehearse.LocalUserID, base, 10); len(due) != 2 {
		t.Errorf("after moving q3 earlier, %d cards due at base, want 2", len(due))
	}
}

func testStories(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	st := &rehearse.Story{Role: "front-desk-lead", Title: "Cut no-shows", Situation: "12% no-shows", Action: "Two-way texting", Result: "7% in two quarters",
		Areas: []string{"access"}, Questions: []string{"fdl-no-shows"}}
	if err := s.SaveStory(ctx, rehearse.LocalUserID, st); err != nil || st.ID == 0 {
		t.Fatalf("SaveStory = %v, id %d", err, st.ID)
	}
	st.Result = "7% in two quarters, held for a year"
	if err := s.SaveStory(ctx, rehearse.LocalUserID, st); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveStory(ctx, rehearse.LocalUserID, &rehearse.Story{Role: "clinic-manager", Title: "Other role", Action: "x"}); err != nil {
		t.Fatal(err)
	}
	list, err := s.Stories(ctx, rehearse.LocalUserID, "front-desk-lead")
	if err != nil || len(list) != 1 || list[0].Result != "7% in two quarters, held for a year" || list[0].Areas[0] != "access" || list[0].Questions[0] != "fdl-no-shows" {
		t.Fatalf("Stories = %+v, %v", list, err)
	}
	// A new story is a review card, due a day after it was written.
	card, err := s.Card(ctx, rehearse.LocalUserID, rehearse.CardStory, strconv.FormatInt(st.ID, 10))
	if err != nil || len(card.State) != 0 || card.Due.Sub(list[0].UpdatedAt) < rehearse.StoryFirstReview-time.Minute {
		t.Errorf("story card = %+v, %v; want a new card due a day later", card, err)
	}
	missing := &rehearse.Story{ID: 9999, Role: "front-desk-lead", Title: "x", Action: "y"}
	wantCode(t, s.SaveStory(ctx, rehearse.LocalUserID, missing), rehearse.ENOTFOUND)
	if err := s.DeleteStory(ctx, rehearse.LocalUserID, st.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.Story(ctx, rehearse.LocalUserID, st.ID)
	wantCode(t, err, rehearse.ENOTFOUND)
	_, err = s.Card(ctx, rehearse.LocalUserID, rehearse.CardStory, strconv.FormatInt(st.ID, 10))
	wantCode(t, err, rehearse.ENOTFOUND)
}

func testUpdateCard(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	base := time.Date(2026, 11, 26, 22, 0, 0, 0, time.UTC)
	c, err := s.UpdateCard(ctx, rehearse.LocalUserID, rehearse.CardQuestion, "q1", func(c *rehearse.Card) error {
		if !c.Due.IsZero() || len(c.State) != 0 {
			t.Errorf("a missing card came as %+v", c)
		}
		c.Due, c.State = base, json.RawMessage(`{"Reps":1}`)
		return nil
	})
	if err != nil || c.Ref != "q1" || !c.Due.Equal(base) {
		t.Fatalf("UpdateCard = %+v, %v", c, err)
	}
	// A failing update changes nothing.
	_, err = s.UpdateCard(ctx, rehearse.LocalUserID, rehearse.CardQuestion, "q1", func(c *rehearse.Card) error {
		c.Due = base.Add(time.Hour)
		return rehearse.Errorf(rehearse.ECONFLICT, "not due")
	})
	wantCode(t, err, rehearse.ECONFLICT)
	if got, _ := s.Card(ctx, rehearse.LocalUserID, rehearse.CardQuestion, "q1"); !got.Due.Equal(base) {
		t.Errorf("a failed update moved the card to %v", got.Due)
	}
	// Concurrent updates of one card run one after the other: each sees
	// the previous one's write.
	concurrently(t, 6, func(int) error {
		_, err := s.UpdateCard(ctx, rehearse.LocalUserID, rehearse.CardQuestion, "q1", func(c *rehearse.Card) error {
			var st struct{ Reps int }
			if err := json.Unmarshal(c.State, &st); err != nil {
				return err
			}
			st.Reps++
			c.State, _ = json.Marshal(st)
			return nil
		})
		return err
	})
	if got, _ := s.Card(ctx, rehearse.LocalUserID, rehearse.CardQuestion, "q1"); string(got.State) != `{"Reps":7}` {
		t.Errorf("after six concurrent increments the card is %s, want Reps 7", got.State)
	}
}

func testInterviews(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	iv := &rehearse.Interview{Role: "front-desk-lead", RoleTitle: "Front Desk Lead", Length: 3, Strict: true, Steps: []rehearse.InterviewStep{
		{Kind: rehearse.StepOpener, QuestionID: "fdl-motivation", Type: rehearse.Motivation, Text: "Why this job?", LimitSeconds: 90},
		{Kind: rehearse.StepScenario, ScenarioID: "fdl-scn", Type: rehearse.Situational, Setup: "The phones are down.", Text: "What first?"},
		{Kind: rehearse.StepClosing, QuestionID: "fdl-close", Type: rehearse.Closing, Text: "What would you like to ask us?"},
	}}
	if err := s.CreateInterview(ctx, rehearse.LocalUserID, iv); err != nil || iv.ID == 0 || iv.Status != rehearse.InterviewRunning {
		t.Fatalf("CreateInterview = %v, %+v", err, iv)
	}
	_, err := s.Interview(ctx, rehearse.LocalUserID, iv.ID+100)
	wantCode(t, err, rehearse.ENOTFOUND)

	// Showing a step records when it started, once.
	got, err := s.StartInterviewStep(ctx, rehearse.LocalUserID, iv.ID, 0)
	if err != nil || got.Steps[0].StartedAt == nil {
		t.Fatalf("StartInterviewStep = %+v, %v", got, err)
	}
	first := *got.Steps[0].StartedAt
	if again, _ := s.StartInterviewStep(ctx, rehearse.LocalUserID, iv.ID, 0); !again.Steps[0].StartedAt.Equal(first) {
		t.Error("showing a step again moved its start time")
	}
	if err := s.SaveDraft(ctx, rehearse.LocalUserID, &rehearse.Draft{QuestionID: rehearse.InterviewDraftKey(iv.ID, 0), Answer: "half an ans"}); err != nil {
		t.Fatal(err)
	}

	// Six identical submissions of the first answer at once: one attempt,
	// one step answered.
	answer := rehearse.InterviewStep{Answer: "I like running a calm front desk.", Coverage: 0.5, Level: "developing", Result: json.RawMessage(`{"summary":{}}`)}
	concurrently(t, 6, func(int) error {
		a := &rehearse.Attempt{QuestionID: "fdl-motivation", Answer: answer.Answer, Coverage: 0.5, Level: "developing", Result: json.RawMessage(`{}`)}
		_, err := s.AnswerInterviewStep(ctx, rehearse.LocalUserID, iv.ID, 0, answer, a)
		return err
	})
	got, _ = s.Interview(ctx, rehearse.LocalUserID, iv.ID)
	if got.Position != 1 || got.Steps[0].Answer != answer.Answer || got.Steps[0].AttemptID == 0 || got.Steps[0].AnsweredAt == nil ||
		got.Steps[0].Text != "Why this job?" || !got.Steps[0].StartedAt.Equal(first) {
		t.Fatalf("after the first answer: position %d, step %+v", got.Position, got.Steps[0])
	}
	if list, _ := s.Attempts(ctx, rehearse.LocalUserID, "fdl-motivation", 10); len(list) != 1 {
		t.Errorf("%d attempts saved for one answer, want 1", len(list))
	}
	if _, err := s.Draft(ctx, rehearse.LocalUserID, rehearse.InterviewDraftKey(iv.ID, 0)); rehearse.ErrorCode(err) != rehearse.ENOTFOUND {
		t.Errorf("the answered step's draft is still there: %v", err)
	}
	// A different answer to a step already answered, or to a later step:
	// refused, nothing changes.
	_, err = s.AnswerInterviewStep(ctx, rehearse.LocalUserID, iv.ID, 0, rehearse.InterviewStep{Answer: "something else"}, nil)
	wantCode(t, err, rehearse.ECONFLICT)
	_, err = s.AnswerInterviewStep(ctx, rehearse.LocalUserID, iv.ID, 2, rehearse.InterviewStep{Answer: "skipping ahead"}, nil)
	wantCode(t, err, rehearse.ECONFLICT)
	for pos, text := range []string{"First I switch to the backup line.", "How do you measure success in this role?"} {
		if _, err := s.AnswerInterviewStep(ctx, rehearse.LocalUserID, iv.ID, pos+1, rehearse.InterviewStep{Answer: text, Overtime: pos == 0}, nil); err != nil {
			t.Fatal(err)
		}
	}
	got, _ = s.Interview(ctx, rehearse.LocalUserID, iv.ID)
	if got.Status != rehearse.InterviewFinished || got.FinishedAt == nil || got.Position != 3 || !got.Steps[1].Overtime || got.Steps[2].AttemptID != 0 {
		t.Fatalf("finished interview = %+v", got)
	}
	// A finished interview takes no more answers.
	_, err = s.AnswerInterviewStep(ctx, rehearse.LocalUserID, iv.ID, 3, rehearse.InterviewStep{Answer: "late"}, nil)
	wantCode(t, err, rehearse.ECONFLICT)
	if after, _ := s.Interview(ctx, rehearse.LocalUserID, iv.ID); !after.UpdatedAt.Equal(got.UpdatedAt) || len(after.Steps) != 3 {
		t.Error("an answer to a finished interview changed it")
	}
	second := &rehearse.Interview{Role: "clinic-manager", RoleTitle: "Clinic Manager", Length: 1, Steps: []rehearse.InterviewStep{{Kind: rehearse.StepOpener, Text: "Tell me about yourself."}}}
	if err := s.CreateInterview(ctx, rehearse.LocalUserID, second); err != nil {
		t.Fatal(err)
	}
	list, err := s.Interviews(ctx, rehearse.LocalUserID, 10)
	if err != nil || len(list) != 2 || list[0].ID != second.ID || list[1].Status != rehearse.InterviewFinished || len(list[0].Areas) != 0 {
		t.Fatalf("Interviews = %+v, %v", list, err)
	}
}

func testRecordings(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	data := append([]byte{0x1A, 0x45, 0xDF, 0xA3}, make([]byte, 5000)...)
	rec := &rehearse.Recording{QuestionID: "fdl-no-shows", ContentType: "audio/webm", DurationSeconds: 61.5, Data: data}
	if err := s.SaveRecording(ctx, rehearse.LocalUserID, rec); err != nil || rec.ID == 0 || rec.Size != len(data) {
		t.Fatalf("SaveRecording = %v, %+v", err, rec.ID)
	}
	got, err := s.Recording(ctx, rehearse.LocalUserID, rec.ID)
	if err != nil || string(got.Data) != string(data) || got.ContentType != "audio/webm" || got.DurationSeconds != 61.5 || got.QuestionID != "fdl-no-shows" {
		t.Fatalf("Recording = %v, %v", got, err)
	}
	a := newAttempt("fdl-no-shows", "Spoken answer, typed out.")
	a.RecordingID = rec.ID
	if err := s.SaveAttempt(ctx, a); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Attempt(ctx, rehearse.LocalUserID, a.ID); got.RecordingID != rec.ID {
		t.Errorf("attempt recording = %d, want %d", got.RecordingID, rec.ID)
	}
	// An attempt cannot point at a recording that does not exist.
	bad := newAttempt("fdl-no-shows", "Another answer.")
	bad.RecordingID = rec.ID + 100
	wantCode(t, s.SaveAttempt(ctx, bad), rehearse.EINVALID)
	if list, _ := s.Attempts(ctx, rehearse.LocalUserID, "fdl-no-shows", 10); len(list) != 1 {
		t.Errorf("a refused attempt was saved: %d attempts", len(list))
	}
	if err := s.DeleteRecording(ctx, rehearse.LocalUserID, rec.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.Recording(ctx, rehearse.LocalUserID, rec.ID)
	wantCode(t, err, rehearse.ENOTFOUND)
	wantCode(t, s.DeleteRecording(ctx, rehearse.LocalUserID, rec.ID), rehearse.ENOTFOUND)
	if got, _ := s.Attempt(ctx, rehearse.LocalUserID, a.ID); got.RecordingID != 0 || got.Answer != a.Answer {
		t.Errorf("after deleting the recording the attempt is %+v", got)
	}
}

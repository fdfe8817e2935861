package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"github.com/rehearse/rehearse"
)

// SaveAttempt implements rehearse.Store.
func (s *Store) SaveAttempt(ctx context.Context, a *rehearse.Attempt) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.lock(ctx, tx, "user:"+strconv.FormatInt(a.UserID, 10)); err != nil {
			return err
		}
		now := s.Now()
		// The same answer again within the window is the same submission.
		var id int64
		var answer string
		var created any
		err := tx.QueryRowContext(ctx, s.q(`SELECT id, answer, created_at FROM attempts WHERE user_id = ? AND question_id = ?
			ORDER BY id DESC LIMIT 1`), a.UserID, a.QuestionID).Scan(&id, &answer, &created)
		if err == nil && answer == a.Answer {
			if t, err := scanTime(created); err == nil && now.Sub(t) < rehearse.DuplicateWindow {
				a.ID, a.CreatedAt = id, t
				return nil
			}
		} else if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		a.CreatedAt = now
		return s.insertAttempt(ctx, tx, a)
	})
	return s.wrap("save attempt", err)
}

// insertAttempt adds a.UserID's attempt a, made at a.CreatedAt, in tx. A
// recording it names must be the user's and stays linked until deleted.
func (s *Store) insertAttempt(ctx context.Context, tx *sql.Tx, a *rehearse.Attempt) error {
	var rec any
	if a.RecordingID != 0 {
		var n int
		err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM recordings WHERE user_id = ? AND id = ?`), a.UserID, a.RecordingID).Scan(&n)
		if err != nil {
			return err
		}
		if n == 0 {
			return rehearse.Errorf(rehearse.EINVALID, "There is no recording %d to attach to this answer; it may have been deleted.", a.RecordingID)
		}
		rec = a.RecordingID
	}
	return tx.QueryRowContext(ctx, s.q(`INSERT INTO attempts (user_id, question_id, answer, duration_seconds, coverage, level, result, created_at, recording_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		a.UserID, a.QuestionID, a.Answer, a.DurationSeconds, a.Coverage, a.Level, string(a.Result), s.Dialect.Time(a.CreatedAt), rec).Scan(&a.ID)
}

const attemptColumns = `id, user_id, question_id, answer, duration_seconds, coverage, level, result, created_at, recording_id`

func scanAttempt(row scanner) (rehearse.Attempt, error) {
	var a rehearse.Attempt
	var result string
	var created any
	var rec sql.NullInt64
	if err := row.Scan(&a.ID, &a.UserID, &a.QuestionID, &a.Answer, &a.DurationSeconds, &a.Coverage, &a.Level, &result, &created, &rec); err != nil {
		return a, err
	}
	a.RecordingID = rec.Int64
	a.Result = []byte(result)
	t, err := scanTime(created)
	a.CreatedAt = t
	return a, err
}

// Attempts implements rehearse.Store.
func (s *Store) Attempts(ctx context.Context, userID int64, questionID string, limit int) ([]rehearse.Attempt, error) {
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	return queryAll(ctx, s, "list attempts", scanAttempt,
		`SELECT `+attemptColumns+` FROM attempts WHERE user_id = ? AND question_id = ? ORDER BY id DESC LIMIT ?`, userID, questionID, limit)
}

// AttemptsSince implements rehearse.Store.
func (s *Store) AttemptsSince(ctx context.Context, userID int64, since time.Time) ([]rehearse.Attempt, error) {
	return queryAll(ctx, s, "attempts since", func(row scanner) (rehearse.Attempt, error) {
		a, err := scanAttempt(row)
		a.Result = nil
		return a, err
	}, `SELECT id, user_id, question_id, '', duration_seconds, coverage, level, '', created_at, recording_id
		FROM attempts WHERE user_id = ? AND created_at >= ? ORDER BY id`, userID, s.Dialect.Time(since))
}

// Attempt implements rehearse.Store.
func (s *Store) Attempt(ctx context.Context, userID, id int64) (*rehearse.Attempt, error) {
	a, err := scanAttempt(s.DB.QueryRowContext(ctx, s.q(`SELECT `+attemptColumns+` FROM attempts WHERE user_id = ? AND id = ?`), userID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rehearse.Errorf(rehearse.ENOTFOUND, "There is no attempt %d.", id)
	} else if err != nil {
		return nil, s.wrap("find attempt", err)
	}
	return &a, nil
}

// SaveDraft implements rehearse.Store.
func (s *Store) SaveDraft(ctx context.Context, userID int64, d *rehearse.Draft) error {
	d.UpdatedAt = s.Now()
	_, err := s.DB.ExecContext(ctx, s.q(`INSERT INTO drafts (user_id, question_id, answer, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (user_id, question_id) DO UPDATE SET answer = excluded.answer, updated_at = excluded.updated_at`),
		userID, d.QuestionID, d.Answer, s.Dialect.Time(d.UpdatedAt))
	return s.wrap("save draft", err)
}

// Draft implements rehearse.Store.
func (s *Store) Draft(ctx context.Context, userID int64, questionID string) (*rehearse.Draft, error) {
	d := &rehearse.Draft{QuestionID: questionID}
	var updated any
	err := s.DB.QueryRowContext(ctx, s.q(`SELECT answer, updated_at FROM drafts WHERE user_id = ? AND question_id = ?`), userID, questionID).Scan(&d.Answer, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rehearse.Errorf(rehearse.ENOTFOUND, "There is no draft for question %q.", questionID)
	} else if err != nil {
		return nil, s.wrap("find draft", err)
	}
	d.UpdatedAt, err = scanTime(updated)
	return d, s.wrap("find draft", err)
}

// DeleteDraft implements rehearse.Store.
func (s *Store) DeleteDraft(ctx context.Context, userID int64, questionID string) error {
	_, err := s.DB.ExecContext(ctx, s.q(`DELETE FROM drafts WHERE user_id = ? AND question_id = ?`), userID, questionID)
	return s.wrap("delete draft", err)
}

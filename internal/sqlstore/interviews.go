package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/rehearse/rehearse"
)

const interviewColumns = `id, role, role_title, length, areas, strict, steps, position, status, created_at, updated_at, finished_at`

func scanInterview(row scanner) (rehearse.Interview, error) {
	var iv rehearse.Interview
	var areas, steps string
	var created, updated, finished any
	if err := row.Scan(&iv.ID, &iv.Role, &iv.RoleTitle, &iv.Length, &areas, &iv.Strict, &steps, &iv.Position, &iv.Status,
		&created, &updated, &finished); err != nil {
		return iv, err
	}
	if err := errors.Join(json.Unmarshal([]byte(areas), &iv.Areas), json.Unmarshal([]byte(steps), &iv.Steps)); err != nil {
		return iv, err
	}
	var err error
	if iv.CreatedAt, err = scanTime(created); err != nil {
		return iv, err
	}
	if iv.UpdatedAt, err = scanTime(updated); err != nil {
		return iv, err
	}
	if finished != nil {
		t, err := scanTime(finished)
		if err != nil {
			return iv, err
		}
		iv.FinishedAt = &t
	}
	return iv, nil
}

// CreateInterview implements rehearse.Store.
func (s *Store) CreateInterview(ctx context.Context, userID int64, iv *rehearse.Interview) error {
	if iv.Areas == nil {
		iv.Areas = []string{}
	}
	now := s.Now()
	iv.CreatedAt, iv.UpdatedAt, iv.Position, iv.Status, iv.FinishedAt = now, now, 0, rehearse.InterviewRunning, nil
	err := s.DB.QueryRowContext(ctx, s.q(`INSERT INTO interviews (user_id, role, role_title, length, areas, strict, steps, position, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		userID, iv.Role, iv.RoleTitle, iv.Length, mustJSON(iv.Areas), iv.Strict, mustJSON(iv.Steps), 0, iv.Status,
		s.Dialect.Time(now), s.Dialect.Time(now)).Scan(&iv.ID)
	return s.wrap("create interview", err)
}

// Interview implements rehearse.Store.
func (s *Store) Interview(ctx context.Context, userID, id int64) (*rehearse.Interview, error) {
	return s.interview(ctx, s.DB, userID, id)
}

type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (s *Store) interview(ctx context.Context, db queryRower, userID, id int64) (*rehearse.Interview, error) {
	iv, err := scanInterview(db.QueryRowContext(ctx, s.q(`SELECT `+interviewColumns+` FROM interviews WHERE user_id = ? AND id = ?`), userID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rehearse.Errorf(rehearse.ENOTFOUND, "There is no mock interview %d.", id)
	} else if err != nil {
		return nil, s.wrap("find interview", err)
	}
	return &iv, nil
}

// Interviews implements rehearse.Store.
func (s *Store) Interviews(ctx context.Context, userID int64, limit int) ([]rehearse.Interview, error) {
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	return queryAll(ctx, s, "list interviews", scanInterview,
		`SELECT `+interviewColumns+` FROM interviews WHERE user_id = ? ORDER BY id DESC LIMIT ?`, userID, limit)
}

// updateInterview runs fn on the user's interview inside a transaction
// under the user's lock and writes back what fn leaves, unless fn reports
// that nothing changed.
func (s *Store) updateInterview(ctx context.Context, userID, id int64, fn func(tx *sql.Tx, iv *rehearse.Interview) (changed bool, err error)) (*rehearse.Interview, error) {
	var out *rehearse.Interview
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.lock(ctx, tx, "user:"+strconv.FormatInt(userID, 10)); err != nil {
			return err
		}
		iv, err := s.interview(ctx, tx, userID, id)
		if err != nil {
			return err
		}
		changed, err := fn(tx, iv)
		if err != nil {
			return err
		}
		out = iv
		if !changed {
			return nil
		}
		iv.UpdatedAt = s.Now()
		var finished any
		if iv.FinishedAt != nil {
			finished = s.Dialect.Time(*iv.FinishedAt)
		}
		_, err = tx.ExecContext(ctx, s.q(`UPDATE interviews SET steps = ?, position = ?, status = ?, updated_at = ?, finished_at = ?
			WHERE user_id = ? AND id = ?`), mustJSON(iv.Steps), iv.Position, iv.Status, s.Dialect.Time(iv.UpdatedAt), finished, userID, id)
		return err
	})
	if err != nil {
		return nil, s.wrap("update interview", err)
	}
	return out, nil
}

// StartInterviewStep implements rehearse.Store.
func (s *Store) StartInterviewStep(ctx context.Context, userID, id int64, position int) (*rehearse.Interview, error) {
	return s.updateInterview(ctx, userID, id, func(_ *sql.Tx, iv *rehearse.Interview) (bool, error) {
		if iv.Status != rehearse.InterviewRunning || position != iv.Position || position >= len(iv.Steps) || iv.Steps[position].StartedAt != nil {
			return false, nil
		}
		now := s.Now()
		iv.Steps[position].StartedAt = &now
		return true, nil
	})
}

// AnswerInterviewStep implements rehearse.Store.
func (s *Store) AnswerInterviewStep(ctx context.Context, userID, id int64, position int, step rehearse.InterviewStep, a *rehearse.Attempt) (*rehearse.Interview, error) {
	return s.updateInterview(ctx, userID, id, func(tx *sql.Tx, iv *rehearse.Interview) (bool, error) {
		if position >= 0 && position < iv.Position && position < len(iv.Steps) && iv.Steps[position].Answer == step.Answer {
			return false, nil // the same submission again
		}
		if iv.Status == rehearse.InterviewFinished {
			return false, rehearse.Errorf(rehearse.ECONFLICT, "This mock interview is finished; its answers can no longer change. See its report.")
		}
		if position != iv.Position {
			return false, rehearse.Errorf(rehearse.ECONFLICT, "That question was already answered; the interview has moved on to question %d.", iv.Position+1)
		}
		now := s.Now()
		if a != nil {
			a.UserID, a.CreatedAt = userID, now
			if err := s.insertAttempt(ctx, tx, a); err != nil {
				return false, err
			}
			step.AttemptID = a.ID
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM drafts WHERE user_id = ? AND question_id = ?`), userID, rehearse.InterviewDraftKey(id, position)); err != nil {
			return false, err
		}
		st := &iv.Steps[position]
		st.Answer, st.DurationSeconds, st.Overtime, st.AttemptID = step.Answer, step.DurationSeconds, step.Overtime, step.AttemptID
		st.Coverage, st.Level, st.Result, st.AnsweredAt = step.Coverage, step.Level, step.Result, &now
		iv.Position++
		if iv.Position == len(iv.Steps) {
			iv.Status, iv.FinishedAt = rehearse.InterviewFinished, &now
		}
		return true, nil
	})
}

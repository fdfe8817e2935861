package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/rehearse/rehearse"
)

// SaveRecording implements rehearse.Store.
func (s *Store) SaveRecording(ctx context.Context, userID int64, r *rehearse.Recording) error {
	r.CreatedAt, r.Size = s.Now(), len(r.Data)
	err := s.DB.QueryRowContext(ctx, s.q(`INSERT INTO recordings (user_id, question_id, content_type, size, duration_seconds, data, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		userID, r.QuestionID, r.ContentType, r.Size, r.DurationSeconds, r.Data, s.Dialect.Time(r.CreatedAt)).Scan(&r.ID)
	return s.wrap("save recording", err)
}

// Recording implements rehearse.Store.
func (s *Store) Recording(ctx context.Context, userID, id int64) (*rehearse.Recording, error) {
	r := &rehearse.Recording{ID: id}
	var created any
	err := s.DB.QueryRowContext(ctx, s.q(`SELECT question_id, content_type, size, duration_seconds, data, created_at FROM recordings
		WHERE user_id = ? AND id = ?`), userID, id).Scan(&r.QuestionID, &r.ContentType, &r.Size, &r.DurationSeconds, &r.Data, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rehearse.Errorf(rehearse.ENOTFOUND, "There is no recording %d.", id)
	} else if err != nil {
		return nil, s.wrap("find recording", err)
	}
	r.CreatedAt, err = scanTime(created)
	return r, s.wrap("find recording", err)
}

// DeleteRecording implements rehearse.Store.
func (s *Store) DeleteRecording(ctx context.Context, userID, id int64) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM recordings WHERE user_id = ? AND id = ?`), userID, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return rehearse.Errorf(rehearse.ENOTFOUND, "There is no recording %d.", id)
		}
		_, err = tx.ExecContext(ctx, s.q(`UPDATE attempts SET recording_id = NULL WHERE user_id = ? AND recording_id = ?`), userID, id)
		return err
	})
	return s.wrap("delete recording", err)
}

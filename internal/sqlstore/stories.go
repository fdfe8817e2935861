package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/rehearse/rehearse"
)

const storyColumns = `id, role, title, situation, task, action, result, numbers, areas, questions, updated_at`

func scanStory(row scanner) (rehearse.Story, error) {
	var st rehearse.Story
	var areas, questions string
	var updated any
	if err := row.Scan(&st.ID, &st.Role, &st.Title, &st.Situation, &st.Task, &st.Action, &st.Result, &st.Numbers, &areas, &questions, &updated); err != nil {
		return st, err
	}
	if err := errors.Join(json.Unmarshal([]byte(areas), &st.Areas), json.Unmarshal([]byte(questions), &st.Questions)); err != nil {
		return st, err
	}
	var err error
	st.UpdatedAt, err = scanTime(updated)
	return st, err
}

// SaveStory implements rehearse.Store.
func (s *Store) SaveStory(ctx context.Context, userID int64, st *rehearse.Story) error {
	if st.Areas == nil {
		st.Areas = []string{}
	}
	if st.Questions == nil {
		st.Questions = []string{}
	}
	st.UpdatedAt = s.Now()
	args := []any{st.Role, st.Title, st.Situation, st.Task, st.Action, st.Result, st.Numbers, mustJSON(st.Areas), mustJSON(st.Questions), s.Dialect.Time(st.UpdatedAt)}
	if st.ID == 0 {
		// The story and its review card arrive together or not at all.
		err := s.tx(ctx, func(tx *sql.Tx) error {
			err := tx.QueryRowContext(ctx, s.q(`INSERT INTO stories (role, title, situation, task, action, result, numbers, areas, questions, updated_at, user_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`), append(args, userID)...).Scan(&st.ID)
			if err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, s.q(`INSERT INTO cards (user_id, kind, ref, due, state) VALUES (?, ?, ?, ?, '')`),
				userID, rehearse.CardStory, strconv.FormatInt(st.ID, 10), s.Dialect.Time(st.UpdatedAt.Add(rehearse.StoryFirstReview)))
			return err
		})
		return s.wrap("create story", err)
	}
	res, err := s.DB.ExecContext(ctx, s.q(`UPDATE stories SET role = ?, title = ?, situation = ?, task = ?, action = ?, result = ?, numbers = ?,
		areas = ?, questions = ?, updated_at = ? WHERE user_id = ? AND id = ?`), append(args, userID, st.ID)...)
	if err != nil {
		return s.wrap("update story", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return rehearse.Errorf(rehearse.ENOTFOUND, "There is no story %d.", st.ID)
	}
	return nil
}

// Stories implements rehearse.Store.
func (s *Store) Stories(ctx context.Context, userID int64, role string) ([]rehearse.Story, error) {
	return queryAll(ctx, s, "list stories", scanStory,
		`SELECT `+storyColumns+` FROM stories WHERE user_id = ? AND role = ? ORDER BY id`, userID, role)
}

// Story implements rehearse.Store.
func (s *Store) Story(ctx context.Context, userID, id int64) (*rehearse.Story, error) {
	st, err := scanStory(s.DB.QueryRowContext(ctx, s.q(`SELECT `+storyColumns+` FROM stories WHERE user_id = ? AND id = ?`), userID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rehearse.Errorf(rehearse.ENOTFOUND, "There is no story %d.", id)
	} else if err != nil {
		return nil, s.wrap("find story", err)
	}
	return &st, nil
}

// DeleteStory implements rehearse.Store.
func (s *Store) DeleteStory(ctx context.Context, userID, id int64) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM cards WHERE user_id = ? AND kind = ? AND ref = ?`), userID, rehearse.CardStory, strconv.FormatInt(id, 10)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM stories WHERE user_id = ? AND id = ?`), userID, id)
		return err
	})
	return s.wrap("delete story", err)
}

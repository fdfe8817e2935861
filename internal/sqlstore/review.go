package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"github.com/rehearse/rehearse"
)

// Card implements rehearse.Store.
func (s *Store) Card(ctx context.Context, userID int64, kind, ref string) (*rehearse.Card, error) {
	c := &rehearse.Card{Kind: kind, Ref: ref}
	var due any
	var state string
	err := s.DB.QueryRowContext(ctx, s.q(`SELECT due, state FROM cards WHERE user_id = ? AND kind = ? AND ref = ?`), userID, kind, ref).Scan(&due, &state)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rehearse.Errorf(rehearse.ENOTFOUND, "There is no review card for %s %q.", kind, ref)
	} else if err != nil {
		return nil, s.wrap("find card", err)
	}
	c.State = []byte(state)
	c.Due, err = scanTime(due)
	return c, s.wrap("find card", err)
}

// SaveCard implements rehearse.Store.
func (s *Store) SaveCard(ctx context.Context, userID int64, c *rehearse.Card) error {
	_, err := s.DB.ExecContext(ctx, s.q(`INSERT INTO cards (user_id, kind, ref, due, state) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (user_id, kind, ref) DO UPDATE SET due = excluded.due, state = excluded.state`),
		userID, c.Kind, c.Ref, s.Dialect.Time(c.Due), string(c.State))
	return s.wrap("save card", err)
}

// DueCards implements rehearse.Store.
func (s *Store) DueCards(ctx context.Context, userID int64, now time.Time, limit int) ([]rehearse.Card, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	return queryAll(ctx, s, "due cards", func(row scanner) (rehearse.Card, error) {
		var c rehearse.Card
		var due any
		var state string
		if err := row.Scan(&c.Kind, &c.Ref, &due, &state); err != nil {
			return c, err
		}
		c.State = []byte(state)
		var err error
		c.Due, err = scanTime(due)
		return c, err
	}, `SELECT kind, ref, due, state FROM cards WHERE user_id = ? AND due <= ? ORDER BY due, ref LIMIT ?`, userID, s.Dialect.Time(now), limit)
}

// NextDue implements rehearse.Store.
func (s *Store) NextDue(ctx context.Context, userID int64, now time.Time) (time.Time, error) {
	var due any
	err := s.DB.QueryRowContext(ctx, s.q(`SELECT due FROM cards WHERE user_id = ? AND due > ? ORDER BY due LIMIT 1`), userID, s.Dialect.Time(now)).Scan(&due)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, rehearse.Errorf(rehearse.ENOTFOUND, "No review is scheduled.")
	} else if err != nil {
		return time.Time{}, s.wrap("next due", err)
	}
	t, err := scanTime(due)
	return t, s.wrap("next due", err)
}

// UpdateCard implements rehearse.Store.
func (s *Store) UpdateCard(ctx context.Context, userID int64, kind, ref string, fn func(c *rehearse.Card) error) (*rehearse.Card, error) {
	c := &rehearse.Card{Kind: kind, Ref: ref}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.lock(ctx, tx, "user:"+strconv.FormatInt(userID, 10)); err != nil {
			return err
		}
		var due any
		var state string
		err := tx.QueryRowContext(ctx, s.q(`SELECT due, state FROM cards WHERE user_id = ? AND kind = ? AND ref = ?`), userID, kind, ref).Scan(&due, &state)
		switch {
		case err == nil:
			if c.Due, err = scanTime(due); err != nil {
				return err
			}
			c.State = []byte(state)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		if err := fn(c); err != nil {
			return err
		}
		c.Kind, c.Ref = kind, ref
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO cards (user_id, kind, ref, due, state) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (user_id, kind, ref) DO UPDATE SET due = excluded.due, state = excluded.state`),
			userID, kind, ref, s.Dialect.Time(c.Due), string(c.State))
		return err
	})
	if err != nil {
		return nil, s.wrap("update card", err)
	}
	return c, nil
}

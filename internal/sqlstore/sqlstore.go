// Package sqlstore implements rehearse.Store over database/sql with the SQL
// that SQLite and PostgreSQL share. The sqlite and postgres packages open
// their database, run their own migrations and supply a Dialect with the few
// things that differ: placeholders, locking, time values and full-text
// search. Keeping one implementation is how the two databases behave the
// same.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rehearse/rehearse"
)

// Dialect is what differs between the SQL databases.
type Dialect struct {
	// Name is "sqlite" or "postgres"; it prefixes wrapped errors.
	Name string
	// Rebind turns "?" placeholders into the database's own.
	Rebind func(query string) string
	// Lock takes a lock on key ("role:SLUG", "user:ID") until tx ends, so
	// that processes sharing the database serialize on it. It may be nil
	// when transactions already serialize writers (SQLite).
	Lock func(ctx context.Context, tx *sql.Tx, key string) error
	// Time converts a UTC time into a value the driver stores.
	Time func(t time.Time) any
	// Search runs a parsed full-text query; the store has already
	// normalized q and checked that p has a positive term.
	Search func(ctx context.Context, db *sql.DB, p rehearse.ParsedQuery, q rehearse.SearchQuery) ([]rehearse.SearchHit, error)
	// Optimize tidies the search index and the planner's statistics
	// after a bulk import.
	Optimize func(ctx context.Context, db *sql.DB) error
	// ImportSettings are statements run at the start of every import
	// transaction, settings that last until it ends; may be empty.
	ImportSettings []string
	// IndexNewQuestions, when set, adds to the search index the questions
	// an import transaction inserted (those with seq > after) in one
	// statement at its end; the database then indexes inserted rows only
	// through it (SQLite: FTS5 writes a segment per statement).
	IndexNewQuestions func(ctx context.Context, tx *sql.Tx, after int64) error
	// ImportWriters is how many import transactions may run at once
	// (0 means one): SQLite has a single writer, while a PostgreSQL server
	// works on each connection's rows in its own process.
	ImportWriters int
}

// Store implements rehearse.Store.
type Store struct {
	DB      *sql.DB
	Dialect Dialect
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

var _ rehearse.Store = (*Store)(nil)

// New returns a Store over an open, migrated database.
func New(db *sql.DB, d Dialect) *Store {
	return &Store{DB: db, Dialect: d, Now: func() time.Time { return time.Now().UTC() }}
}

func (s *Store) q(query string) string { return s.Dialect.Rebind(query) }

func (s *Store) wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	var re *rehearse.Error
	if errors.As(err, &re) {
		return err
	}
	return fmt.Errorf("%s: %s: %w", s.Dialect.Name, what, err)
}

// Optimize tidies the full-text index and refreshes the query planner's
// statistics; `rehearse pack import` calls it after importing many roles.
// It can take a while on a large catalog (about 25 s for 5,000 roles on
// SQLite) and changes no content.
func (s *Store) Optimize(ctx context.Context) error {
	if s.Dialect.Optimize == nil {
		return nil
	}
	return s.wrap("optimize", s.Dialect.Optimize(ctx, s.DB))
}

// ImportWriters reports how many import transactions may usefully run at
// once (pack.ReadAndImport uses it).
func (s *Store) ImportWriters() int { return max(1, s.Dialect.ImportWriters) }

// Close closes the database.
func (s *Store) Close() error { return s.DB.Close() }

// Ready returns nil when the database answers and holds at least one role.
func (s *Store) Ready(ctx context.Context) error {
	var n int
	if err := s.DB.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM roles LIMIT 1) AS r`).Scan(&n); err != nil {
		return s.wrap("ready", err)
	}
	if n == 0 {
		return rehearse.Errorf(rehearse.ENOTFOUND, "No content has been imported yet.")
	}
	return nil
}

// tx runs fn in a transaction, committing when fn returns nil.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// placeholders returns "?, ?, ?" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// RebindDollar turns "?" placeholders into "$1", "$2", ... as PostgreSQL
// wants. Queries in this package never hold a literal "?".
func RebindDollar(query string) string {
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ScanHits reads search hits from rows with the columns question id, role
// slug, role title, type, text, highlighted text, guidance snippet and
// terms snippet. The hit's snippet is the guidance one unless only the
// terms matched.
func ScanHits(rows *sql.Rows) ([]rehearse.SearchHit, error) {
	defer rows.Close()
	var hits []rehearse.SearchHit
	for rows.Next() {
		var h rehearse.SearchHit
		var guidance, terms string
		if err := rows.Scan(&h.QuestionID, &h.Role, &h.RoleTitle, &h.Type, &h.Text, &h.TextSnippet, &guidance, &terms); err != nil {
			return nil, err
		}
		h.Snippet = guidance
		if !strings.Contains(guidance, rehearse.MarkStart) && strings.Contains(terms, rehearse.MarkStart) {
			h.Snippet = terms
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// lock takes the dialect's lock on key inside tx, if it has one.
func (s *Store) lock(ctx context.Context, tx *sql.Tx, key string) error {
	if s.Dialect.Lock == nil {
		return nil
	}
	return s.Dialect.Lock(ctx, tx, key)
}

// scanTime converts a scanned timestamp: SQLite gives RFC 3339 text,
// PostgreSQL a time.Time.
func scanTime(v any) (time.Time, error) {
	switch t := v.(type) {
	case time.Time:
		return t.UTC(), nil
	case string:
		return time.Parse(time.RFC3339Nano, t)
	case []byte:
		return time.Parse(time.RFC3339Nano, string(t))
	}
	return time.Time{}, fmt.Errorf("unexpected time value %T", v)
}

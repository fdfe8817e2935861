// Package sqlite is the embedded default store of Rehearse: one SQLite file
// in WAL mode, through the pure-Go modernc.org/sqlite driver (no cgo), with
// FTS5 for full-text search.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/internal/sqlstore"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Open opens (creating if needed) the SQLite database at path, applies
// pending migrations and returns the store. The folder must exist and be
// writable; the error then names the path.
//
// Settings: WAL journal; busy_timeout 5 s; BEGIN IMMEDIATE for every
// transaction, so that a read-then-write transaction waits for the write
// lock instead of failing with SQLITE_BUSY; foreign keys on; and
// synchronous=FULL, because a user's typed answers must survive a power cut
// as well as a crash, and our writes are small.
func Open(ctx context.Context, path string) (*sqlstore.Store, error) {
	if err := checkDir(path); err != nil {
		return nil, err
	}
	dsn := "file:" + path + "?_txlock=immediate" +
		"&_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("cannot open database %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot open database %s: %w", path, err)
	}
	sub, _ := fs.Sub(migrations, "migrations")
	if err := sqlstore.Migrate(ctx, db, sub, identity, nil); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot prepare database %s: %w", path, err)
	}
	return sqlstore.New(db, Dialect), nil
}

// checkDir gives a clear message when the database's folder is missing or
// not writable, before the driver reports something vaguer.
func checkDir(path string) error {
	dir := filepath.Dir(path)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot open database %s: folder %s does not exist", path, dir)
	case err != nil:
		return fmt.Errorf("cannot open database %s: %w", path, err)
	case !info.IsDir():
		return fmt.Errorf("cannot open database %s: %s is not a folder", path, dir)
	}
	f, err := os.CreateTemp(dir, ".rehearse-write-check-*")
	if err != nil {
		return fmt.Errorf("cannot open database %s: folder %s is not writable", path, dir)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

func identity(q string) string { return q }

// timeFormat stores times as fixed-width UTC text, so that comparing the
// text (due <= ?) compares the times. RFC3339Nano would drop trailing zeros
// and break that order.
const timeFormat = "2006-01-02T15:04:05.000000000Z07:00"

// Dialect is the SQLite flavour of the shared store.
var Dialect = sqlstore.Dialect{
	Name:   "sqlite",
	Rebind: identity,
	Time:   func(t time.Time) any { return t.UTC().Format(timeFormat) },
	Search: search,
}

func search(ctx context.Context, db *sql.DB, p rehearse.ParsedQuery, q rehearse.SearchQuery) ([]rehearse.SearchHit, error) {
	query := `SELECT q.id, r.slug, r.title, q.type, q.text,
			highlight(questions_fts, 0, ?, ?),
			snippet(questions_fts, 1, ?, ?, '…', 18),
			snippet(questions_fts, 2, ?, ?, '…', 18)
		FROM questions_fts
		JOIN questions q ON q.seq = questions_fts.rowid
		JOIN roles r ON r.id = q.role_id
		WHERE questions_fts MATCH ?`
	m1, m2 := rehearse.MarkStart, rehearse.MarkEnd
	args := []any{m1, m2, m1, m2, m1, m2, matchExpr(p)}
	if q.Role != "" {
		query += ` AND r.slug = ?`
		args = append(args, q.Role)
	}
	query += ` ORDER BY bm25(questions_fts, 10.0, 2.0, 4.0), q.seq LIMIT ? OFFSET ?`
	rows, err := db.QueryContext(ctx, query, append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, err
	}
	return sqlstore.ScanHits(rows)
}

// matchExpr renders a parsed query in FTS5 syntax. Every word is quoted, so
// no user input can form FTS5 operators.
func matchExpr(p rehearse.ParsedQuery) string {
	var pos, neg []string
	for _, t := range p.Terms {
		s := `"` + strings.Join(t.Words, " ") + `"`
		if t.Prefix {
			s += " *"
		}
		if t.Negate {
			neg = append(neg, s)
		} else {
			pos = append(pos, s)
		}
	}
	expr := "(" + strings.Join(pos, " AND ") + ")"
	for _, n := range neg {
		expr += " NOT " + n
	}
	return expr
}

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
	"time"

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
	IndexNewQuestions: func(ctx context.Context, tx *sql.Tx, after int64) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO questions_fts (rowid, text, search_guidance, search_terms)
			SELECT seq, text, search_guidance, search_terms FROM questions WHERE seq > ?`, after)
		return err
	},
	Optimize: func(ctx context.Context, db *sql.DB) error {
		// Merge the index's segments into one (fewer seeks per query),
		// then let the planner see the new table sizes.
		_, err := db.ExecContext(ctx, `INSERT INTO questions_fts (questions_fts) VALUES ('optimize')`)
		if err == nil {
			_, err = db.ExecContext(ctx, `PRAGMA optimize=0x10002`)
		}
		return err
	},
}

package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// Migrate applies the numbered migrations in fsys (files named
// NNNN_name.sql) that the database has not seen yet, each in its own
// transaction, and records them in schema_migrations. lock, when not nil,
// is called first in every transaction so that several processes starting
// at once apply each migration exactly once.
func Migrate(ctx context.Context, db *sql.DB, fsys fs.FS, rebind func(string) string, lock func(context.Context, *sql.Tx) error) error {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		version, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a number", name)
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		if err := migrateOne(ctx, db, version, name, string(body), rebind, lock); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

func migrateOne(ctx context.Context, db *sql.DB, version int, name, body string, rebind func(string) string, lock func(context.Context, *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if lock != nil {
		if err := lock(ctx, tx); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)`); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, rebind(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, rebind(`INSERT INTO schema_migrations (version, name) VALUES (?, ?)`), version, name); err != nil {
		return err
	}
	return tx.Commit()
}

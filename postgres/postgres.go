// Package postgres is the store of Rehearse for multi-instance deployments:
// PostgreSQL through pgx, with a weighted tsvector for full-text search.
// Several app instances may share one database: migrations and imports take
// advisory locks, and no state lives only in one process.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"hash/fnv"
	"io/fs"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/rehearse/rehearse/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is the advisory lock key held while migrating.
const migrationLock = 0x72656865 // "rehe"

// Open connects to the database at url (postgres://...), applies pending
// migrations and returns the store.
func Open(ctx context.Context, url string) (*sqlstore.Store, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("cannot open PostgreSQL database: %w", err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot connect to PostgreSQL: %w", err)
	}
	sub, _ := fs.Sub(migrations, "migrations")
	lock := func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock)
		return err
	}
	if err := sqlstore.Migrate(ctx, db, sub, sqlstore.RebindDollar, lock); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot prepare PostgreSQL database: %w", err)
	}
	return sqlstore.New(db, Dialect), nil
}

// Dialect is the PostgreSQL flavour of the shared store.
var Dialect = sqlstore.Dialect{
	Name:   "postgres",
	Rebind: sqlstore.RebindDollar,
	Lock:   lock,
	Time:   func(t time.Time) any { return t.UTC() },
	Search: search,
	Optimize: func(ctx context.Context, db *sql.DB) error {
		// Move the full-text indexes' pending entries into the index
		// proper (searches read a pending list in full), then let the
		// planner see the new sizes.
		_, err := db.ExecContext(ctx, `SELECT gin_clean_pending_list('questions_search'::regclass), gin_clean_pending_list('questions_text_search'::regclass)`)
		if err == nil {
			_, err = db.ExecContext(ctx, `ANALYZE roles, questions, terms, scenarios`)
		}
		return err
	},
	// An import transaction is atomic whatever these say: without a
	// synchronous commit a crash can lose the last batches, never half of
	// one, and the next import writes them again. A larger pending list
	// lets the full-text indexes take a batch's entries in one sorted pass.
	// The server spends most of an import computing tsvectors for the
	// search columns (about 60% of it), one process per connection: two
	// transactions at once let it use a second core.
	ImportWriters: 2,
	ImportSettings: []string{
		`SET LOCAL synchronous_commit = off`,
		`SET LOCAL gin_pending_list_limit = '32MB'`,
	},
}

// lock takes a transaction-scoped advisory lock on key, so that instances
// sharing the database serialize on it (imports of one role, submissions
// of one user).
func lock(ctx context.Context, tx *sql.Tx, key string) error {
	h := fnv.New64a()
	h.Write([]byte(key))
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(h.Sum64()))
	return err
}

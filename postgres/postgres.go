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
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/rehearse/rehearse"
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

func search(ctx context.Context, db *sql.DB, p rehearse.ParsedQuery, q rehearse.SearchQuery) ([]rehearse.SearchHit, error) {
	opts := func(extra string) string {
		return fmt.Sprintf(`StartSel="%s", StopSel="%s", %s`, rehearse.MarkStart, rehearse.MarkEnd, extra)
	}
	query := `WITH query AS (SELECT to_tsquery('english', $1) AS tsq),
		hits AS (
			SELECT q.seq, ts_rank(q.search, query.tsq) AS rank
			FROM questions q CROSS JOIN query
			JOIN roles r ON r.id = q.role_id
			WHERE q.search @@ query.tsq AND ($2 = '' OR r.slug = $2)
			ORDER BY rank DESC, q.seq LIMIT $3 OFFSET $4)
		SELECT q.id, r.slug, r.title, q.type, q.text,
			ts_headline('english', q.text, query.tsq, $5),
			ts_headline('english', q.search_guidance, query.tsq, $6),
			ts_headline('english', q.search_terms, query.tsq, $6)
		FROM hits JOIN questions q ON q.seq = hits.seq JOIN roles r ON r.id = q.role_id CROSS JOIN query
		ORDER BY hits.rank DESC, q.seq`
	rows, err := db.QueryContext(ctx, query, tsquery(p), q.Role, q.Limit, q.Offset,
		opts("HighlightAll=true"), opts(`MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=1, FragmentDelimiter=" … "`))
	if err != nil {
		return nil, err
	}
	return sqlstore.ScanHits(rows)
}

// tsquery renders a parsed query for to_tsquery. Words hold only letters
// and digits and are quoted, so no user input can form tsquery operators.
func tsquery(p rehearse.ParsedQuery) string {
	var parts []string
	for _, t := range p.Terms {
		words := make([]string, len(t.Words))
		for i, w := range t.Words {
			words[i] = "'" + w + "'"
		}
		if t.Prefix {
			words[len(words)-1] += ":*"
		}
		s := strings.Join(words, " <-> ")
		if len(words) > 1 {
			s = "(" + s + ")"
		}
		if t.Negate {
			s = "!" + s
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " & ")
}

// Package pgtest opens PostgreSQL stores for tests: each test gets its own
// schema in the database named by REHEARSE_TEST_POSTGRES, dropped when the
// test ends, so tests can run in parallel against one server.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"testing"

	"github.com/rehearse/rehearse/internal/sqlstore"
	"github.com/rehearse/rehearse/internal/testenv"
	"github.com/rehearse/rehearse/postgres"
)

// URL returns the test database URL from REHEARSE_TEST_POSTGRES (see
// testenv.Get: CI requires it).
func URL(tb testing.TB) string {
	tb.Helper()
	return testenv.Get(tb, "REHEARSE_TEST_POSTGRES", "PostgreSQL tests")
}

// Open returns a store in a new schema of the test database.
func Open(tb testing.TB) *sqlstore.Store {
	tb.Helper()
	base := URL(tb)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		tb.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	s, err := postgres.Open(context.Background(), u.String())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		s.Close()
		if db, err := sql.Open("pgx", base); err == nil {
			_, _ = db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
			db.Close()
		}
	})
	return s
}

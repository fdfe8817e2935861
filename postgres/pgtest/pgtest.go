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
	"os"
	"testing"

	"github.com/rehearse/rehearse/internal/sqlstore"
	"github.com/rehearse/rehearse/postgres"
)

// URL returns the test database URL, skipping the test when
// REHEARSE_TEST_POSTGRES is not set, or failing it when REHEARSE_TEST_REQUIRE
// is set too (CI sets both, so there the PostgreSQL tests are required).
func URL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv("REHEARSE_TEST_POSTGRES")
	if u == "" && os.Getenv("REHEARSE_TEST_REQUIRE") != "" {
		tb.Fatal("REHEARSE_TEST_REQUIRE is set but REHEARSE_TEST_POSTGRES is not")
	}
	if u == "" {
		tb.Skip("REHEARSE_TEST_POSTGRES is not set; skipping PostgreSQL tests")
	}
	return u
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

package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/postgres"
	"github.com/rehearse/rehearse/storetest"
)

// URL returns the test database URL, skipping the test when
// REHEARSE_TEST_POSTGRES is not set (CI sets it, so there the suite is
// required).
func testURL(tb testing.TB) string {
	u := os.Getenv("REHEARSE_TEST_POSTGRES")
	if u == "" && os.Getenv("REHEARSE_TEST_REQUIRE") != "" {
		tb.Fatal("REHEARSE_TEST_REQUIRE is set but REHEARSE_TEST_POSTGRES is not")
	}
	if u == "" {
		tb.Skip("REHEARSE_TEST_POSTGRES is not set; skipping PostgreSQL tests")
	}
	return u
}

// open gives each test its own schema, dropped afterwards, so tests can
// run in parallel against one database.
func open(tb testing.TB) rehearse.Store {
	tb.Helper()
	base := testURL(tb)
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

func TestStore(t *testing.T) { storetest.Run(t, open) }

func TestOpenBadURL(t *testing.T) {
	testURL(t)
	_, err := postgres.Open(context.Background(), "postgres://nobody:wrong@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if err == nil {
		t.Fatal("Open(unreachable) = nil error")
	}
}

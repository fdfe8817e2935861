package postgres_test

import (
	"context"
	"testing"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/postgres"
	"github.com/rehearse/rehearse/postgres/pgtest"
	"github.com/rehearse/rehearse/storetest"
)

func open(tb testing.TB) rehearse.Store { return pgtest.Open(tb) }

func TestStore(t *testing.T) { storetest.Run(t, open) }

func TestOpenBadURL(t *testing.T) {
	pgtest.URL(t)
	_, err := postgres.Open(context.Background(), "postgres://nobody:wrong@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if err == nil {
		t.Fatal("Open(unreachable) = nil error")
	}
}

package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/sqlite"
	"github.com/rehearse/rehearse/storetest"
)

func open(tb testing.TB) rehearse.Store {
	tb.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "test.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) { storetest.Run(t, open) }

func TestOpenBadPath(t *testing.T) {
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o500); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, want string }{
		{filepath.Join(dir, "missing", "x.db"), "does not exist"},
		{filepath.Join(file, "x.db"), "is not a folder"},
	}
	if os.Geteuid() != 0 { // root can write anywhere
		tests = append(tests, struct{ path, want string }{filepath.Join(ro, "x.db"), "not writable"})
	}
	for _, tt := range tests {
		_, err := sqlite.Open(context.Background(), tt.path)
		if err == nil || !strings.Contains(err.Error(), tt.path) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Open(%q) = %v; want an error naming the path and saying %q", tt.path, err, tt.want)
		}
	}
}

func TestReopenKeepsContent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "test.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	packs := storetest.Packs(t)
	if _, err := s.ImportRole(ctx, packs[0].Role, packs[0].Hash); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = sqlite.Open(ctx, path) // migrations must not run twice
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if changed, err := s.ImportRole(ctx, packs[0].Role, packs[0].Hash); err != nil || changed {
		t.Errorf("re-import after reopen = %v, %v; want unchanged", changed, err)
	}
}

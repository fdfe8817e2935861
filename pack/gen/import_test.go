package gen_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/internal/sqlstore"
	"github.com/rehearse/rehearse/pack"
	"github.com/rehearse/rehearse/pack/gen"
	"github.com/rehearse/rehearse/postgres/pgtest"
	"github.com/rehearse/rehearse/sqlite"
)

// catalog writes a generated catalog and returns its folder and pack paths.
func catalog(t *testing.T, roles int) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	if err := gen.Write(dir, gen.Options{Roles: roles, Questions: 8, Seed: 11}, nil); err != nil {
		t.Fatal(err)
	}
	paths, err := pack.Discover(pack.OS, dir)
	if err != nil {
		t.Fatal(err)
	}
	return dir, paths
}

func openSQLite(t *testing.T) *sqlstore.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "import.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// editSummaries rewrites the summary of every role of the catalog.
func editSummaries(t *testing.T, paths []string, prefix string) {
	t.Helper()
	for _, p := range paths {
		f := filepath.Join(p, "role.yaml")
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		data = []byte(strings.Replace(string(data), `summary: "`, `summary: "`+prefix, 1))
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestInterruptedImport cancels a re-import of a changed catalog partway:
// every role is then either entirely old or entirely new (never a mix),
// some are still old, the full-text index is consistent, and importing
// again finishes the job.
func TestInterruptedImport(t *testing.T) {
	s := openSQLite(t)
	interruptedImport(t, s, func() {
		ctx := context.Background()
		if _, err := s.DB.ExecContext(ctx, `INSERT INTO questions_fts (questions_fts) VALUES ('integrity-check')`); err != nil {
			t.Errorf("full-text index after the interruption: %v", err)
		}
		var check string
		if err := s.DB.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
			t.Errorf("integrity_check = %q, %v; want ok", check, err)
		}
	})
}

// TestInterruptedImportPostgres: the same on PostgreSQL, where two import
// transactions run at once, so one may be cut short while the other
// commits.
func TestInterruptedImportPostgres(t *testing.T) {
	s := pgtest.Open(t)
	if s.ImportWriters() < 2 {
		t.Fatalf("PostgreSQL imports with %d writer(s); this test expects several", s.ImportWriters())
	}
	interruptedImport(t, s, func() {
		var n int
		if err := s.DB.QueryRowContext(context.Background(), `SELECT count(*) FROM questions WHERE NOT search @@ to_tsquery('english', 'the | a | and | of | to')`).Scan(&n); err != nil {
			t.Errorf("search column after the interruption: %v", err)
		}
	})
}

func interruptedImport(t *testing.T, s *sqlstore.Store, check func()) {
	ctx := context.Background()
	_, paths := catalog(t, 45)
	if _, err := pack.ReadAndImport(ctx, s, pack.OS, paths, nil); err != nil {
		t.Fatal(err)
	}
	editSummaries(t, paths, "Changed. ")
	cctx, cancel := context.WithCancel(ctx)
	res, err := pack.ReadAndImport(cctx, s, pack.OS, paths, func(done int) {
		if done >= 20 {
			cancel() // after the first batch is committed
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted import = %+v, %v; want context.Canceled", res, err)
	}
	old, changed := 0, 0
	roles, _, err := s.Roles(ctx, rehearse.RoleFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range roles {
		if strings.HasPrefix(r.Summary, "Changed. ") {
			changed++
		} else {
			old++
		}
		if qs, err := s.Questions(ctx, rehearse.QuestionFilter{Role: r.Slug}); err != nil || len(qs) != 8 {
			t.Errorf("%s: %d questions, %v; want 8", r.Slug, len(qs), err)
		}
	}
	if len(roles) != 45 || changed == 0 || old == 0 {
		t.Errorf("after the interruption: %d roles, %d changed, %d old; want 45 with some of each", len(roles), changed, old)
	}
	check()
	res, err = pack.ReadAndImport(ctx, s, pack.OS, paths, nil)
	if err != nil || res.Imported != old || res.Unchanged != changed {
		t.Errorf("import after the interruption = %+v, %v; want %d imported, %d unchanged", res, err, old, changed)
	}
}

// TestChangeOneRole: after a change to one pack, only that role is parsed
// and imported.
func TestChangeOneRole(t *testing.T) {
	ctx := context.Background()
	_, paths := catalog(t, 30)
	s := openSQLite(t)
	if _, err := pack.ReadAndImport(ctx, s, pack.OS, paths, nil); err != nil {
		t.Fatal(err)
	}
	stored, err := s.ContentHashes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if changed, err := pack.Changed(pack.OS, paths, stored); err != nil || len(changed) != 0 {
		t.Fatalf("Changed after import = %v, %v; want none", changed, err)
	}
	editSummaries(t, paths[7:8], "Edited. ")
	changed, err := pack.Changed(pack.OS, paths, stored)
	if err != nil || len(changed) != 1 || changed[0] != paths[7] {
		t.Fatalf("Changed after one edit = %v, %v; want [%s]", changed, err, paths[7])
	}
	res, err := pack.ReadAndImport(ctx, s, pack.OS, changed, nil)
	if err != nil || res.Imported != 1 {
		t.Fatalf("import of the edited pack = %+v, %v; want 1 imported", res, err)
	}
}

// TestStreamReportsBadPack: a pack with problems is reported and not
// imported; the others are.
func TestStreamReportsBadPack(t *testing.T) {
	ctx := context.Background()
	_, paths := catalog(t, 5)
	f := filepath.Join(paths[2], "role.yaml")
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, []byte(strings.Replace(string(data), "format: 1", "format: 9", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	s := openSQLite(t)
	res, err := pack.ReadAndImport(ctx, s, pack.OS, paths, nil)
	if err != nil || res.Imported != 4 || len(res.Problems) != 1 || !strings.Contains(res.Problems[0].String(), "format must be 1") {
		t.Errorf("ReadAndImport = %+v, %v; want 4 imported and the format problem", res, err)
	}
}

// TestImportNamesFaultyPack: when a batch fails, the error names the pack
// at fault, and the packs before it in the batch are imported.
func TestImportNamesFaultyPack(t *testing.T) {
	ctx := context.Background()
	_, paths := catalog(t, 4)
	packs, problems := pack.ReadPacks(pack.OS, paths, nil)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	s := openSQLite(t)
	if _, err := pack.Import(ctx, s, packs[:1], nil); err != nil {
		t.Fatal(err)
	}
	packs[2].Role.Questions[0].ID = packs[0].Role.Questions[0].ID // owned by the first role
	res, err := pack.Import(ctx, s, packs, nil)
	if err == nil || !strings.Contains(err.Error(), packs[2].Path) || rehearse.ErrorCode(err) != rehearse.ECONFLICT {
		t.Fatalf("Import = %+v, %v; want an ECONFLICT naming %s", res, err, packs[2].Path)
	}
	if _, err := s.Role(ctx, packs[1].Role.Slug); err != nil {
		t.Errorf("the pack before the faulty one was not imported: %v", err)
	}
	if _, err := s.Role(ctx, packs[2].Role.Slug); rehearse.ErrorCode(err) != rehearse.ENOTFOUND {
		t.Errorf("the faulty pack was imported: %v", err)
	}
}

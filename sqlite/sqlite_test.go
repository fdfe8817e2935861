package sqlite_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/internal/sqlstore"
	"github.com/rehearse/rehearse/sqlite"
	"github.com/rehearse/rehearse/storetest"
)

func open(tb testing.TB) rehearse.Store { return openStore(tb) }

// openStore opens a new database in a temporary folder.
func openStore(tb testing.TB) *sqlstore.Store {
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

// TestSearchCommonWords runs the search suite again with every word
// counted as common, so that the ranking without bm25 (two tiers: matches
// in the question's wording first) is checked too.
func TestSearchCommonWords(t *testing.T) {
	defer sqlite.SetCommonWordDocs(1)()
	s := storetest.MustImport(t, open)
	ctx := context.Background()
	res, err := s.Search(ctx, rehearse.SearchQuery{Text: "no-shows"})
	if err != nil || len(res.Hits) == 0 || res.Hits[0].QuestionID != "fdl-no-shows" {
		t.Fatalf("Search(no-shows) = %+v, %v; want fdl-no-shows (wording match) first", res, err)
	}
	all, err := s.Search(ctx, rehearse.SearchQuery{Text: "front"})
	if err != nil || len(all.Hits) < 2 {
		t.Fatalf("Search(front) = %+v, %v; want 2 hits or more", all, err)
	}
	for i := range all.Hits {
		page, err := s.Search(ctx, rehearse.SearchQuery{Text: "front", Limit: 1, Offset: i})
		if err != nil || len(page.Hits) != 1 || page.Hits[0].QuestionID != all.Hits[i].QuestionID || page.HasMore != (i < len(all.Hits)-1) {
			t.Errorf("page %d = %+v, %v; want [%s]", i, page, err, all.Hits[i].QuestionID)
		}
	}
	if res, err := s.Search(ctx, rehearse.SearchQuery{Text: "coverage -inactive"}); err != nil || len(res.Hits) != 1 || res.Hits[0].QuestionID != "clm-callouts" {
		t.Errorf("Search(coverage -inactive) = %+v, %v; want clm-callouts", res, err)
	}
	// A prefix is highlighted through the words it matched.
	res, err = s.Search(ctx, rehearse.SearchQuery{Text: "remind*"})
	if err != nil || len(res.Hits) != 1 || !strings.Contains(res.Hits[0].Snippet+res.Hits[0].TextSnippet, rehearse.MarkStart+"remind") {
		t.Errorf("Search(remind*) = %+v, %v; want the matched word highlighted", res, err)
	}
}

// TestStoreAllWordsCommon runs the whole conformance suite, ranking on the
// shipped packs included, with the ranking used for common words.
func TestStoreAllWordsCommon(t *testing.T) {
	defer sqlite.SetCommonWordDocs(1)()
	storetest.Run(t, open)
}

// TestIndexMergeSettings: the search index leaves merging its segments to
// the optimize that ends a large import (migration 0008); see
// docs/performance.md, Import.
func TestIndexMergeSettings(t *testing.T) {
	s := openStore(t)
	got := map[string]int{}
	rows, err := s.DB.Query(`SELECT k, v FROM questions_fts_config WHERE k IN ('automerge', 'crisismerge')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var v int
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		got[k] = v
	}
	if want := map[string]int{"automerge": 0, "crisismerge": 64}; !maps.Equal(got, want) {
		t.Errorf("questions_fts_config = %v, want %v", got, want)
	}
}

// TestIndexConsistentAfterReimport: new questions enter the search index in
// one statement per import transaction and changed or removed ones through
// triggers; after a re-import that does all three, FTS5's integrity check
// (comparing the index with the questions table) passes.
func TestIndexConsistentAfterReimport(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	packs := storetest.Packs(t)
	imports := make([]rehearse.RoleImport, len(packs))
	for i, p := range packs {
		imports[i] = rehearse.RoleImport{Role: p.Role, Hash: p.Hash}
	}
	if _, err := s.ImportRoles(ctx, imports); err != nil {
		t.Fatal(err)
	}
	var r rehearse.Role
	for _, p := range packs {
		if len(p.Role.Questions) > len(r.Questions) {
			r = *p.Role
		}
	}
	r.Questions = slices.Clone(r.Questions[1:])
	r.Questions[0].Text += " Changed."
	added := r.Questions[0]
	added.ID = "added-question"
	r.Questions = append(r.Questions, added)
	if _, err := s.ImportRoles(ctx, []rehearse.RoleImport{{Role: &r, Hash: "changed"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.ExecContext(ctx, `INSERT INTO questions_fts (questions_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("FTS5 integrity check after re-import: %v", err)
	}
}

package gen_test

import (
	"bytes"
	"context"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/content"
	"github.com/rehearse/rehearse/pack"
	"github.com/rehearse/rehearse/pack/gen"
	"github.com/rehearse/rehearse/sqlite"
)

// TestCatalogLintsAndImports generates a small catalog, checks it with the
// linter (as a set: unique slugs and ids) and imports it into a real
// SQLite file.
func TestCatalogLintsAndImports(t *testing.T) {
	dir := t.TempDir()
	o := gen.Options{Roles: 45, Questions: 10, Seed: 7}
	if err := gen.Write(dir, o, nil); err != nil {
		t.Fatal(err)
	}
	packs, problems := pack.ReadAll(pack.OS, dir)
	for _, p := range problems {
		t.Error(p)
	}
	if len(packs) != o.Roles {
		t.Fatalf("ReadAll found %d packs, want %d", len(packs), o.Roles)
	}
	sectors, fields := map[string]bool{}, map[string]bool{}
	for _, pk := range packs {
		sectors[pk.Role.Sector], fields[pk.Role.Field] = true, true
	}
	if len(sectors) < 10 || len(fields) < 30 {
		t.Errorf("45 roles span %d sectors and %d fields; want them spread (at least 10 and 30)", len(sectors), len(fields))
	}
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "gen.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	res, err := pack.Import(context.Background(), store, packs, nil)
	if err != nil || res.Imported != o.Roles {
		t.Fatalf("Import = %+v, %v; want %d imported", res, err, o.Roles)
	}
	hits, err := store.Search(context.Background(), rehearse.SearchQuery{Text: "budget"})
	if err != nil || len(hits.Hits) == 0 {
		t.Errorf("Search(budget) = %v, %v; want hits", hits, err)
	}
}

// TestDeterministic: the same seed writes the same bytes; another seed
// writes other bytes.
func TestDeterministic(t *testing.T) {
	o := gen.Options{Roles: 5, Questions: 10, Seed: 42}
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if err := gen.Write(d, o, nil); err != nil {
			t.Fatal(err)
		}
	}
	o.Seed = 43
	if err := gen.Write(c, o, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(tree(t, a), tree(t, b)) {
		t.Error("two runs with seed 42 wrote different files")
	}
	if bytes.Equal(tree(t, a), tree(t, c)) {
		t.Error("seeds 42 and 43 wrote the same files")
	}
}

// tree concatenates the names and contents of every file under dir.
func tree(t *testing.T, dir string) []byte {
	t.Helper()
	var all []byte
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		all = append(append(all, p[len(dir):]...), data...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// TestLengthsMatchShippedPack compares the average field lengths of
// generated questions with those of the Medical Office Manager pack: each
// within 25%.
func TestLengthsMatchShippedPack(t *testing.T) {
	mom, problems := pack.Read(content.FS, "medical-office-manager")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	want := measure(mom.Role)
	var roles []*rehearse.Role
	for i := range 5 {
		roles = append(roles, gen.Role(gen.Options{Roles: 5, Questions: 100, Seed: 3}, i))
	}
	got := measure(roles...)
	for k, w := range want {
		if g := got[k]; math.Abs(g-w) > 0.25*w {
			t.Errorf("average %s = %.1f, want %.1f (the shipped pack's) within 25%%", k, g, w)
		}
	}
}

// measure returns average lengths and counts of the questions of roles.
func measure(roles ...*rehearse.Role) map[string]float64 {
	sum := map[string]float64{}
	n := map[string]float64{}
	add := func(k string, v int) { sum[k] += float64(v); n[k]++ }
	for _, r := range roles {
		for _, q := range r.Questions {
			add("text", len(q.Text))
			add("why", len(q.Why))
			add("how", len(q.How))
			add("talking points", len(q.TalkingPoints))
			for _, tp := range q.TalkingPoints {
				add("talking point label", len(tp.Label))
				add("phrases per talking point", len(tp.Phrases))
				for _, p := range tp.Phrases {
					add("phrase", len(p))
				}
			}
			add("red flags", len(q.RedFlags))
			for _, rf := range q.RedFlags {
				add("red flag label", len(rf.Label))
			}
			add("entry example", len(q.Examples.Entry))
			add("experienced example", len(q.Examples.Experienced))
			add("follow-ups", len(q.FollowUps))
			for _, f := range q.FollowUps {
				add("follow-up", len(f))
			}
			add("related terms", len(q.Terms))
		}
		for _, g := range r.Glossary {
			add("term", len(g.Term))
			add("definition", len(g.Definition))
		}
	}
	for k := range sum {
		sum[k] /= n[k]
	}
	return sum
}

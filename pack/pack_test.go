package pack_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rehearse/rehearse/pack"
)

var update = flag.Bool("update", false, "rewrite golden files")

func problemLines(ps []pack.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// TestBrokenPacks checks every message the linter prints for the broken
// fixtures against golden files, so a change of wording or position is a
// visible diff.
func TestBrokenPacks(t *testing.T) {
	entries, err := os.ReadDir("testdata/broken")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			_, problems := pack.ReadAll(pack.OS, filepath.Join("testdata/broken", e.Name()))
			if len(problems) == 0 {
				t.Fatal("no problems found in a broken pack")
			}
			got := problemLines(problems)
			golden := filepath.Join("testdata/golden", strings.TrimSuffix(e.Name(), ".yaml")+".txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestGoodPacks(t *testing.T) {
	packs, problems := pack.ReadAll(pack.OS, "testdata/good")
	if len(problems) > 0 {
		t.Fatalf("problems in good packs:\n%s", problemLines(problems))
	}
	if len(packs) != 2 {
		t.Fatalf("got %d packs, want 2", len(packs))
	}
	cm := packs[0].Role
	if cm.Slug != "clinic-manager" || len(cm.Questions) != 1 || len(cm.Scenarios) != 1 || cm.Overview != "Runs the clinic floor." {
		t.Errorf("folder pack merged wrongly: %+v", cm)
	}
	fdl := packs[1].Role
	if got := fdl.Glossary[1].Slug; got != "electronic-health-record" {
		t.Errorf("term slug = %q, want electronic-health-record", got)
	}
	if got := fdl.Questions[0].TalkingPoints[0].Phrases[3]; got != "270/271" {
		t.Errorf("flow-sequence phrase = %q, want 270/271", got)
	}
}

// TestHashChanges checks that the content hash follows the files: equal
// for equal content, different after any edit.
func TestHashChanges(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("testdata/good/front-desk-lead.yaml")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "front-desk-lead.yaml")
	write := func(b []byte) string {
		t.Helper()
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		pk, problems := pack.Read(pack.OS, file)
		if len(problems) > 0 {
			t.Fatalf("problems: %v", problems)
		}
		return pk.Hash
	}
	h1, h2 := write(src), write(src)
	h3 := write([]byte(strings.Replace(string(src), "Front Desk Lead", "Front Desk Leader", 1)))
	if h1 != h2 || h1 == h3 {
		t.Errorf("hashes: same content %q vs %q, edited %q", h1, h2, h3)
	}
}

func TestCrossPackDuplicates(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("testdata/good/front-desk-lead.yaml")
	if err != nil {
		t.Fatal(err)
	}
	copyText := strings.Replace(string(src), "slug: front-desk-lead", "slug: front-desk-copy", 1)
	for name, body := range map[string]string{"front-desk-lead.yaml": string(src), "front-desk-copy.yaml": copyText} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, problems := pack.ReadAll(pack.OS, dir)
	got := problemLines(problems)
	for _, id := range []string{"fdl-eligibility", "fdl-no-shows", "fdl-motivation"} {
		if !strings.Contains(got, `id "`+id+`" is also used in`) {
			t.Errorf("no cross-pack duplicate reported for %s; got:\n%s", id, got)
		}
	}
}

func TestMissingPath(t *testing.T) {
	_, problems := pack.ReadAll(pack.OS, "testdata/nope")
	if len(problems) != 1 || !strings.Contains(problems[0].String(), "testdata/nope") {
		t.Errorf("problems = %v; want one naming the path", problems)
	}
}

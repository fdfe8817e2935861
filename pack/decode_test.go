package pack

import (
	"io/fs"
	"path"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/content"
)

// TestDecodersAgree decodes every shipped pack file and every test fixture
// both ways: the fast path (fastyaml, else yaml.v3) must give the same
// values, positions and problems as goccy/go-yaml wherever it accepts the
// file.
func TestDecodersAgree(t *testing.T) {
	check := func(fsys fs.FS, root string) {
		err := fs.WalkDir(fsys, root, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !isYAML(p) {
				return err
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			fast := &decoder{file: p, failed: map[string]bool{}}
			slow := &decoder{file: p, pos: map[string]Pos{}, failed: map[string]bool{}}
			var a, b rehearse.Role
			okA, okB := fast.decodeFile(data, &a), slow.decodeFileGoccy(data, &b)
			if okA != okB {
				t.Errorf("%s: parsed = %v with yaml.v3, %v with goccy", p, okA, okB)
			}
			if diff := cmp.Diff(b, a); diff != "" {
				t.Errorf("%s: values differ (-goccy +yaml.v3):\n%s", p, diff)
			}
			if fast.root != nil {
				// goccy records every value's position as it decodes; the
				// fast path looks them up in the tree when asked.
				looked := map[string]Pos{}
				for path := range slow.pos {
					if pos, ok := find(p, fast.root, path); ok {
						looked[path] = pos
					}
				}
				if diff := cmp.Diff(slow.pos, looked); diff != "" {
					t.Errorf("%s: positions differ (-goccy +yaml.v3 tree):\n%s", p, diff)
				}
			}
			if diff := cmp.Diff(slow.failed, fast.failed); diff != "" {
				t.Errorf("%s: failed paths differ (-goccy +yaml.v3):\n%s", p, diff)
			}
			if diff := cmp.Diff(slow.problems, fast.problems); diff != "" {
				t.Errorf("%s: problems differ (-goccy +yaml.v3):\n%s", p, diff)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	check(content.FS, ".")
	check(OS, path.Join("testdata"))
}

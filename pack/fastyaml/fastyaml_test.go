package fastyaml_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rehearse/rehearse/content"
	"github.com/rehearse/rehearse/pack/fastyaml"
	"github.com/rehearse/rehearse/pack/gen"
	"gopkg.in/yaml.v3"
)

// reference parses data with yaml.v3 as the pack decoder does: exactly one
// document.
func reference(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc, second yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	if err := dec.Decode(&second); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("a second document (%v)", err)
	}
	return &doc, nil
}

// diff describes the first difference between two trees, ignoring comments.
func diff(path string, got, want *yaml.Node) string {
	if got.Kind != want.Kind || got.Style != want.Style || got.Tag != want.Tag || got.Value != want.Value ||
		got.Line != want.Line || got.Column != want.Column || got.Anchor != want.Anchor || len(got.Content) != len(want.Content) {
		return fmt.Sprintf("%s: got {kind %d style %d tag %s value %q at %d:%d, %d children}, yaml.v3 {kind %d style %d tag %s value %q at %d:%d, %d children}",
			path, got.Kind, got.Style, got.Tag, got.Value, got.Line, got.Column, len(got.Content),
			want.Kind, want.Style, want.Tag, want.Value, want.Line, want.Column, len(want.Content))
	}
	for i := range got.Content {
		if d := diff(fmt.Sprintf("%s/%d", path, i), got.Content[i], want.Content[i]); d != "" {
			return d
		}
	}
	return ""
}

// agree checks the package's one rule on data: if Parse accepts it,
// yaml.v3 parses it to the same tree.
func agree(t *testing.T, name string, data []byte) (accepted bool) {
	t.Helper()
	got, ok := fastyaml.Parse(data)
	if !ok {
		return false
	}
	want, err := reference(data)
	if err != nil {
		t.Errorf("%s: accepted, but yaml.v3 refuses it: %v", name, err)
		return true
	}
	if d := diff("", got, want); d != "" {
		t.Errorf("%s: %s", name, d)
	}
	return true
}

// TestPackFiles: every shipped pack file, every test fixture of the pack
// package and a generated catalog parse to yaml.v3's tree, and the files we
// write (shipped and generated) are all inside the subset, so none of them
// falls back to the slow parser.
func TestPackFiles(t *testing.T) {
	walk := func(fsys fs.FS, mustAccept bool) (files int) {
		err := fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(p, ".yaml") {
				return err
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			files++
			if !agree(t, p, data) && mustAccept {
				t.Errorf("%s: outside the subset; the shipped and generated packs should all be inside it", p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	if n := walk(content.FS, true); n < 25 {
		t.Errorf("walked %d shipped files, want at least 25", n)
	}
	walk(os.DirFS(filepath.Join("..", "testdata")), false)
	dir := t.TempDir()
	if err := gen.Write(dir, gen.Options{Roles: 3, Questions: 20, Seed: 7}, nil); err != nil {
		t.Fatal(err)
	}
	if n := walk(os.DirFS(dir), true); n != 6 {
		t.Errorf("walked %d generated files, want 6", n)
	}
}

// cases are small inputs, inside and outside the subset; they also seed the
// fuzz test.
var cases = []struct {
	in     string
	accept bool
}{
	{"a: b\n", true},
	{"a: b", true},
	{"# head\n\na: b # note\nc: 'd''e' # x\nd: \"q \\\" \\n \\\\ z\"\n", true},
	{"list:\n  - one\n  - two # c\n\n  - three\nnext: 1\n", true},
	{"list:\n- one\n- two\nnext: x\n", true},
	{"items:\n  - id: a\n    text: b\n  - id: c\n    tags: [x, \"y\", 'z', 12]\n", true},
	{"items:\n  -   id: a\n      text: b\n", true},
	{"items:\n  -\n    id: a\n", true},
	{"why: |\n  line one\n\n  line two\n    indented\n\nnext: x\n", true},
	{"why: |-\n  one\n  two\n\n\nnext: x\n", true},
	{"why: |+\n  one\n\n\nnext: x\n", true},
	{"why: |+\n  one\n\n", true},
	{"why: | # comment\n  one\n# less indented comment\nnext: x\n", true},
	{"why: |\n  one\n  # not a comment\n", true},
	{"l:\n  - |\n    text\n  - plain\n", true},
	{"a: [é, b, ü c]\n", true},
	{"a: é: b\n", false},
	{"a: café # x\nb: [naïve, z]\n", true},
	{"a: []\nb: [ x ,y ]\n", true},
	{"n: 12\nf: 1.5\nz: 012\nneg: -3\nt: true\nno: null\nh: 0x1F\nd: 2024-01-02\ninf: .inf\nw: yes\n", true},
	{"a: http://example.com/x\nb: x:y\nc: a#b\n", true},
	{"k: C# and F#\n", true},
	{"a: b\n  c\n", false},      // plain scalar on two lines
	{"a: \"b\n  c\"\n", false},  // quoted scalar on two lines
	{"a: [b,\n  c]\n", false},   // flow sequence on two lines
	{"a: {b: c}\n", false},      // flow mapping
	{"a: >\n  folded\n", false}, // folded scalar
	{"a: &x b\nc: *x\n", false}, // anchors and aliases
	{"a: !!str 1\n", false},     // tags
	{"---\na: b\n", false},
	{"a: b\n---\nc: d\n", false},
	{"a: b\n...\n", false},
	{"%YAML 1.2\n---\na: b\n", false},
	{"a:\n", false}, // empty value
	{"a:\nb: c\n", false},
	{"a: b: c\n", false},
	{"a: b\n\tc: d\n", false},
	{"a: b\r\nc: d\r\n", false},
	{"\ufeffa: b\n", false},
	{"a: [b, c,]\n", false},
	{"a: [b, [c]]\n", false},
	{"a: [b: c]\n", false},
	{"a: [?b]\n", false},
	{"a: \"\\u00e9\"\n", false},
	{"\"a\": b\n", false},
	{"a b: c\n", false},
	{"- a\n- b\n", true},
	{"  a: b\n", false},
	{"a: |\n    one\n   two\n", false},
	{"a: |\n  one\n     \n", false},
	{"a: |\nb: c\n", false},
	{"a: |2\n  x\n", false},
	{"a: b\n c: d\n", false},
	{"a:\n  b: c\n d: e\n", false},
	{"a:\n  - b\n  c: d\n", false},
	{"a: -\n", false},
	{"a: - b\n", false},
	{"a: b\n    # indented comment\n", false},
	{"a: 'b\nc: d\n", false},
	{"a: \"b\" c\n", false},
	{"a: \"b\"#c\n", false},
	{"<<: x\n", false},
	{"a: ~\n", true},
	{"a: <<\n", false},
	{"true: 1\nnull: 2\n", true},
	{"", false},
	{"# only a comment\n", false},
	{"a: \x01\n", false},
	{"a: \xff\n", false},
}

func TestCases(t *testing.T) {
	for _, c := range cases {
		if got := agree(t, fmt.Sprintf("%q", c.in), []byte(c.in)); got != c.accept {
			t.Errorf("Parse(%q) accepted = %v, want %v", c.in, got, c.accept)
		}
	}
}

// FuzzAgree: whatever Parse accepts, yaml.v3 parses to the same tree.
func FuzzAgree(f *testing.F) {
	for _, c := range cases {
		f.Add([]byte(c.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		agree(t, "input", data)
	})
}

// BenchmarkParse compares the subset parser with yaml.v3 on a generated
// questions file (100 questions, about 420 KB).
func BenchmarkParse(b *testing.B) {
	files := gen.Files(gen.Role(gen.Options{Roles: 1, Questions: 100, Seed: 1}, 0))
	data := files["questions.yaml"]
	b.Run("fastyaml", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, ok := fastyaml.Parse(data); !ok {
				b.Fatal("refused")
			}
		}
	})
	b.Run("yaml.v3", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := reference(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// Package pack reads role packs: human-written YAML files (see
// docs/pack-format.md), checked strictly, with every problem reported as
// file:line:col: message.
package pack

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io/fs"
	"path"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/rehearse/rehearse"
	"gopkg.in/yaml.v3"
)

// Pack is one role read from its files.
type Pack struct {
	Role *rehearse.Role
	// Hash identifies the pack's content: it changes when any file does.
	Hash string
	// Path is the file or folder the pack was read from.
	Path string
	// Problems are the problems found in this pack's files, including
	// clashes with other packs read with it.
	Problems []Problem

	prepared any // the store's PrepareImport of Role, when ReadAndImport did it

	pos    map[string]Pos  // positions by path, from files decoded by goccy
	parts  []part          // the other files' trees, where positions are looked up
	failed map[string]bool // paths whose value had the wrong shape
}

// part is one file's share of a pack whose positions are looked up in its
// node tree: paths of the merged pack are turned into the file's own by
// offsets (the number of list items earlier files added, by top-level key;
// keys that were not merged from this file are absent).
type part struct {
	file    string
	root    *yaml.Node
	offsets map[string]int
}

// find is the position of the value at path p of the merged pack, if it
// came from this part.
func (pt part) find(p string) (Pos, bool) {
	local, ok := renumber(p, pt.offsets, -1)
	if !ok {
		return Pos{}, false
	}
	return find(pt.file, pt.root, local)
}

// MaxFileSize is the largest pack file read, to keep a stray file from
// exhausting memory.
const MaxFileSize = 8 << 20

// importVersion is mixed into every hash so that a change to how packs are
// stored forces a re-import.
//
// 2 (2026-11-27): related terms are indexed for search by name only.
// 3 (2026-11-27): a talking point is searched by its first five phrases.
const importVersion = "rehearse-pack-3"

// Hash returns the content hash of the pack at p without parsing it: the
// same value Read puts in Pack.Hash. Start-up uses it to skip packs that
// the database already holds.
func Hash(fsys fs.FS, p string) (string, error) {
	files, err := packFiles(fsys, p)
	if err != nil {
		return "", err
	}
	h := newHasher()
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return "", err
		}
		h.add(strings.TrimPrefix(f, p), data)
	}
	return h.sum(), nil
}

// hasher computes a pack's content hash from its files in order.
type hasher struct{ h hash.Hash }

func newHasher() hasher {
	h := hasher{sha256.New()}
	h.h.Write([]byte(importVersion))
	return h
}

func (h hasher) add(name string, data []byte) {
	fmt.Fprintf(h.h, "\x00%s\x00%d\x00", name, len(data))
	h.h.Write(data)
}

func (h hasher) sum() string { return hex.EncodeToString(h.h.Sum(nil)) }

// Read reads the pack at p in fsys: a folder of YAML files or a single
// YAML file. It returns the pack and every problem found, from YAML syntax
// to broken references; a pack with problems must not be served.
func Read(fsys fs.FS, p string) (*Pack, []Problem) {
	files, err := packFiles(fsys, p)
	if err != nil {
		return nil, []Problem{{Pos: Pos{File: p, Line: 1, Col: 1}, Message: err.Error()}}
	}
	pk := &Pack{Role: &rehearse.Role{}, Path: p, pos: map[string]Pos{}, failed: map[string]bool{}}
	var problems []Problem
	parsed := true
	h := newHasher()
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			problems = append(problems, Problem{Pos: Pos{File: f, Line: 1, Col: 1}, Message: err.Error()})
			parsed = false
			continue
		}
		if len(data) > MaxFileSize {
			problems = append(problems, Problem{Pos: Pos{File: f, Line: 1, Col: 1}, Message: fmt.Sprintf("file is larger than %d MiB", MaxFileSize>>20)})
			parsed = false
			continue
		}
		h.add(strings.TrimPrefix(f, p), data)
		d := &decoder{file: f, failed: map[string]bool{}}
		var part rehearse.Role
		parsed = d.decodeFile(data, &part) && parsed
		problems = append(problems, d.problems...)
		problems = append(problems, pk.merge(&part, d)...)
	}
	pk.Hash = h.sum()
	if parsed {
		problems = append(problems, pk.check(strings.TrimSuffix(path.Base(p), ".yaml"))...)
	}
	sortProblems(problems)
	pk.Problems = problems
	pk.compact()
	return pk, problems
}

// compact drops the positions that only the checks of Read needed, keeping
// those that checks across packs report (slug and ids): a catalog of
// thousands of packs then fits in memory.
func (pk *Pack) compact() {
	keep := map[string]Pos{}
	for _, p := range []string{"slug"} {
		if pos, ok := pk.find(p); ok {
			keep[p] = pos
		}
	}
	for i := range pk.Role.Questions {
		p := "questions[" + strconv.Itoa(i) + "].id"
		if pos, ok := pk.find(p); ok {
			keep[p] = pos
		}
	}
	for i := range pk.Role.Scenarios {
		p := "scenarios[" + strconv.Itoa(i) + "].id"
		if pos, ok := pk.find(p); ok {
			keep[p] = pos
		}
	}
	pk.pos, pk.parts, pk.failed = keep, nil, nil
}

// packFiles lists the YAML files of the pack at p, in name order.
func packFiles(fsys fs.FS, p string) ([]string, error) {
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return nil, fmt.Errorf("cannot read pack: %w", unwrapPathError(err))
	}
	if !info.IsDir() {
		return []string{p}, nil
	}
	var files []string
	err = fs.WalkDir(fsys, p, func(f string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() && isYAML(f) {
			files = append(files, f)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cannot read pack: %w", unwrapPathError(err))
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no .yaml files in %s", p)
	}
	// role.yaml first, so that a value set twice is reported on the other
	// file; the rest in name order.
	sort.Slice(files, func(i, j int) bool {
		ri, rj := files[i] == path.Join(p, RoleFile), files[j] == path.Join(p, RoleFile)
		if ri != rj {
			return ri
		}
		return files[i] < files[j]
	})
	return files, nil
}

func isYAML(f string) bool { return strings.HasSuffix(f, ".yaml") || strings.HasSuffix(f, ".yml") }

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// merge adds one file's part of the role: lists are appended, single values
// must be set in only one file.
func (pk *Pack) merge(role *rehearse.Role, d *decoder) []Problem {
	var problems []Problem
	dst, src := reflect.ValueOf(pk.Role).Elem(), reflect.ValueOf(role).Elem()
	offsets := map[string]int{}
	for i := 0; i < dst.NumField(); i++ {
		key := strings.Split(dst.Type().Field(i).Tag.Get("yaml"), ",")[0]
		if key == "" || key == "-" || src.Field(i).IsZero() {
			continue
		}
		if dst.Field(i).Kind() == reflect.Slice {
			offsets[key] = dst.Field(i).Len()
			dst.Field(i).Set(reflect.AppendSlice(dst.Field(i), src.Field(i)))
			continue
		}
		if !dst.Field(i).IsZero() {
			prev, _ := pk.find(key)
			at := d.pos[key]
			if d.root != nil {
				at, _ = find(d.file, d.root, key)
			}
			problems = append(problems, Problem{Pos: at, Message: fmt.Sprintf("%s is already set in %s:%d", key, prev.File, prev.Line)})
			continue
		}
		dst.Field(i).Set(src.Field(i))
		offsets[key] = 0
	}
	if d.root != nil {
		pk.parts = append(pk.parts, part{file: d.file, root: d.root, offsets: offsets})
	}
	for p, at := range d.pos {
		if q, ok := renumber(p, offsets, 1); ok {
			pk.pos[q] = at
		}
	}
	for p := range d.failed {
		if q, ok := renumber(p, offsets, 1); ok {
			pk.failed[q] = true
		}
	}
	return problems
}

// renumber moves the list index of path p by its top-level key's offset:
// forward (sign 1, a file's path into the merged pack's) or back (sign -1,
// the merged pack's into the file's). It reports false when the key has no
// offset or the index would fall before the file's first item.
func renumber(p string, offsets map[string]int, sign int) (string, bool) {
	top, rest := splitTop(p)
	off, ok := offsets[top]
	if !ok {
		return "", false
	}
	if strings.HasPrefix(rest, "[") && off != 0 {
		end := strings.IndexByte(rest, ']')
		n, err := strconv.Atoi(rest[1:max(end, 1)])
		n += sign * off
		if end < 0 || err != nil || n < 0 {
			return "", false
		}
		rest = "[" + strconv.Itoa(n) + rest[end:]
	}
	return top + rest, true
}

// splitTop splits "questions[3].why" into "questions" and "[3].why".
func splitTop(p string) (string, string) {
	i := strings.IndexAny(p, ".[#")
	if i < 0 {
		return p, ""
	}
	return p[:i], p[i:]
}

// at returns the position of the value at path p, or of the nearest
// enclosing value that has one.
func (pk *Pack) at(p string) Pos {
	for {
		if pos, ok := pk.find(p); ok {
			return pos
		}
		i := strings.LastIndexAny(p, ".[")
		if i <= 0 {
			break
		}
		p = p[:i]
	}
	for _, pt := range pk.parts {
		return Pos{File: pt.file, Line: 1, Col: 1}
	}
	for _, pos := range pk.pos {
		return Pos{File: pos.File, Line: 1, Col: 1}
	}
	return Pos{File: pk.Path, Line: 1, Col: 1}
}

// find is the position of the value at exactly path p, if it has one. When
// several files hold it (a list's key), the last file read wins.
func (pk *Pack) find(p string) (Pos, bool) {
	if pos, ok := pk.pos[p]; ok {
		return pos, true
	}
	for i := len(pk.parts) - 1; i >= 0; i-- {
		if pos, ok := pk.parts[i].find(p); ok {
			return pos, true
		}
	}
	return Pos{}, false
}

func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

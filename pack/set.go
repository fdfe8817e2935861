package pack

import (
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Discover lists the packs at p in fsys. A file is one pack. A folder that
// holds a role.yaml is one pack; any other folder holds packs, one per
// sub-folder or YAML file.
func Discover(fsys fs.FS, p string) ([]string, error) {
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, unwrapPathError(err))
	}
	if !info.IsDir() {
		return []string{p}, nil
	}
	entries, err := fs.ReadDir(fsys, p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, unwrapPathError(err))
	}
	var packs []string
	for _, e := range entries {
		switch {
		case !e.IsDir() && e.Name() == RoleFile:
			return []string{p}, nil
		case e.IsDir() || isYAML(e.Name()):
			packs = append(packs, path.Join(p, e.Name()))
		}
	}
	if len(packs) == 0 {
		return nil, fmt.Errorf("%s: no packs found (a pack is a folder of .yaml files or one .yaml file)", p)
	}
	sort.Strings(packs)
	return packs, nil
}

// RoleFile is the file that makes a folder a pack.
const RoleFile = "role.yaml"

// ReadAll reads every pack found at the given paths and checks them as a
// set: role slugs and question and scenario ids must be unique across all
// packs. It returns the packs and every problem; when there is any
// problem, none of the packs may be served.
func ReadAll(fsys fs.FS, paths ...string) ([]*Pack, []Problem) {
	var found []string
	var problems []Problem
	for _, root := range paths {
		ps, err := Discover(fsys, root)
		if err != nil {
			problems = append(problems, Problem{Pos: Pos{File: root, Line: 1, Col: 1}, Message: err.Error()})
			continue
		}
		found = append(found, ps...)
	}
	packs, more := ReadPacks(fsys, found, nil)
	return packs, append(problems, more...)
}

// ReadPacks reads the packs at the given paths (as Discover lists them)
// on every CPU and checks them as a set, like ReadAll. progress, when not
// nil, is called with the number of packs read so far, one call at a time.
func ReadPacks(fsys fs.FS, paths []string, progress func(done int)) ([]*Pack, []Problem) {
	type result struct {
		pk       *Pack
		problems []Problem
	}
	results := make([]result, len(paths))
	next := make(chan int)
	var mu sync.Mutex
	done := 0
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(paths), 1)) {
		wg.Go(func() {
			for i := range next {
				pk, ps := Read(fsys, paths[i])
				results[i] = result{pk, ps}
				mu.Lock()
				done++
				if progress != nil {
					progress(done)
				}
				mu.Unlock()
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	var packs []*Pack
	var problems []Problem
	for _, r := range results {
		problems = append(problems, r.problems...)
		if r.pk != nil {
			packs = append(packs, r.pk)
		}
	}
	problems = append(problems, crossCheck(packs)...)
	return packs, problems
}

// Changed returns the packs among paths whose content hash (see Hash)
// differs from stored, a map from role slug to hash; a pack's slug is its
// folder or file name, which the linter requires. Hashing the raw files is
// much cheaper than parsing them, so unchanged packs are never parsed. It
// hashes on every CPU.
func Changed(fsys fs.FS, paths []string, stored map[string]string) ([]string, error) {
	changed := make([]bool, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				h, err := Hash(fsys, paths[i])
				changed[i] = err != nil || stored[strings.TrimSuffix(path.Base(paths[i]), ".yaml")] != h
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []string
	for i, p := range paths {
		if changed[i] {
			out = append(out, p)
		}
	}
	return out, nil
}

// Clean returns the packs that have no problems.
func Clean(packs []*Pack) []*Pack {
	var out []*Pack
	for _, pk := range packs {
		if len(pk.Problems) == 0 {
			out = append(out, pk)
		}
	}
	return out
}

// crossCheck finds role slugs and question or scenario ids used by more
// than one pack.
func crossCheck(packs []*Pack) []Problem {
	reg := newRegistry()
	var problems []Problem
	for _, pk := range packs {
		problems = append(problems, reg.add(pk)...)
	}
	return problems
}

// registry remembers the role slugs and question and scenario ids of the
// packs seen so far, by the path of the pack that used them last.
type registry struct {
	slugs, ids map[string]string
}

func newRegistry() *registry {
	return &registry{slugs: map[string]string{}, ids: map[string]string{}}
}

// add records pk and returns (and adds to pk.Problems) its clashes with
// the packs added before.
func (reg *registry) add(pk *Pack) []Problem {
	var problems []Problem
	r := pk.Role
	if prev, ok := reg.slugs[r.Slug]; ok && r.Slug != "" {
		problems = append(problems, Problem{Pos: pk.at("slug"), Message: fmt.Sprintf("role slug %q is also used by %s", r.Slug, prev)})
	}
	// The registry outlives the pack: keys are copied, because a value
	// read from a file shares the memory of the whole file (fastyaml).
	reg.slugs[strings.Clone(r.Slug)] = pk.Path
	seen := func(id, list string, i int) {
		if prev, ok := reg.ids[id]; ok && prev != pk.Path && id != "" {
			problems = append(problems, Problem{Pos: pk.at(fmt.Sprintf("%s[%d].id", list, i)), Message: fmt.Sprintf("id %q is also used in %s", id, prev)})
		}
		reg.ids[strings.Clone(id)] = pk.Path
	}
	for i, q := range r.Questions {
		seen(q.ID, "questions", i)
	}
	for i, s := range r.Scenarios {
		seen(s.ID, "scenarios", i)
	}
	pk.Problems = append(pk.Problems, problems...)
	return problems
}

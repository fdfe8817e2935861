package pack

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
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
	var packs []*Pack
	var problems []Problem
	for _, root := range paths {
		found, err := Discover(fsys, root)
		if err != nil {
			problems = append(problems, Problem{Pos: Pos{File: root, Line: 1, Col: 1}, Message: err.Error()})
			continue
		}
		for _, p := range found {
			pk, ps := Read(fsys, p)
			problems = append(problems, ps...)
			if pk != nil {
				packs = append(packs, pk)
			}
		}
	}
	problems = append(problems, crossCheck(packs)...)
	return packs, problems
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
	var problems []Problem
	slugs := map[string]*Pack{}
	ids := map[string]*Pack{}
	for _, pk := range packs {
		r := pk.Role
		if prev, ok := slugs[r.Slug]; ok && r.Slug != "" {
			pr := Problem{Pos: pk.at("slug"), Message: fmt.Sprintf("role slug %q is also used by %s", r.Slug, prev.Path)}
			problems = append(problems, pr)
			pk.Problems = append(pk.Problems, pr)
		}
		slugs[r.Slug] = pk
		seen := func(id, p string) {
			if prev, ok := ids[id]; ok && prev != pk && id != "" {
				pr := Problem{Pos: pk.at(p), Message: fmt.Sprintf("id %q is also used in %s", id, prev.Path)}
				problems = append(problems, pr)
				pk.Problems = append(pk.Problems, pr)
			}
			ids[id] = pk
		}
		for i, q := range r.Questions {
			seen(q.ID, fmt.Sprintf("questions[%d].id", i))
		}
		for i, s := range r.Scenarios {
			seen(s.ID, fmt.Sprintf("scenarios[%d].id", i))
		}
	}
	return problems
}

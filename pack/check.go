package pack

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/rehearse/rehearse"
)

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Limits of the format, checked by the linter.
const (
	MaxTalkingPoints = 7
	maxShortText     = 300
)

// checker collects the problems of one merged pack.
type checker struct {
	pk       *Pack
	problems []Problem
}

func (c *checker) errorf(path, format string, args ...any) {
	if c.pk.failed[path] {
		return // already reported as a value of the wrong shape
	}
	c.problems = append(c.problems, Problem{Pos: c.pk.at(path), Message: fmt.Sprintf(format, args...)})
}

// required reports an empty value; the message names the field.
func (c *checker) required(path, value string) bool {
	if strings.TrimSpace(value) == "" {
		c.errorf(path, "missing %q%s", name(path), in(parent(path)))
		return false
	}
	return true
}

// parent is the path of the value that holds path's value.
func parent(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}

// check runs every rule on the merged pack; base is the file or folder name,
// which should match the slug.
func (pk *Pack) check(base string) []Problem {
	c := &checker{pk: pk}
	r := pk.Role
	if r.Format != rehearse.FormatVersion {
		c.errorf("format", "format must be %d (this version of Rehearse reads pack format %d)", rehearse.FormatVersion, rehearse.FormatVersion)
	}
	if c.required("slug", r.Slug) {
		if !slugRE.MatchString(r.Slug) {
			c.errorf("slug", "slug %q must be lowercase letters and digits joined by dashes", r.Slug)
		} else if base != r.Slug {
			c.errorf("slug", "slug %q does not match the pack's name %q", r.Slug, base)
		}
	}
	for _, f := range []struct{ path, v string }{{"title", r.Title}, {"sector", r.Sector}, {"field", r.Field}, {"summary", r.Summary}, {"overview", r.Overview}} {
		c.required(f.path, f.v)
	}
	areas := c.areas(r)
	terms := c.glossary(r)
	if len(r.Questions) == 0 {
		c.errorf("questions", "a role needs at least one question")
	}
	c.questions(r, areas, terms)
	c.scenarios(r, areas, terms)
	c.tips(r)
	for i, a := range r.AskEmployer {
		p := fmt.Sprintf("ask_employer[%d]", i)
		c.required(p+".text", a.Text)
	}
	return c.problems
}

func (c *checker) areas(r *rehearse.Role) map[string]bool {
	ids := map[string]bool{}
	if len(r.Areas) == 0 {
		c.errorf("areas", "a role needs at least one competency area")
	}
	for i, a := range r.Areas {
		p := fmt.Sprintf("areas[%d]", i)
		c.id(p+".id", a.ID, ids, "area")
		c.required(p+".name", a.Name)
	}
	return ids
}

// id checks a required slug-shaped id and its uniqueness in seen.
func (c *checker) id(path, id string, seen map[string]bool, what string) {
	if !c.required(path, id) {
		return
	}
	if !slugRE.MatchString(id) {
		c.errorf(path, "%s id %q must be lowercase letters and digits joined by dashes", what, id)
	}
	if seen[id] {
		c.errorf(path, "duplicate %s id %q", what, id)
	}
	seen[id] = true
}

// glossary checks the terms and returns every name (lowercased) that a
// question may use to refer to a term, mapped to the term's index.
func (c *checker) glossary(r *rehearse.Role) map[string]int {
	names := map[string]int{}
	slugs := map[string]bool{}
	for i := range r.Glossary {
		t := &r.Glossary[i]
		p := fmt.Sprintf("glossary[%d]", i)
		c.required(p+".definition", t.Definition)
		if !c.required(p+".term", t.Term) {
			continue
		}
		t.Slug = rehearse.Slugify(t.Term)
		if slugs[t.Slug] {
			c.errorf(p+".term", "duplicate glossary term %q", t.Term)
		}
		slugs[t.Slug] = true
		for j, n := range t.Names() {
			key := strings.ToLower(strings.TrimSpace(n))
			if key == "" {
				c.errorf(p, "empty name in glossary term %q", t.Term)
				continue
			}
			if prev, ok := names[key]; ok && prev != i {
				c.errorf(namePath(p, t, j), "name %q of term %q is already used by term %q", n, t.Term, r.Glossary[prev].Term)
				continue
			}
			names[key] = i
		}
	}
	return names
}

// namePath is the path of the j-th name of a term (see Term.Names).
func namePath(p string, t *rehearse.Term, j int) string {
	switch {
	case j == 0:
		return p + ".term"
	case j <= len(t.Abbreviations):
		return fmt.Sprintf("%s.abbreviations[%d]", p, j-1)
	default:
		return fmt.Sprintf("%s.synonyms[%d]", p, j-1-len(t.Abbreviations))
	}
}

func (c *checker) questions(r *rehearse.Role, areas map[string]bool, terms map[string]int) {
	ids := map[string]bool{}
	texts := map[string]int{}
	for i, q := range r.Questions {
		p := fmt.Sprintf("questions[%d]", i)
		c.id(p+".id", q.ID, ids, "question")
		if c.required(p+".text", q.Text) {
			key := strings.ToLower(strings.Join(strings.Fields(q.Text), " "))
			if prev, ok := texts[key]; ok {
				c.errorf(p+".text", "same text as question %q", r.Questions[prev].ID)
			}
			texts[key] = i
		}
		c.area(p+".area", q.Area, areas)
		if !q.Type.Valid() {
			c.errorf(p+".type", "type %q must be one of %s", q.Type, joinTypes())
		}
		if !q.Level.Valid() {
			c.errorf(p+".level", "level %q must be one of any, entry, experienced", q.Level)
		}
		c.required(p+".why", q.Why)
		c.required(p+".how", q.How)
		c.talkingPoints(p, q.TalkingPoints)
		if len(q.RedFlags) == 0 {
			c.errorf(p+".red_flags", "question %q has no red_flags", q.ID)
		}
		c.redFlags(p, q.RedFlags)
		if strings.TrimSpace(q.Examples.Entry) == "" && strings.TrimSpace(q.Examples.Experienced) == "" {
			c.errorf(p+".examples", "question %q has no example answers (examples.entry and examples.experienced)", q.ID)
		} else {
			c.required(p+".examples.entry", q.Examples.Entry)
			c.required(p+".examples.experienced", q.Examples.Experienced)
		}
		if len(q.FollowUps) == 0 {
			c.errorf(p+".follow_ups", "question %q has no follow_ups", q.ID)
		}
		for j, f := range q.FollowUps {
			c.required(fmt.Sprintf("%s.follow_ups[%d]", p, j), f)
		}
		c.termRefs(p+".terms", q.Terms, terms)
		c.phrases(p+".topic", q.Topic)
	}
}

func joinTypes() string {
	var s []string
	for _, t := range rehearse.QuestionTypes {
		s = append(s, string(t))
	}
	return strings.Join(s, ", ")
}

func (c *checker) area(path, id string, areas map[string]bool) {
	if c.required(path, id) && !areas[id] {
		c.errorf(path, "area %q is not one of the role's areas", id)
	}
}

func (c *checker) talkingPoints(p string, tps []rehearse.TalkingPoint) {
	switch {
	case len(tps) == 0:
		c.errorf(p+".talking_points", "missing %q%s", "talking_points", in(p))
	case len(tps) > MaxTalkingPoints:
		c.errorf(p+".talking_points", "%d talking points; at most %d", len(tps), MaxTalkingPoints)
	}
	for j, tp := range tps {
		tpp := fmt.Sprintf("%s.talking_points[%d]", p, j)
		c.required(tpp+".label", tp.Label)
		if len(tp.Phrases) == 0 {
			c.errorf(tpp, "talking point %q has no phrases", tp.Label)
		}
		c.phrases(tpp+".phrases", tp.Phrases)
	}
}

func (c *checker) redFlags(p string, rfs []rehearse.RedFlag) {
	for j, rf := range rfs {
		rfp := fmt.Sprintf("%s.red_flags[%d]", p, j)
		c.required(rfp+".label", rf.Label)
		c.phrases(rfp+".phrases", rf.Phrases)
	}
}

func (c *checker) phrases(p string, phrases []string) {
	seen := make(map[string]bool, len(phrases))
	for k, ph := range phrases {
		pp := func() string { return p + "[" + strconv.Itoa(k) + "]" } // built only for a problem
		key := strings.ToLower(strings.TrimSpace(ph))
		switch {
		case key == "":
			c.errorf(pp(), "empty phrase")
		case len(ph) > maxShortText:
			c.errorf(pp(), "phrase is longer than %d characters", maxShortText)
		case seen[key]:
			c.errorf(pp(), "duplicate phrase %q", ph)
		}
		seen[key] = true
	}
}

func (c *checker) termRefs(p string, refs []string, terms map[string]int) {
	for j, ref := range refs {
		if _, ok := terms[strings.ToLower(strings.TrimSpace(ref))]; !ok {
			c.errorf(fmt.Sprintf("%s[%d]", p, j), "related term %q is not in the glossary", ref)
		}
	}
}

func (c *checker) scenarios(r *rehearse.Role, areas map[string]bool, terms map[string]int) {
	ids := map[string]bool{}
	for _, q := range r.Questions {
		ids[q.ID] = true
	}
	for i, s := range r.Scenarios {
		p := fmt.Sprintf("scenarios[%d]", i)
		if ids[s.ID] {
			c.errorf(p+".id", "scenario id %q is already a question id (they share one space)", s.ID)
		} else {
			c.id(p+".id", s.ID, ids, "scenario")
		}
		c.required(p+".title", s.Title)
		c.area(p+".area", s.Area, areas)
		c.required(p+".setup", s.Setup)
		if len(s.Steps) < 2 {
			c.errorf(p, "scenario %q needs at least two steps", s.ID)
		}
		for j, st := range s.Steps {
			sp := fmt.Sprintf("%s.steps[%d]", p, j)
			c.required(sp+".prompt", st.Prompt)
			c.talkingPoints(sp, st.TalkingPoints)
			c.redFlags(sp, st.RedFlags)
		}
		c.termRefs(p+".terms", s.Terms, terms)
	}
}

func (c *checker) tips(r *rehearse.Role) {
	ids := map[string]bool{}
	for i, t := range r.Tips {
		p := fmt.Sprintf("tips[%d]", i)
		c.id(p+".id", t.ID, ids, "tip")
		if c.required(p+".kind", t.Kind) && !slices.Contains(rehearse.TipKinds, t.Kind) {
			c.errorf(p+".kind", "tip kind %q must be one of %s", t.Kind, strings.Join(rehearse.TipKinds, ", "))
		}
		c.required(p+".title", t.Title)
		c.required(p+".body", t.Body)
	}
}

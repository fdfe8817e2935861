// Package gen writes synthetic role packs for measuring Rehearse at scale:
// thousands of roles with the shape, vocabulary and field lengths of the
// shipped Medical Office Manager pack, spread over sectors and fields, the
// same bytes for the same seed.
package gen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/rehearse/rehearse"
)

// Options says what to generate.
type Options struct {
	Roles     int    // number of roles
	Questions int    // questions per role
	Seed      uint64 // same seed, same packs
}

// Limits of the generator, checked by Validate.
const (
	MaxRoles     = 100000
	MaxQuestions = 500
)

// Validate refuses options that cannot produce a catalog.
func (o Options) Validate() error {
	switch {
	case o.Roles < 1 || o.Roles > MaxRoles:
		return fmt.Errorf("--roles must be between 1 and %d", MaxRoles)
	case o.Questions < 1 || o.Questions > MaxQuestions:
		return fmt.Errorf("--questions must be between 1 and %d", MaxQuestions)
	}
	return nil
}

// Sizes of the generated content. Question field lengths are the averages
// measured on content/medical-office-manager (see gen_test.go, which checks
// them): text 104 characters, why 256, how 328, 5.9 talking points of 40
// characters with 15.7 phrases (2026-11-27, after the packs listed the
// ways candidates say each point), 2.2 red flags of 45, examples of 449 and
// 992, 3 follow-ups of 64, 4 related terms. Counts per role follow the
// neighbouring shipped packs (about 85 terms, 6 tips), scaled down where
// they would only add bulk.
const (
	areasPerRole     = 8
	termsPerRole     = 60
	scenariosPerRole = 2
	tipsPerRole      = 6
	asksPerRole      = 8
	overviewLen      = 8000
)

// roleName returns the title, sector and field of role i. Titles are
// unique by construction: the index picks the field (in an order the seed
// shuffles), then a subject, a kind and, past those, a qualifier.
func roleName(o Options, i int) (title string, f field) {
	perm := rand.New(rand.NewPCG(o.Seed, 0x5eed)).Perm(len(fields))
	f = fields[perm[i%len(fields)]]
	rest := i / len(fields)
	title = f.subjects[rest%len(f.subjects)] + " " + jobKinds[rest/len(f.subjects)%len(jobKinds)]
	combos := len(f.subjects) * len(jobKinds)
	switch q := rest / combos; {
	case q == 0:
	case q <= len(qualifiers):
		title = qualifiers[q-1] + " " + title
	default:
		title += " " + strconv.Itoa(q-len(qualifiers)+1)
	}
	return title, f
}

// Role returns role i of the catalog that o describes. It depends only on
// o and i, so roles can be generated in any order or in parallel.
func Role(o Options, i int) *rehearse.Role {
	title, f := roleName(o, i)
	g := &writer{rng: rand.New(rand.NewPCG(o.Seed, uint64(i)+1)), f: f}
	g.product = g.inventedName()
	slug := rehearse.Slugify(title)
	r := &rehearse.Role{
		Format: rehearse.FormatVersion, Slug: slug, Title: title, Sector: f.sector, Field: f.name,
	}
	r.Summary = g.upper(g.sentenceOf(129))
	r.Overview = g.markdown(overviewLen)
	r.Areas = g.areas()
	r.Glossary = g.glossary()
	g.names = glossaryNames(r.Glossary)
	for q := range o.Questions {
		r.Questions = append(r.Questions, g.question(slug, q, r.Areas))
	}
	g.uniqueTexts(r.Questions)
	for s := range scenariosPerRole {
		r.Scenarios = append(r.Scenarios, g.scenario(slug, s, r.Areas))
	}
	for t := range tipsPerRole {
		r.Tips = append(r.Tips, rehearse.Tip{ID: fmt.Sprintf("tip-%d", t+1), Kind: tipKinds[t%len(tipKinds)],
			Title: g.upper(g.sentenceOf(48)), Body: g.markdown(1118)})
	}
	for range asksPerRole {
		r.AskEmployer = append(r.AskEmployer, rehearse.AskEmployer{Text: g.ask(), Why: g.prose(110)})
	}
	return r
}

// writer makes the prose of one role from its own random source.
type writer struct {
	rng     *rand.Rand
	f       field
	product string   // an invented software name: a rare word
	names   []string // glossary names questions may refer to
}

// pick returns an element of list, favouring the first ones (a rough Zipf
// shape, so that some words are very common and others rare).
func pick[T any](g *writer, list []T) T {
	n := len(list)
	i := int(float64(n) * g.rng.Float64() * g.rng.Float64())
	return list[min(i, n-1)]
}

// anyOf returns an element of list, each equally likely.
func anyOf[T any](g *writer, list []T) T { return list[g.rng.IntN(len(list))] }

// around returns a length near avg (within 30%).
func (g *writer) around(avg int) int {
	return avg*7/10 + g.rng.IntN(avg*6/10+1)
}

func (g *writer) inventedName() string {
	var b strings.Builder
	for range 2 + g.rng.IntN(2) {
		b.WriteString(anyOf(g, syllables))
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func (g *writer) term() string {
	if g.rng.IntN(3) == 0 {
		return anyOf(g, genericTerms)
	}
	return anyOf(g, g.f.terms)
}

func (g *writer) num() string {
	switch g.rng.IntN(4) {
	case 0:
		return strconv.Itoa(2+g.rng.IntN(40)) + "%"
	case 1:
		return "from " + strconv.Itoa(10+g.rng.IntN(30)) + "% to " + strconv.Itoa(2+g.rng.IntN(9)) + "%"
	case 2:
		return strconv.Itoa(2+g.rng.IntN(60)) + " days"
	}
	return strconv.Itoa(3 + g.rng.IntN(200))
}

// clause returns one clause of everyday work prose.
func (g *writer) clause() string {
	switch g.rng.IntN(9) {
	case 0:
		return "I " + pick(g, verbs) + " the " + pick(g, adjs) + " " + pick(g, nouns) + " with the " + pick(g, nouns)
	case 1:
		return "the " + pick(g, nouns) + " " + pick(g, nouns) + " needs a " + pick(g, adjs) + " " + g.term()
	case 2:
		return "we " + pick(g, verbs) + " the " + g.term() + " every " + anyOf(g, []string{"week", "month", "quarter", "morning", "shift"})
	case 3:
		return pick(g, adjs) + " " + pick(g, nouns) + " went " + g.num()
	case 4:
		return "so that the " + pick(g, nouns) + " can " + pick(g, verbs) + " the " + g.term()
	case 5:
		return "after the " + pick(g, nouns) + " moved to " + g.product
	case 6:
		return "the " + pick(g, nouns) + " " + anyOf(g, []string{"owns", "checks", "signs off", "reports on", "answers for"}) + " the " + g.term()
	case 7:
		return "before the " + pick(g, adjs) + " " + pick(g, nouns) + " review with the " + pick(g, nouns)
	}
	return "by " + g.num() + " in " + strconv.Itoa(2+g.rng.IntN(10)) + " " + anyOf(g, []string{"weeks", "months", "quarters"})
}

// sentenceOf returns a sentence of about n characters, without the final
// stop.
func (g *writer) sentenceOf(n int) string {
	s := g.clause()
	for len(s) < n-20 {
		s += anyOf(g, []string{", ", " and ", ", then ", " while "}) + g.clause()
	}
	return s
}

func (g *writer) upper(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// prose returns sentences totalling about avg characters.
func (g *writer) prose(avg int) string {
	n := g.around(avg)
	var b strings.Builder
	for b.Len() < n {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(g.upper(g.sentenceOf(min(90, n-b.Len()+20))) + ".")
	}
	return b.String()
}

// markdown returns paragraphs, headings and lists of about n characters.
func (g *writer) markdown(n int) string {
	var b strings.Builder
	for b.Len() < n {
		switch g.rng.IntN(4) {
		case 0:
			fmt.Fprintf(&b, "## %s\n\n", g.upper(pick(g, adjs)+" "+g.term()))
		case 1:
			for range 3 {
				fmt.Fprintf(&b, "- **%s:** %s.\n", g.upper(g.term()), g.sentenceOf(80))
			}
			b.WriteByte('\n')
		default:
			b.WriteString(g.prose(400) + "\n\n")
		}
	}
	return strings.TrimSpace(b.String()) + "\n"
}

func (g *writer) areas() []rehearse.Area {
	var areas []rehearse.Area
	seen := map[string]bool{}
	for len(areas) < areasPerRole {
		name := g.upper(g.term()) + " and " + pick(g, nouns) + " " + pick(g, nouns)
		id := rehearse.Slugify(name)
		if seen[id] {
			continue
		}
		seen[id] = true
		areas = append(areas, rehearse.Area{ID: id, Name: name, Description: g.prose(152)})
	}
	return areas
}

// Write generates the catalog that o describes into dir, one folder per
// role, using every CPU. progress, when not nil, is called after each role
// with the number written so far (one call at a time). The folder is created when missing;
// packs already in it with the same slugs are replaced.
func Write(dir string, o Options, progress func(done int)) error {
	if err := o.Validate(); err != nil {
		return err
	}
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return fmt.Errorf("%s is a file, not a folder", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	next := make(chan int)
	errs := make(chan error, runtime.GOMAXPROCS(0))
	var mu sync.Mutex
	done := 0
	var wg sync.WaitGroup
	for range cap(errs) {
		wg.Go(func() {
			for i := range next {
				if err := WriteRole(dir, Role(o, i)); err != nil {
					errs <- err
					return
				}
				mu.Lock()
				done++
				if progress != nil {
					progress(done)
				}
				mu.Unlock()
			}
		})
	}
	var err error
feed:
	for i := range o.Roles {
		select {
		case next <- i:
		case err = <-errs:
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err == nil && len(errs) > 0 {
		err = <-errs
	}
	return err
}

// RareWord returns the invented software name that role i of the catalog
// mentions: a word found in few questions, for search benchmarks. It is
// the first value Role draws.
func RareWord(o Options, i int) string {
	g := &writer{rng: rand.New(rand.NewPCG(o.Seed, uint64(i)+1))}
	return g.inventedName()
}

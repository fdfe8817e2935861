package analysis

import (
	"slices"
	"strings"

	"github.com/rehearse/rehearse"
)

// Terms are the job-related terms of the answer.
type Terms struct {
	Used []TermUse `json:"used"`
	// Suggested are the question's related terms the answer did not use.
	Suggested []TermRef `json:"suggested"`
}

// TermUse is a glossary term found in the answer, with its definition.
type TermUse struct {
	Term       string `json:"term"`
	Slug       string `json:"slug"`
	Definition string `json:"definition"`
	Evidence   []Span `json:"evidence"`
}

// TermRef names a glossary term.
type TermRef struct {
	Term       string `json:"term"`
	Slug       string `json:"slug"`
	Definition string `json:"definition"`
}

// compiledTerm is a glossary term with its names compiled to phrases.
type compiledTerm struct {
	term  rehearse.Term
	names []phrase
}

func compileGlossary(glossary []rehearse.Term) []compiledTerm {
	out := make([]compiledTerm, 0, len(glossary))
	for _, t := range glossary {
		ct := compiledTerm{term: t}
		for _, n := range t.Names() {
			p := phrase{text: n}
			t := Parse(n)
			for i := range t.Tokens {
				p.stems = append(p.stems, t.Tokens[i].key())
			}
			if len(p.stems) > 0 {
				ct.names = append(ct.names, p)
			}
		}
		out = append(out, ct)
	}
	return out
}

// analyzeTerms finds glossary terms in the answer (in prose, not negated)
// and the related terms of the question that it left out. It also returns
// the sentences where terms were used, for the knowledge structure.
func analyzeTerms(a *answer, c *compiled) (Terms, []int) {
	glossary := c.glossary
	res := Terms{Used: []TermUse{}, Suggested: []TermRef{}}
	var used []string // slugs
	sentences := a.terms[:0]
	seenSentence := a.sentenceSet()
	// With a big glossary, look up the answer's words among the terms'
	// first words; with a small one, try every term.
	candidate := resize(a.termMarks, len(glossary))
	a.termMarks = candidate
	filter := c.names > len(a.keys)
	if filter {
		clear(candidate)
		for _, k := range a.keys {
			for _, ti := range c.termsByStem[k.h] {
				candidate[ti] = true
			}
		}
	}
	for gi := range glossary {
		if filter && !candidate[gi] {
			continue
		}
		ct := &glossary[gi]
		var ev []Span
		for ni := range ct.names {
			n := &ct.names[ni]
			for j, k := a.anchor(n); j >= 0; j = int(a.next[j]) {
				i := j - k
				if i < 0 || !a.contiguous(n, i) || !a.caseOK(n, i) {
					continue
				}
				ev = append(ev, a.Span(i, i+len(n.stems)-1))
				if s := a.Tokens[i].Sentence; !seenSentence[s] {
					seenSentence[s] = true
					sentences = append(sentences, s)
				}
			}
		}
		if len(ev) > 0 {
			ev = outermost(ev)
			used = append(used, ct.term.Slug)
			res.Used = append(res.Used, TermUse{Term: ct.term.Term, Slug: ct.term.Slug, Definition: ct.term.Definition, Evidence: firstSpans(ev, 3)})
		}
	}
	for _, i := range c.related {
		ct := glossary[i]
		if !slices.Contains(used, ct.term.Slug) {
			res.Suggested = append(res.Suggested, TermRef{Term: ct.term.Term, Slug: ct.term.Slug, Definition: ct.term.Definition})
			used = append(used, ct.term.Slug) // list once
		}
	}
	sortInts(sentences)
	a.terms = sentences
	return res, sentences
}

func hasName(t rehearse.Term, ref string) bool {
	for _, n := range t.Names() {
		if strings.EqualFold(strings.TrimSpace(n), strings.TrimSpace(ref)) {
			return true
		}
	}
	return false
}

func firstSpans(s []Span, n int) []Span {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// outermost drops the spans that lie inside another ("no-show" inside
// "no-show rate", found by both names of a term) and sorts the rest by
// place.
func outermost(spans []Span) []Span {
	if len(spans) == 1 {
		return spans
	}
	out := make([]Span, 0, len(spans))
	for i, sp := range spans {
		inside := false
		for j, o := range spans {
			if j != i && o.Start <= sp.Start && sp.End <= o.End && (o.Start != sp.Start || o.End != sp.End || j < i) {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, sp)
		}
	}
	slices.SortStableFunc(out, func(a, b Span) int { return a.Start - b.Start })
	return out
}

package gen

import (
	"fmt"
	"strings"

	"github.com/rehearse/rehearse"
)

var questionStarts = []string{
	"Tell me about a time you had to {v} the {a} {n}.",
	"How would you {v} the {n} in your first month, with the {a} {n} behind?",
	"Walk me through how you {v} the {n} when the {a} {n} is short.",
	"What would you do if the {n} fell behind and you had to {v} the {n}?",
	"How do you {v} the {n} and the {n} when both are urgent?",
	"Describe how you would {v} a {a} {n} that kept going wrong.",
	"Why do you want to {v} the {n} here rather than somewhere else?",
	"What do you know about the {n}, and how would you {v} it with the {a} {n}?",
}

// questionText returns an interview question of about 104 characters.
func (g *writer) questionText() string {
	s := anyOf(g, questionStarts)
	s = fill(s, "{v}", func() string { return pick(g, verbs) })
	s = fill(s, "{a}", func() string { return pick(g, adjs) })
	s = fill(s, "{n}", g.term)
	if len(s) < 90 {
		s = strings.TrimRight(s, ".?") + ", with the " + pick(g, nouns) + " " + pick(g, nouns) + " watching?"
	}
	if !strings.HasSuffix(s, "?") {
		s = strings.TrimSuffix(s, ".") + "?"
	}
	return s
}

// fill replaces each slot in s with a fresh value.
func fill(s, slot string, value func() string) string {
	for strings.Contains(s, slot) {
		s = strings.Replace(s, slot, value(), 1)
	}
	return s
}

// uniqueTexts rewrites question texts that repeat an earlier one.
func (g *writer) uniqueTexts(qs []rehearse.Question) {
	seen := map[string]bool{}
	for i := range qs {
		for seen[strings.ToLower(qs[i].Text)] {
			qs[i].Text = g.questionText()
		}
		seen[strings.ToLower(qs[i].Text)] = true
	}
}

var types = rehearse.QuestionTypes
var levels = []rehearse.Level{rehearse.AnyLevel, rehearse.Entry, rehearse.Experienced}

func (g *writer) question(slug string, n int, areas []rehearse.Area) rehearse.Question {
	q := rehearse.Question{
		ID:    fmt.Sprintf("%s-q%03d", slug, n+1),
		Text:  g.questionText(),
		Area:  anyOf(g, areas).ID,
		Type:  anyOf(g, types),
		Level: anyOf(g, levels),
		Why:   g.prose(256),
		How:   g.prose(328),
		Examples: rehearse.Examples{
			Entry:       g.firstPerson(449),
			Experienced: g.firstPerson(992),
		},
	}
	q.TalkingPoints = g.talkingPoints(4 + g.rng.IntN(4))
	for range 1 + g.rng.IntN(3) + g.rng.IntN(2) {
		q.RedFlags = append(q.RedFlags, rehearse.RedFlag{Label: g.upper(g.sentenceOf(45)), Phrases: g.phrases(g.rng.IntN(5))})
	}
	for range 3 {
		q.FollowUps = append(q.FollowUps, g.upper(g.sentenceOf(64))+"?")
	}
	q.Terms = g.refs(4)
	q.Topic = g.phrases(3 + g.rng.IntN(4))
	return q
}

func (g *writer) talkingPoints(n int) []rehearse.TalkingPoint {
	tps := make([]rehearse.TalkingPoint, n)
	for i := range tps {
		tps[i] = rehearse.TalkingPoint{Label: g.upper(g.sentenceOf(40)), Phrases: g.phrases(12 + g.rng.IntN(8))}
	}
	return tps
}

// phrases returns n distinct short phrases of about 12 characters.
func (g *writer) phrases(n int) []string {
	var out []string
	seen := map[string]bool{}
	for len(out) < n {
		var p string
		switch g.rng.IntN(4) {
		case 0:
			p = pick(g, adjs) + " " + pick(g, nouns)
		case 1:
			p = pick(g, verbs) + " " + pick(g, nouns)
		case 2:
			p = pick(g, nouns)
		default:
			p = g.term()
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// firstPerson returns an example answer of about avg characters.
func (g *writer) firstPerson(avg int) string {
	opening := anyOf(g, []string{"In my last role, ", "At my current job, ", "When I worked at a " + pick(g, adjs) + " " + pick(g, nouns) + ", ", ""})
	p := g.prose(avg - len(opening))
	if opening != "" && !strings.HasPrefix(p, "I ") {
		p = strings.ToLower(p[:1]) + p[1:]
	}
	return opening + p
}

// refs returns up to n distinct glossary names.
func (g *writer) refs(n int) []string {
	var out []string
	seen := map[string]bool{}
	for range n {
		t := anyOf(g, g.names)
		if !seen[strings.ToLower(t)] {
			seen[strings.ToLower(t)] = true
			out = append(out, t)
		}
	}
	return out
}

func (g *writer) scenario(slug string, n int, areas []rehearse.Area) rehearse.Scenario {
	sc := rehearse.Scenario{ID: fmt.Sprintf("%s-s%d", slug, n+1), Title: g.upper(g.sentenceOf(40)),
		Area: anyOf(g, areas).ID, Setup: g.prose(616), Terms: g.refs(3)}
	for range 3 + g.rng.IntN(2) {
		st := rehearse.ScenarioStep{Prompt: g.upper(g.sentenceOf(90)) + ". What do you do?", TalkingPoints: g.talkingPoints(4)}
		st.RedFlags = []rehearse.RedFlag{{Label: g.upper(g.sentenceOf(45)), Phrases: g.phrases(2)}}
		sc.Steps = append(sc.Steps, st)
	}
	return sc
}

func (g *writer) ask() string {
	return g.upper(anyOf(g, []string{"what ", "how ", "who "})) + anyOf(g, []string{"does the ", "will the ", "would the "}) +
		pick(g, nouns) + " " + pick(g, verbs) + " the " + g.term() + " in the first " + anyOf(g, []string{"month", "quarter", "year"}) + "?"
}

// glossary returns termsPerRole terms: the field's own, then the sector's
// neighbours' and generic business terms.
func (g *writer) glossary() []rehearse.Term {
	var pool []string
	pool = append(pool, g.f.terms...)
	for _, f := range fields {
		if f.sector == g.f.sector && f.name != g.f.name {
			pool = append(pool, f.terms...)
		}
	}
	pool = append(pool, genericTerms...)
	used := map[string]bool{}
	var terms []rehearse.Term
	for _, name := range pool {
		if len(terms) == termsPerRole {
			break
		}
		key := strings.ToLower(name)
		if used[key] {
			continue
		}
		used[key] = true
		t := rehearse.Term{Term: g.upper(name), Definition: g.upper(g.sentenceOf(101)) + ".", Group: g.upper(pick(g, adjs) + " " + pick(g, nouns))}
		if ab := acronym(name); ab != "" && g.rng.IntN(10) < 6 && !used[strings.ToLower(ab)] {
			used[strings.ToLower(ab)] = true
			t.Abbreviations = []string{ab}
		}
		for range g.rng.IntN(4) {
			syn := pick(g, adjs) + " " + name
			if !used[syn] {
				used[syn] = true
				t.Synonyms = append(t.Synonyms, syn)
			}
		}
		terms = append(terms, t)
	}
	return terms
}

// acronym returns the initials of a name of two words or more.
func acronym(name string) string {
	words := strings.Fields(name)
	if len(words) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range words {
		if c := w[0]; c >= 'a' && c <= 'z' {
			b.WriteByte(c - 'a' + 'A')
		}
	}
	return b.String()
}

// glossaryNames lists every name of every term.
func glossaryNames(terms []rehearse.Term) []string {
	var names []string
	for _, t := range terms {
		names = append(names, t.Names()...)
	}
	return names
}

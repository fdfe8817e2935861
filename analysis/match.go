package analysis

import (
	"iter"
	"strings"
)

// phrase is a cue phrase compiled to the stems of its words.
type phrase struct {
	text    string
	stems   []string // every word's stem, in order
	content []string // stems that are not stop words, for the unordered match
}

// compilePhrase turns a cue phrase into stems. Phrases made only of stop
// words are dropped: they would fire on any answer.
func compilePhrase(s string) (phrase, bool) {
	t := Parse(s)
	p := phrase{text: s}
	for _, tok := range t.Tokens {
		p.stems = append(p.stems, tok.Stem)
		if !isStopWord(tok.Lower) {
			p.content = append(p.content, tok.Stem)
		}
	}
	return p, len(p.content) > 0
}

// match is one place in the answer where a phrase was found.
type match struct {
	first, last int // token indexes, inclusive
	negated     bool
}

// answer is the per-analysis view of the text that matching works on.
type answer struct {
	*Text
	canon  []string       // stem of each token, or the cue word a typo was mapped to
	head   map[string]int // canon -> index of its first token
	next   []int          // token index -> next token with the same canon, or -1
	prose  []bool         // per sentence: reads as language, not a keyword list
	negate []bool         // per token: inside the scope of a negation
}

// at yields, in order, the indexes of the tokens whose canon is s.
func (a *answer) at(s string) iter.Seq[int] {
	return func(yield func(int) bool) {
		i, ok := a.head[s]
		for ok && i >= 0 {
			if !yield(i) {
				return
			}
			i = a.next[i]
		}
	}
}

// window is how far apart (in tokens beyond the phrase length) the words of
// a phrase may stand when they come in another order.
const window = 5

// find returns the places where p occurs: its words in order, or all its
// content words within one sentence and a short window, in any order.
func (a *answer) find(p phrase) []match {
	var out []match
	seen := map[int]bool{}
	for i := range a.at(p.stems[0]) {
		if a.contiguous(p, i) && a.caseOK(p, i) {
			out = append(out, a.newMatch(i, i+len(p.stems)-1))
			seen[i] = true
		}
	}
	if len(p.content) < 2 {
		return out
	}
	for i := range a.at(p.content[0]) {
		if seen[i] {
			continue
		}
		if first, last, ok := a.unordered(p, i); ok {
			out = append(out, a.newMatch(first, last))
		}
	}
	return out
}

// caseOK requires a one-word abbreviation of up to three letters written
// in capitals in the pack ("PA", "ER") to be in capitals in the answer too,
// so that ordinary words and fragments do not match it.
func (a *answer) caseOK(p phrase, i int) bool {
	if len(p.stems) != 1 || len(p.text) > 3 || strings.ToUpper(p.text) != p.text || strings.ToLower(p.text) == p.text {
		return true
	}
	return a.Raw[a.Tokens[i].Start:a.Tokens[i].End] == p.text
}

// newMatch records a match; it is negated when a negation before the
// phrase reaches its first word. A negation word inside the phrase itself
// ("no questions", "never late") is part of what the cue says.
func (a *answer) newMatch(first, last int) match {
	return match{first: first, last: last, negated: a.negate[first]}
}

func (a *answer) contiguous(p phrase, i int) bool {
	if i+len(p.stems) > len(a.canon) {
		return false
	}
	sent := a.Tokens[i].Sentence
	for k, s := range p.stems {
		if a.canon[i+k] != s || a.Tokens[i+k].Sentence != sent {
			return false
		}
	}
	return true
}

// unordered looks for every content word of p near token i, in the same
// sentence.
func (a *answer) unordered(p phrase, i int) (int, int, bool) {
	sent := a.Tokens[i].Sentence
	span := len(p.stems) + window
	first, last := i, i
	for _, s := range p.content[1:] {
		found := false
		for j := range a.at(s) {
			if a.Tokens[j].Sentence == sent && j-i <= span && i-j <= span {
				found = true
				first, last = min(first, j), max(last, j)
				break
			}
		}
		if !found {
			return 0, 0, false
		}
	}
	return first, last, last-first < span
}

// negationTriggers start a negation scope that covers the next few words of
// the sentence (after NegEx, Chapman et al. 2001).
var negationTriggers = setOf("no", "not", "never", "without", "dont", "didnt", "doesnt", "wasnt", "werent",
	"havent", "hasnt", "hadnt", "cant", "cannot", "couldnt", "wont", "wouldnt", "shouldnt", "neither", "nor",
	"nobody", "nothing", "none", "isnt", "arent", "aint", "failed", "refused", "stopped", "skipped")

// negationEnds close a negation scope early.
var negationEnds = setOf("but", "however", "although", "though", "yet", "except", "instead", "until", "so", "because", "and")

// negationScope is how many words after a trigger it covers.
const negationScope = 5

// markNegation sets a.negate for tokens in the scope of a trigger.
func (a *answer) markNegation() {
	a.negate = make([]bool, len(a.Tokens))
	for i, t := range a.Tokens {
		if !t.is(clsNegTrigger) || t.End < len(a.Raw) && a.Raw[t.End] == '-' {
			continue // "no-show" is a noun, not a negation
		}
		for j := i + 1; j < len(a.Tokens) && j <= i+negationScope; j++ {
			if a.Tokens[j].Sentence != t.Sentence || a.Tokens[j].is(clsNegEnd) {
				break
			}
			a.negate[j] = true
		}
	}
}

// markProse decides, per sentence, whether it reads as language: enough
// words and some function words. A list of nouns ("EHR, HIPAA, billing")
// does not, and phrases found there earn nothing.
func (a *answer) markProse() {
	a.prose = make([]bool, len(a.Sentences))
	for i, s := range a.Sentences {
		stop := 0
		for _, t := range a.Tokens[s.First : s.First+s.N] {
			if t.is(clsStop) && !(t.End < len(a.Raw) && a.Raw[t.End] == '-') {
				stop++ // "no" of "no-show" is part of a noun
			}
		}
		a.prose[i] = s.N >= 4 && stop >= 1 && float64(stop)/float64(s.N) >= 0.12
	}
}

// newAnswer prepares a parsed text for matching against the given cue
// vocabulary: typos of cue words (one edit, words of six letters or more)
// are mapped to the cue word.
func newAnswer(t *Text, vocab *vocabulary) *answer {
	a := &answer{Text: t, canon: make([]string, len(t.Tokens)), head: make(map[string]int, len(t.Tokens)), next: make([]int, len(t.Tokens))}
	for i, tok := range t.Tokens {
		c := tok.Stem
		if !vocab.stems[c] && len(tok.Lower) >= 6 && !tok.Number {
			if fixed, ok := vocab.correct(tok.Lower); ok {
				c = fixed
			}
		}
		a.canon[i] = c
	}
	for i := len(t.Tokens) - 1; i >= 0; i-- {
		c := a.canon[i]
		if h, ok := a.head[c]; ok {
			a.next[i] = h
		} else {
			a.next[i] = -1
		}
		a.head[c] = i
	}
	a.markNegation()
	a.markProse()
	return a
}

// vocabulary is the set of cue words of a question, for typo correction.
type vocabulary struct {
	stems  map[string]bool
	byHead map[string][]vocabWord // first letter + length bucket -> words
}

type vocabWord struct {
	lower, stem string
}

func newVocabulary() *vocabulary {
	return &vocabulary{stems: map[string]bool{}, byHead: map[string][]vocabWord{}}
}

func (v *vocabulary) add(p phrase) {
	t := Parse(p.text)
	for _, tok := range t.Tokens {
		v.stems[tok.Stem] = true
		if len(tok.Lower) >= 6 && !tok.Number {
			key := tok.Lower[:1]
			v.byHead[key] = append(v.byHead[key], vocabWord{tok.Lower, tok.Stem})
		}
	}
}

// correct maps a misspelt word to the cue word one edit away, if any.
func (v *vocabulary) correct(w string) (string, bool) {
	for _, c := range v.byHead[w[:1]] {
		if d := len(c.lower) - len(w); d >= -1 && d <= 1 && oneEdit(w, c.lower) {
			return c.stem, true
		}
	}
	return "", false
}

// oneEdit reports whether a and b differ by exactly one insertion,
// deletion, substitution or swap of neighbouring letters.
func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	switch {
	case len(a) == len(b):
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] // swap
	default:
		return a[i:] == b[i+1:] // insertion into a
	}
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// stopWords are English function words. They make a sentence read as
// language and never count as evidence on their own.
var stopWords = setOf(strings.Fields(`a about above after again against all am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself
no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that
the their theirs them themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves im ive id ill weve were
dont didnt wasnt its thats theres lets also then first next after`)...)

func isStopWord(w string) bool { return stopWords[w] }

package analysis

import (
	"slices"
	"strings"
	"sync"
)

// phrase is a cue phrase compiled to the stems of its words.
type phrase struct {
	text    string
	stems   []key // every word's stem, in order
	content []key // stems that are not stop words, for the unordered match
	negates bool  // a word of the phrase is a negation ("no questions", "didn't check")
}

// compilePhrase turns a cue phrase into stems. Phrases made only of stop
// words are dropped: they would fire on any answer.
func compilePhrase(s string) (phrase, bool) {
	t := Parse(s)
	p := phrase{text: s}
	for i := range t.Tokens {
		tok := &t.Tokens[i]
		p.stems = append(p.stems, tok.key())
		// "no-show" is a noun, not a negation.
		p.negates = p.negates || isNegation(tok, s)
		if !isStopWord(tok.Lower) {
			p.content = append(p.content, tok.key())
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
// Answers are recycled through answerPool: a Result keeps no reference to
// one (spans hold substrings of the answer, words come from the cache).
type answer struct {
	*Text
	// canon numbers each token's canon: its stem, or the cue word a typo
	// was mapped to.
	canon []int32
	// The canons of the answer are numbered in order of first use; slots
	// is an open-addressing table from a canon's hash to its number + 1.
	slots []int32
	// bits has a bit set for each canon's hash (its top 12 bits): most
	// words a phrase is looked up by are not in the answer, and one bit in
	// 512 bytes answers that without probing slots and keys.
	bits   [64]uint64
	keys   []key   // canon number -> canon
	heads  []int32 // canon number -> index of its first token
	tails  []int32 // canon number -> index of its last token
	counts []int32 // canon number -> how many tokens have it
	next   []int32 // token index -> next token with the same canon, or -1
	prose  []bool  // per sentence: reads as language, not a keyword list
	negate []bool  // per token: inside the scope of a negation

	// Scratch space reused by the checks of one analysis.
	matches     []match
	sentences   []int
	spans       []Span
	numbers     []Span
	times       []Span
	systems     []Span
	terms       []int   // sentences with glossary terms
	fingerprint []byte  // what compile hashes
	termMarks   []bool  // per glossary term: may be in the answer
	seen        []bool  // per sentence
	marks       []uint8 // per sentence: bits of the structure checks (STAR parts, examples)
	own         Text
}

var answerPool = sync.Pool{New: func() any { return new(answer) }}

// first returns the index of the first token whose canon is k, or -1; the
// next ones follow through a.next.
func (a *answer) first(k key) int {
	if id := a.id(k); id >= 0 {
		return int(a.heads[id])
	}
	return -1
}

// canonOf returns the canon of token i.
func (a *answer) canonOf(i int) key { return a.keys[a.canon[i]] }

// id returns the number of canon k in this answer, or -1.
func (a *answer) id(k key) int32 {
	if b := k.h >> 52; a.bits[b>>6]&(1<<(b&63)) == 0 {
		return -1
	}
	mask := uint64(len(a.slots) - 1)
	for j := k.h & mask; ; j = (j + 1) & mask {
		id := a.slots[j] - 1
		if id < 0 || a.keys[id] == k {
			return id
		}
	}
}

// add numbers canon k, which must be new, and returns its number.
func (a *answer) add(k key) int32 {
	id := int32(len(a.keys))
	a.keys = append(a.keys, k)
	mask := uint64(len(a.slots) - 1)
	j := k.h & mask
	for a.slots[j] != 0 {
		j = (j + 1) & mask
	}
	a.slots[j] = id + 1
	b := k.h >> 52
	a.bits[b>>6] |= 1 << (b & 63)
	return id
}

// anchor returns where to look for p's words in order: the first token of
// the word of p that is rarest in the answer, and that word's place in p.
// It returns -1 when a word of p is not in the answer at all. Walking the
// rarest word's tokens finds the same places, in the same order, as
// walking the first word's, in fewer steps.
func (a *answer) anchor(p *phrase) (first, k int) {
	first, k = -1, 0
	var fewest int32
	for n := range p.stems {
		id := a.id(p.stems[n])
		if id < 0 {
			return -1, 0
		}
		if first < 0 || a.counts[id] < fewest {
			first, k, fewest = int(a.heads[id]), n, a.counts[id]
		}
	}
	return first, k
}

// window is how far apart (in tokens beyond the phrase length) the words of
// a phrase may stand when they come in another order.
const window = 5

// wideWindow replaces window for cues of three content words or more.
const wideWindow = 7

// find appends to out the places where p occurs: its words in order, or
// all its content words within one sentence and a short window, in any
// order.
func (a *answer) find(p *phrase, out []match) []match { return a.findIn(p, out, false) }

// findClause is find for red flags, where a false alarm accuses a good
// answer: words out of order must stand in one clause (no comma, colon,
// dash or bracket between them), and such a match is negated when any of
// its words is in a negation's scope ("the notes weren't signed" does not
// say "signed the notes for them"); a cue with a negation of its own
// matches only in order.
func (a *answer) findClause(p *phrase, out []match) []match { return a.findIn(p, out, true) }

func (a *answer) findIn(p *phrase, out []match, oneClause bool) []match {
	n := len(out)
	for j, k := a.anchor(p); j >= 0; j = int(a.next[j]) {
		if i := j - k; i >= 0 && a.contiguous(p, i) && a.caseOK(p, i) {
			out = append(out, a.newMatch(i, i+len(p.stems)-1))
		}
	}
	// Out of order, a cue's small words need not be there, and a red flag
	// without its negation says the opposite ("no big deal" in "it was a
	// big deal"): one with a negation matches only in order. (A talking
	// point's keeps the unordered match: on the development sets, in
	// order only lost six points that strong answers made.)
	if len(p.content) < 2 || oneClause && p.negates {
		return out
	}
	for _, s := range p.content {
		if a.id(s) < 0 {
			return out // a word of the cue is not in the answer at all
		}
	}
	ordered := out[n:]
	for i := a.first(p.content[0]); i >= 0; i = int(a.next[i]) {
		if startsMatch(ordered, i) {
			continue
		}
		first, last, ok := a.unordered(p, i)
		if !ok {
			continue
		}
		m := a.newMatch(first, last)
		if oneClause {
			if a.crossesClause(first, last) {
				continue
			}
			m.negated = m.negated || a.anyNegated(first, last) // p.negates is false here
		}
		out = append(out, m)
	}
	return out
}

// isNegation reports a negation trigger t of text raw; "no-show" is a
// noun, not a negation.
func isNegation(t *Token, raw string) bool {
	return t.is(clsNegTrigger) && !(t.End < len(raw) && raw[t.End] == '-')
}

// negationVerbs are the negation triggers that negate only what follows
// closely ("failed to verify"), not a whole sentence.
var negationVerbs = setOf("failed", "refused", "stopped", "skipped")

// negationBefore reports a negation word earlier in token i's sentence.
func (a *answer) negationBefore(i int) bool {
	sent := a.Tokens[i].Sentence
	for j := i - 1; j >= 0 && a.Tokens[j].Sentence == sent; j-- {
		t := &a.Tokens[j]
		if !isNegation(t, a.Raw) {
			continue
		}
		if negationVerbs[t.Lower] {
			continue // "the templates failed because..." negates nothing far off
		}
		if j+1 < len(a.Tokens) && clauseBreak(a.Raw[t.End:a.Tokens[j+1].Start]) {
			continue // "No, I think we covered everything." answers no
		}
		return true
	}
	return false
}

// contrastScope is how many words after "instead of" or "rather than" what
// they set aside may start.
const contrastScope = 3

// setAside reports token i standing just after "instead of" or "rather
// than" in the same clause: "I'd call the payer rather than bill the
// patient the full amount" sets the billing aside.
func (a *answer) setAside(i int) bool {
	for j := i - 1; j >= 1 && j >= i-contrastScope; j-- {
		if clauseBreak(a.Raw[a.Tokens[j].End:a.Tokens[j+1].Start]) {
			return false
		}
		w, prev := a.Tokens[j].Lower, a.Tokens[j-1].Lower
		if w == "of" && prev == "instead" || w == "than" && prev == "rather" {
			return a.Tokens[j-1].Sentence == a.Tokens[i].Sentence
		}
	}
	return false
}

// crossesClause reports a clause break between tokens first and last.
func (a *answer) crossesClause(first, last int) bool {
	for k := first + 1; k <= last; k++ {
		if clauseBreak(a.Raw[a.Tokens[k-1].End:a.Tokens[k].Start]) {
			return true
		}
	}
	return false
}

// anyNegated reports a token from first to last in a negation's scope.
func (a *answer) anyNegated(first, last int) bool {
	return slices.Contains(a.negate[first:last+1], true)
}

// mentionsAny reports whether one of ps occurs in the answer, negated or
// not ("I have never had a needlestick" is about needlesticks).
func (a *answer) mentionsAny(ps []phrase) bool {
	for i := range ps {
		a.matches = a.find(&ps[i], a.matches[:0])
		if len(a.matches) > 0 {
			return true
		}
	}
	return false
}

// startsMatch reports whether one of ms starts at token i.
func startsMatch(ms []match, i int) bool {
	for _, m := range ms {
		if m.first == i {
			return true
		}
	}
	return false
}

// caseOK requires a one-word abbreviation of up to three letters written
// in capitals in the pack ("PA", "ER") to be in capitals in the answer too,
// so that ordinary words and fragments do not match it.
func (a *answer) caseOK(p *phrase, i int) bool {
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

func (a *answer) contiguous(p *phrase, i int) bool {
	if i+len(p.stems) > len(a.canon) {
		return false
	}
	// Sentences follow token order: the phrase is in one sentence when its
	// first and last words are.
	last := i + len(p.stems) - 1
	if a.Tokens[last].Sentence != a.Tokens[i].Sentence {
		return false
	}
	for k := len(p.stems) - 1; k >= 0; k-- {
		if a.keys[a.canon[i+k]] != p.stems[k] {
			return false
		}
	}
	return true
}

// unordered looks for every content word of p near token i, in the same
// sentence.
func (a *answer) unordered(p *phrase, i int) (int, int, bool) {
	sent := a.Tokens[i].Sentence
	span := len(p.stems) + window
	if len(p.content) >= 3 {
		span += wideWindow - window // a longer cue is specific enough to allow more words between
	}
	first, last := i, i
	var chosen [8]int
	used := append(chosen[:0], i) // a word twice in the cue needs two tokens
	for _, s := range p.content[1:] {
		found := false
		for j := a.first(s); j >= 0; j = int(a.next[j]) {
			if a.Tokens[j].Sentence == sent && j-i <= span && i-j <= span && !slices.Contains(used, j) {
				found = true
				used = append(used, j)
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

// pseudoNegations, right after a trigger, make it no negation of what
// follows (NegEx's pseudo-negations): "not only", "not sure", "not great
// at", "no longer".
var pseudoNegations = setOf("only", "just", "great", "good", "very", "always", "comfortable", "confident",
	"strong", "sure", "necessarily", "perfect", "afraid", "easy", "longer", "matter", "doubt", "problem")

// negationEnds close a negation scope early.
var negationEnds = setOf("but", "however", "although", "though", "yet", "except", "instead", "until", "so", "because", "and")

// clauseBreak reports whether the text between two words ends a clause
// (a comma, semicolon, colon, dash or bracket), which ends a negation's
// scope: "because it wasn't encrypted, it counts as unsecured PHI".
func clauseBreak(gap string) bool {
	return strings.ContainsAny(gap, ",;:()—–") || strings.Contains(gap, " - ")
}

// negationScope is how many words after a trigger it covers.
const negationScope = 5

// markNegation sets a.negate for tokens in the scope of a trigger.
func (a *answer) markNegation() {
	a.negate = resize(a.negate, len(a.Tokens))
	clear(a.negate)
	if a.stats.classes&clsNegTrigger == 0 {
		return
	}
	for i := range a.Tokens {
		t := &a.Tokens[i]
		if !isNegation(t, a.Raw) {
			continue
		}
		if i+1 < len(a.Tokens) && a.Tokens[i+1].is(clsPseudoNeg) {
			continue // "not great at delegating" names delegating
		}
		for j := i + 1; j < len(a.Tokens) && j <= i+negationScope; j++ {
			if a.Tokens[j].Sentence != t.Sentence || a.Tokens[j].is(clsNegEnd) || clauseBreak(a.Raw[a.Tokens[j-1].End:a.Tokens[j].Start]) {
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
	a.prose = resize(a.prose, len(a.Sentences))
	n := 0
	for i, s := range a.Sentences {
		a.prose[i] = s.N >= 4 && s.stop >= 1 && float64(s.stop)/float64(s.N) >= 0.12
		if a.prose[i] {
			n++
		}
	}
	if 2*n < len(a.Sentences) {
		return
	}
	// In an answer that is mostly prose, a short fragment next to a real
	// sentence is speech ("Public speaking. In front of a group I rush."),
	// not a keyword list.
	real := a.sentenceSet()
	copy(real, a.prose)
	for i, s := range a.Sentences {
		if !real[i] && s.N <= maxFragment && (i > 0 && real[i-1] || i+1 < len(real) && real[i+1]) {
			a.prose[i] = true
		}
	}
}

// maxFragment is the most words a sentence fragment has: "Public speaking."
// or a veteran's terse "Compliance sweep: SRA date, BAAs on file, LEIE
// screening." (probe answers of 2026-11-27: recall 0.988 -> 0.992 at 12
// words, from 6, with no precision lost on any set). Longer runs of words
// without the small words of a sentence are keyword lists.
const maxFragment = 12

// resize returns s with length n, reusing its array when it is big enough.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// index prepares a.Text for matching against the given cue vocabulary:
// typos of cue words (one edit, words of six letters or more that are not
// English words themselves) are mapped to the cue word.
func (a *answer) index(vocab *vocabulary) {
	t := a.Text
	n := len(t.Tokens)
	a.canon = resize(a.canon, n)
	a.next = resize(a.next, n)
	size := 64
	for size < 2*n {
		size *= 2
	}
	a.slots = resize(a.slots, size)
	clear(a.slots)
	a.bits = [64]uint64{}
	a.keys, a.heads, a.tails, a.counts = a.keys[:0], a.heads[:0], a.tails[:0], a.counts[:0]
	for i := range t.Tokens {
		tok := &t.Tokens[i]
		c := tok.key()
		if len(tok.Lower) >= 6 && !tok.Number && !vocab.stems.has(c) && len(tok.Lower) == tok.End-tok.Start {
			if fixed, ok := vocab.correct(tok.Lower); ok && !isWord(tok.Lower) {
				c = fixed
			}
		}
		a.next[i] = -1
		if id := a.id(c); id >= 0 {
			a.canon[i] = id
			a.next[a.tails[id]] = int32(i)
			a.tails[id] = int32(i)
			a.counts[id]++
			continue
		}
		a.canon[i] = a.add(c)
		a.heads = append(a.heads, int32(i))
		a.tails = append(a.tails, int32(i))
		a.counts = append(a.counts, 1)
	}
	a.markNegation()
	a.markProse()
}

// prepare parses text into a, an answer from answerPool; release returns
// it.
func (a *answer) prepare(text string, vocab *vocabulary) {
	if a.own.recent == nil {
		a.own.recent = new([recentSlots]*wordInfo)
	}
	a.own.parse(text)
	a.Text = &a.own
	a.index(vocab)
}

// release returns a to the pool.
func (a *answer) release() {
	a.Text = nil
	a.own.Raw = ""
	answerPool.Put(a)
}

// vocabulary is the set of cue words of a question, for typo correction.
type vocabulary struct {
	stems  keySet
	byHead [256][]vocabWord // first byte -> words of six letters or more
}

// keySet is a set of stems looked up by their precomputed hash: an
// open-addressing table, at most half full.
type keySet struct {
	slots []key // zero key: empty
	n     int
}

func (s *keySet) add(k key) {
	if s.has(k) {
		return
	}
	if 2*(s.n+1) > len(s.slots) {
		old := s.slots
		s.slots, s.n = make([]key, max(16, 2*len(old))), 0
		for _, o := range old {
			if o != (key{}) {
				s.add(o)
			}
		}
	}
	mask := uint64(len(s.slots) - 1)
	j := k.h & mask
	for s.slots[j] != (key{}) {
		j = (j + 1) & mask
	}
	s.slots[j] = k
	s.n++
}

func (s *keySet) has(k key) bool {
	if len(s.slots) == 0 {
		return false
	}
	mask := uint64(len(s.slots) - 1)
	for j := k.h & mask; ; j = (j + 1) & mask {
		switch s.slots[j] {
		case k:
			return true
		case key{}:
			return false
		}
	}
}

type vocabWord struct {
	lower string
	stem  key
}

func newVocabulary() *vocabulary {
	return &vocabulary{}
}

func (v *vocabulary) add(p phrase) {
	t := Parse(p.text)
	for i := range t.Tokens {
		tok := &t.Tokens[i]
		v.stems.add(tok.key())
		if len(tok.Lower) >= 6 && !tok.Number {
			first := tok.Lower[0]
			v.byHead[first] = append(v.byHead[first], vocabWord{tok.Lower, tok.key()})
		}
	}
}

// correct maps a misspelt word to the cue word one edit away, if any.
func (v *vocabulary) correct(w string) (key, bool) {
	for _, c := range v.byHead[w[0]] {
		if d := len(c.lower) - len(w); d >= -1 && d <= 1 && oneEdit(w, c.lower) {
			return c.stem, true
		}
	}
	return key{}, false
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

package analysis

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// Token is one word or number of a text, with its byte offsets so that
// evidence can point into the original text.
type Token struct {
	Start, End int    // byte offsets in the text
	Lower      string // lowercased, apostrophes dropped ("don't" -> "dont")
	Stem       string // Porter2 stem of Lower
	Sentence   int    // index of the sentence holding the token
	Number     bool   // made of digits (with , . % allowed)
	Class      class  // word classes, looked up once per distinct word
	hash       uint64 // hash of Stem, for the per-answer index
}

// key is a stem with its hash, worked out once per distinct word or cue
// word, so that the per-answer index never hashes strings.
type key struct {
	h uint64
	s string
}

// key returns the key of the token's stem.
func (t *Token) key() key { return key{h: t.hash, s: t.Stem} }

// hashString is 64-bit FNV-1a, finished like MurmurHash3: deterministic, and run only when a word or
// cue is first seen.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	// Mix the high bits into the low ones, which index the tables.
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// class is a set of word classes (stop word, negation trigger, ...).
type class uint64

// Word classes.
const (
	clsStop class = 1 << iota
	clsNegTrigger
	clsNegEnd
	clsNumberWord
	clsTimeUnit
	clsTimeLead
	clsSystem
	clsSystemHead // first word of a two-word system name
	clsImprove
	clsClinical
	clsForeignStop
	clsImplausible
	clsNumber       // digits, with , . % allowed
	clsDigit        // holds a digit
	clsFirstPerson  // "i", "me", "my"... (delivery counts them)
	clsFirstPlural  // "we", "us", "our"...
	clsIWe          // exactly "i" or "we", which start an action
	clsPseudoNeg    // after a negation trigger, undoes it ("not only")
	clsPast         // a past-tense verb (structure.go)
	clsTriggerShift // trigger bits (flags.go) start here
)

// is reports whether the token has all classes in c.
func (t Token) is(c class) bool { return t.Class&c == c }

// Sentence is a span of the text that ends with . ! ? or a line break.
type Sentence struct {
	Start, End int    // byte offsets
	First, N   int    // first token index and token count
	bits       uint32 // trigger bits of its words (flags.go)
	classes    class  // classes of its words, together
	stop       int    // function words, not counting "no" of "no-show"
}

// Text is an analysed text: its tokens and sentences.
type Text struct {
	Raw       string
	Tokens    []Token
	Sentences []Sentence
	stats     textStats
	// recent remembers, in a text that is reused, the last word seen in
	// each of its slots: answers repeat their words, and a hit here is
	// cheaper than the shared cache. Entries stay valid across texts.
	recent *[recentSlots]*wordInfo
}

const recentSlots = 512

// word returns what is known about the word w, through t.recent.
func (t *Text) word(w string) *wordInfo {
	if t.recent == nil || len(w) > maxWordLen {
		return lookup(w)
	}
	slot := (uint(len(w))*131 + uint(w[0])*31 + uint(w[len(w)-1])*7 + uint(w[len(w)/2])) % recentSlots
	if info := t.recent[slot]; info != nil && info.word == w {
		return info
	}
	info := lookup(w)
	t.recent[slot] = info
	return info
}

// textStats are counts over all tokens, gathered while parsing so that the
// checks which need them do not walk the tokens again.
type textStats struct {
	stop, foreign, implausible int  // tokens of these classes
	digits                     int  // digits (and , . %) in number tokens
	digitGroups                bool // tokens that could hold a phone number or date
	bits                       uint32
	classes                    class
}

// wordInfo is what the engine knows about a distinct word as written.
type wordInfo struct {
	word  string // as written (the cache's key)
	lower string // lowercased, apostrophes dropped
	stem  string
	hash  uint64 // of stem
	class class
}

// words caches, per word as written in answers, its lowercase form, stem
// and classes; answers reuse a small vocabulary, so stemming and class
// lookups leave the hot path. Reads go to an immutable snapshot without a
// lock; new words wait in dirty, under the mutex, until the misses (new
// words included) reach a quarter of all the words cached, when a new
// snapshot is built from both. Promoting sooner made warming up quadratic:
// each new word copied the whole snapshot, so indexing the shipped roles
// took 2.3 s instead of 30 ms. It is bounded to keep memory flat under
// adversarial input.
var words = func() *wordCache {
	c := &wordCache{dirty: map[string]*wordInfo{}}
	c.read.Store(&map[string]*wordInfo{})
	return c
}()

type wordCache struct {
	read   atomic.Pointer[map[string]*wordInfo]
	mu     sync.Mutex
	dirty  map[string]*wordInfo
	misses int
	// snapshots counts the snapshots built (for the warm-up test).
	snapshots int
	// stems holds one copy of each stem, so that equal stems of different
	// words share their bytes and compare equal at the first check.
	stems map[string]string
}

const (
	maxWordCache = 50000
	maxWordLen   = 64 // longer words are worked out each time, not cached
)

func lookup(w string) *wordInfo {
	if info, ok := (*words.read.Load())[w]; ok {
		return info
	}
	if len(w) > maxWordLen {
		return newWordInfo(w)
	}
	return words.miss(w)
}

// miss finds or adds a word that is not in the snapshot.
func (c *wordCache) miss(w string) *wordInfo {
	c.mu.Lock()
	defer c.mu.Unlock()
	read := *c.read.Load()
	if info, ok := read[w]; ok {
		return info
	}
	info, ok := c.dirty[w]
	if !ok {
		if len(read)+len(c.dirty) >= maxWordCache {
			read = map[string]*wordInfo{}
			c.read.Store(&read)
			c.dirty = map[string]*wordInfo{}
			c.stems = nil
		}
		info = newWordInfo(strings.Clone(w))
		if c.stems == nil {
			c.stems = map[string]string{}
		}
		if stem, ok := c.stems[info.stem]; ok {
			info.stem = stem
		} else {
			c.stems[info.stem] = info.stem
		}
		c.dirty[info.word] = info
	}
	if c.misses++; c.misses > (len(read)+len(c.dirty))/4 {
		next := make(map[string]*wordInfo, len(read)+len(c.dirty))
		for k, v := range read {
			next[k] = v
		}
		for k, v := range c.dirty {
			next[k] = v
		}
		c.read.Store(&next)
		c.dirty, c.misses = map[string]*wordInfo{}, 0
		c.snapshots++
	}
	return info
}

// newWordInfo works out the lowercase form, stem and classes of a word as
// written.
func newWordInfo(w string) *wordInfo {
	lower := w
	if strings.IndexByte(lower, '\'') >= 0 || strings.Contains(lower, "’") {
		lower = strings.NewReplacer("'", "", "’", "").Replace(lower)
	}
	lower = strings.Clone(strings.ToLower(lower))
	info := &wordInfo{word: w, lower: lower, stem: lower, class: classify(lower)}
	if isNumber(lower) && strings.HasSuffix(lower, "%") {
		info.stem = "percent" // "20%" says "percent" too
	} else if base, ok := irregularForms[lower]; ok {
		info.stem = english.Stem(base, true)
	} else if base, ok := abbreviationPlural(w); ok {
		info.stem = english.Stem(strings.ToLower(base), true) // "KPIs" is "KPI"
	} else if len(lower) <= 40 && !isNumber(lower) {
		info.stem = english.Stem(lower, true)
		if len(info.stem) < 2 {
			info.stem = lower // "aed" would stem to "a" and match every "a"
		}
	}
	info.hash = hashString(info.stem)
	return info
}

// abbreviationPlural returns the singular of an abbreviation written in
// capitals with a plural "s" ("KPIs", "RVUs", "wRVUs", "EOBs"), which the
// stemmer would leave as a different word.
func abbreviationPlural(w string) (string, bool) {
	if len(w) < 3 || w[len(w)-1] != 's' {
		return "", false
	}
	base, upper := w[:len(w)-1], 0
	for i := 0; i < len(base); i++ {
		switch c := base[i]; {
		case 'A' <= c && c <= 'Z':
			upper++
		case i == 0 && 'a' <= c && c <= 'z': // the w of wRVUs
		default:
			return "", false
		}
	}
	return base, upper >= 2
}

// Parse splits s into tokens and sentences. Words are runs of letters and
// digits, joined across an inner apostrophe ("don't"), hyphen
// ("follow-up" gives "follow" and "up") or, for numbers, "." "," and a
// trailing "%".
func Parse(s string) *Text {
	t := &Text{Tokens: make([]Token, 0, len(s)/5)}
	t.parse(s)
	return t
}

// asciiWord marks the ASCII bytes that make words: letters and digits.
var asciiWord = func() (w [256]bool) {
	for c := range utf8.RuneSelf {
		w[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return w
}()

// parse fills t from s, reusing t's slices.
func (t *Text) parse(s string) {
	t.Raw, t.Tokens, t.Sentences, t.stats = s, t.Tokens[:0], t.Sentences[:0], textStats{}
	var sent Sentence // the sentence being read
	digitRun := 0     // consecutive tokens holding a digit
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !asciiWord[c] {
				switch {
				case c == '.' || c == '!' || c == '?':
					if !(c == '.' && abbreviationBefore(s, i)) {
						t.endSentence(&sent, i+1)
					}
				case c == '\n':
					if i+1 < len(s) && s[i+1] == '\n' || lineIsList(s, i) {
						t.endSentence(&sent, i+1)
					}
				}
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				i += size
				continue
			}
		}
		// Plain ASCII words ending at a space are read here; the rest by
		// wordEnd, which knows the joining rules.
		end := i
		for end < len(s) && asciiWord[s[end]] {
			end++
		}
		if end == i || end < len(s) && s[end] != ' ' {
			end = wordEnd(s, i)
		}
		info := t.word(s[i:end])
		cls := info.class
		if len(t.Tokens) == cap(t.Tokens) {
			t.Tokens = slices.Grow(t.Tokens, 1)
		}
		t.Tokens = t.Tokens[:len(t.Tokens)+1]
		tok := &t.Tokens[len(t.Tokens)-1]
		tok.Start, tok.End, tok.Lower, tok.Stem = i, end, info.lower, info.stem
		tok.Class, tok.Sentence, tok.Number, tok.hash = cls, len(t.Sentences), cls&clsNumber != 0, info.hash
		bits := cls.triggerBits()
		sent.bits |= bits
		sent.classes |= cls
		t.stats.classes |= cls
		t.stats.bits |= bits
		if cls&(clsStop|clsForeignStop|clsImplausible|clsNumber|clsDigit) != 0 {
			if cls&clsStop != 0 {
				t.stats.stop++
				if !(end < len(s) && s[end] == '-') {
					sent.stop++ // "no" of "no-show" is part of a noun
				}
			}
			if cls&clsForeignStop != 0 {
				t.stats.foreign++
			}
			if cls&clsImplausible != 0 {
				t.stats.implausible++
			}
			if cls&clsNumber != 0 {
				t.stats.digits += len(info.lower)
			}
		}
		if cls&clsDigit != 0 {
			// Phone numbers and dates are three groups of digits: in
			// three tokens, or fewer joined by ".".
			if digitRun++; digitRun >= 3 || strings.IndexByte(s[i:end], '.') >= 0 {
				t.stats.digitGroups = true
			}
		} else {
			digitRun = 0
		}
		i = end
	}
	t.endSentence(&sent, len(s))
}

// endSentence closes the sentence being read at end and starts the next.
func (t *Text) endSentence(sent *Sentence, end int) {
	if len(t.Tokens) > sent.First {
		sent.End, sent.N = end, len(t.Tokens)-sent.First
		t.Sentences = append(t.Sentences, *sent)
	}
	*sent = Sentence{Start: end, First: len(t.Tokens)}
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wordEnd returns the end of the word that starts at i.
func wordEnd(s string, i int) int {
	j := i
	for j < len(s) && asciiWord[s[j]] {
		j++
	}
	if j == len(s) || s[j] == ' ' {
		return j // the common case: a plain word ends at a space
	}
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf && asciiWord[c] {
			j++
			continue
		}
		r, size := rune(s[j]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[j:])
		}
		if isWordRune(r) {
			j += size
			continue
		}
		// Join "don't", "12,500", "3.5", and keep "12%" whole.
		if (r == '\'' || r == '’' || r == ',' || r == '.') && j+size < len(s) {
			next, _ := utf8.DecodeRuneInString(s[j+size:])
			prev, _ := utf8.DecodeLastRuneInString(s[:j])
			if r == '\'' || r == '’' {
				if unicode.IsLetter(next) && unicode.IsLetter(prev) {
					j += size
					continue
				}
			} else if unicode.IsDigit(next) && unicode.IsDigit(prev) {
				j += size
				continue
			}
		}
		if r == '%' {
			prev, _ := utf8.DecodeLastRuneInString(s[:j])
			if unicode.IsDigit(prev) {
				j += size
			}
		}
		break
	}
	return j
}

func isNumber(w string) bool {
	digits := 0
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ',' || r == '.' || r == '%':
		default:
			return false
		}
	}
	return digits > 0
}

// abbreviationBefore reports whether the "." at i ends a common
// abbreviation ("Dr.", "e.g.") rather than a sentence.
func abbreviationBefore(s string, i int) bool {
	j := i
	for j > 0 && i-j <= maxAbbreviation {
		if c := s[j-1]; c < utf8.RuneSelf {
			if l := c | 0x20; (l < 'a' || l > 'z') && c != '.' {
				break
			}
			j--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(s[:j])
		if !unicode.IsLetter(r) {
			break
		}
		j -= size
	}
	if i-j > maxAbbreviation {
		return false
	}
	var buf [maxAbbreviation]byte
	for k := j; k < i; k++ {
		c := s[k]
		if c >= utf8.RuneSelf {
			return false // every abbreviation is ASCII
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k-j] = c
	}
	switch string(buf[:i-j]) {
	case "dr", "mr", "mrs", "ms", "e.g", "i.e", "etc", "vs", "approx", "no", "st", "jr":
		return true
	}
	return false
}

// maxAbbreviation is the length of the longest abbreviation above.
const maxAbbreviation = 6

// lineIsList reports whether the line after the newline at i starts a list
// item, so that "1. ..." or "- ..." lines count as sentences.
func lineIsList(s string, i int) bool {
	rest := strings.TrimLeft(s[i+1:], " \t")
	return strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "*") || strings.HasPrefix(rest, "•") ||
		len(rest) > 1 && rest[0] >= '0' && rest[0] <= '9' && (rest[1] == '.' || rest[1] == ')')
}

// Span returns the original text between two token indexes, inclusive.
func (t *Text) Span(first, last int) Span {
	a, b := t.Tokens[first].Start, t.Tokens[last].End
	return Span{Start: a, End: b, Text: t.Raw[a:b]}
}

// SentenceSpan returns sentence n as a span, trimmed of spaces.
func (t *Text) SentenceSpan(n int) Span {
	s := t.Sentences[n]
	a, b := s.Start, s.End
	for a < b && (t.Raw[a] == ' ' || t.Raw[a] == '\n' || t.Raw[a] == '\t' || t.Raw[a] == '\r') {
		a++
	}
	for b > a && (t.Raw[b-1] == ' ' || t.Raw[b-1] == '\n' || t.Raw[b-1] == '\t' || t.Raw[b-1] == '\r') {
		b--
	}
	return Span{Start: a, End: b, Text: t.Raw[a:b]}
}

// Span is a piece of the answer: byte offsets into it and the text there.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// StopWord reports whether the token is an English function word.
func (t Token) StopWord() bool { return t.is(clsStop) }

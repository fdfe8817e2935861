package analysis

import (
	"strings"
	"sync"
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
	clsTriggerShift // trigger bits (flags.go) start here
)

// is reports whether the token has all classes in c.
func (t Token) is(c class) bool { return t.Class&c == c }

// Sentence is a span of the text that ends with . ! ? or a line break.
type Sentence struct {
	Start, End int // byte offsets
	First, N   int // first token index and token count
}

// Text is an analysed text: its tokens and sentences.
type Text struct {
	Raw       string
	Tokens    []Token
	Sentences []Sentence
}

// wordInfo is what the engine knows about a distinct word.
type wordInfo struct {
	stem  string
	class class
}

// words caches the stem and classes of each word seen; answers reuse a
// small vocabulary, so stemming and class lookups leave the hot path. It is
// bounded to keep memory flat under adversarial input.
var words = struct {
	sync.RWMutex
	m map[string]wordInfo
}{m: map[string]wordInfo{}}

const maxWordCache = 50000

func lookup(w string) wordInfo {
	words.RLock()
	info, ok := words.m[w]
	words.RUnlock()
	if ok {
		return info
	}
	info = wordInfo{stem: w, class: classify(w)}
	if len(w) <= 40 && !isNumber(w) {
		info.stem = english.Stem(w, true)
	}
	words.Lock()
	if len(words.m) >= maxWordCache {
		words.m = map[string]wordInfo{}
	}
	words.m[w] = info
	words.Unlock()
	return info
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

// textPool recycles the token and sentence slices of analysed answers; a
// Result keeps no reference to them (spans hold substrings of the answer).
var textPool = sync.Pool{New: func() any { return &Text{} }}

// parse fills t from s, reusing t's slices.
func (t *Text) parse(s string) {
	t.Raw, t.Tokens, t.Sentences = s, t.Tokens[:0], t.Sentences[:0]
	sentStart, sentFirst := 0, 0
	endSentence := func(end int) {
		if len(t.Tokens) > sentFirst {
			t.Sentences = append(t.Sentences, Sentence{Start: sentStart, End: end, First: sentFirst, N: len(t.Tokens) - sentFirst})
		}
		sentFirst = len(t.Tokens)
		sentStart = end
	}
	i := 0
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case isWordRune(r):
			end := wordEnd(s, i)
			lower := s[i:end]
			if strings.IndexByte(lower, '\'') >= 0 || strings.Contains(lower, "’") {
				lower = strings.NewReplacer("'", "", "’", "").Replace(lower)
			}
			lower = strings.ToLower(lower)
			info := lookup(lower)
			tok := Token{Start: i, End: end, Lower: lower, Stem: info.stem, Class: info.class, Sentence: len(t.Sentences), Number: info.class&clsNumber != 0}
			t.Tokens = append(t.Tokens, tok)
			i = end
			continue
		case r == '.' || r == '!' || r == '?':
			if !(r == '.' && abbreviationBefore(s, i)) {
				endSentence(i + size)
			}
		case r == '\n':
			if i+1 < len(s) && s[i+1] == '\n' || lineIsList(s, i) {
				endSentence(i + size)
			}
		}
		i += size
	}
	endSentence(len(s))
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
	for j < len(s) {
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
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		j -= size
	}
	switch strings.ToLower(s[j:i]) {
	case "dr", "mr", "mrs", "ms", "e.g", "i.e", "etc", "vs", "approx", "no", "st", "jr":
		return true
	}
	return false
}

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

package rehearse

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Search limits. Longer queries are refused with a clear message.
const (
	MaxSearchLength = 500
	MaxSearchTerms  = 12
	MaxSearchLimit  = 100
)

// Highlight markers that the stores put around matched words in snippets.
// They are private-use characters that content never contains; the web layer
// escapes the snippet and then turns them into <mark> elements.
const (
	MarkStart = "\uE000"
	MarkEnd   = "\uE001"
)

// SearchQuery is a full-text search request.
type SearchQuery struct {
	Text   string // what the user typed
	Role   string // optional role slug to search within
	Offset int
	Limit  int // 0 means 20
}

// SearchResults is one page of ranked hits.
type SearchResults struct {
	Query   string      `json:"query"`
	Hits    []SearchHit `json:"hits"`
	HasMore bool        `json:"has_more"`
	// Note explains an empty result that is not simply "nothing matched",
	// such as a query made only of exclusions.
	Note string `json:"note,omitempty"`
}

// SearchHit is one question that matched, with snippets in which matched
// words are wrapped in MarkStart and MarkEnd.
type SearchHit struct {
	QuestionID  string       `json:"question_id"`
	Role        string       `json:"role"`
	RoleTitle   string       `json:"role_title"`
	Type        QuestionType `json:"type"`
	Text        string       `json:"text"`
	TextSnippet string       `json:"text_snippet"`
	Snippet     string       `json:"snippet"`
}

// SearchTerm is one parsed element of a query: a word, a prefix ("bill*"),
// a phrase ("\"prior auth\"") or an exclusion ("-dental").
type SearchTerm struct {
	Words  []string // lowercase words; more than one for a phrase
	Prefix bool     // the last word is a prefix
	Negate bool
}

// ParsedQuery is a query broken into terms that a store renders into its
// own full-text syntax. Only letters and digits reach the database, so no
// query can break the search syntax.
type ParsedQuery struct {
	Terms []SearchTerm
}

// StopWords are words too common to search for: PostgreSQL's English list,
// applied before either store sees the query so that both behave alike.
var StopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(stopWords) {
		StopWords[w] = true
	}
}

const stopWords = `i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself they them their theirs themselves what which who whom this that these those am is are was were be been being have has had having do does did doing a an the and but if or because as until while of at by for with about against between into through during before after above below to from up down in out on off over under again further then once here there when where why how all any both each few more most other some such no nor not only own same so than too very s t can will just don should now`

func allStopWords(ws []string) bool {
	for _, w := range ws {
		if !StopWords[w] {
			return false
		}
	}
	return true
}

// Positive reports whether the query has at least one term that is not an
// exclusion.
func (p ParsedQuery) Positive() bool {
	for _, t := range p.Terms {
		if !t.Negate {
			return true
		}
	}
	return false
}

// Normalize checks and completes a search request: it trims the text,
// refuses over-long input, and fills the default page size.
func (q *SearchQuery) Normalize() error {
	q.Text = strings.TrimSpace(strings.ToValidUTF8(q.Text, " "))
	if utf8.RuneCountInString(q.Text) > MaxSearchLength {
		return Errorf(EINVALID, "Search text is limited to %d characters.", MaxSearchLength)
	}
	if q.Offset < 0 {
		return Errorf(EINVALID, "Offset must not be negative.")
	}
	if q.Limit == 0 {
		q.Limit = 20
	}
	if q.Limit < 0 || q.Limit > MaxSearchLimit {
		return Errorf(EINVALID, "Limit must be between 1 and %d.", MaxSearchLimit)
	}
	return nil
}

// ParseQuery breaks user input into search terms. Words are runs of letters
// and digits; terms made only of stop words are dropped; double quotes make a phrase, and so does a hyphenated word
// ("follow-up"); a "-" before a word or phrase excludes it; a trailing "*"
// makes a prefix. Every other character separates words. At most
// MaxSearchTerms terms are kept.
func ParseQuery(s string) ParsedQuery {
	var p ParsedQuery
	s = strings.ToValidUTF8(s, " ")
	for len(p.Terms) < MaxSearchTerms {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		if s == "" {
			break
		}
		var t SearchTerm
		if s[0] == '-' {
			t.Negate = true
			s = s[1:]
		}
		var chunk string
		if strings.HasPrefix(s, `"`) {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				chunk, s = s[1:], ""
			} else {
				chunk, s = s[1:1+end], s[2+end:]
			}
		} else {
			end := strings.IndexFunc(s, unicode.IsSpace)
			if end < 0 {
				end = len(s)
			}
			chunk, s = s[:end], s[end:]
			if base, ok := strings.CutSuffix(chunk, "*"); ok && base != "" {
				r, _ := utf8.DecodeLastRuneInString(base)
				t.Prefix = isWordRune(r)
			}
		}
		t.Words = words(chunk)
		if len(t.Words) == 0 || allStopWords(t.Words) && !t.Prefix {
			continue
		}
		p.Terms = append(p.Terms, t)
	}
	return p
}

// Words splits text into lowercase words (runs of letters and digits) the
// way ParseQuery does.
func Words(s string) []string { return words(s) }

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !isWordRune(r) })
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// MarkHTML escapes a snippet for HTML and turns its highlight markers into
// <mark> elements.
func MarkHTML(s string) string {
	s = html.EscapeString(s)
	s = strings.ReplaceAll(s, MarkStart, "<mark>")
	return strings.ReplaceAll(s, MarkEnd, "</mark>")
}

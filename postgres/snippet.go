package postgres

import (
	"context"
	"database/sql"
	"strings"
	"unicode"

	"github.com/rehearse/rehearse"
)

// Snippets are built here, not with ts_headline: ts_headline parses each
// text again, about half a millisecond per hit and text, which made half of
// a search's time over the full catalog. Here the hits' words are split in
// Go and only the few words that could match a query word are stemmed, in
// one round trip, by the same to_tsvector('english', ...) that built the
// index, so what is marked is exactly what matched.

// snippetWords is the length of a guidance or related-terms snippet, in
// words.
const snippetWords = 24

// hitText is the raw text of one hit, before marking.
type hitText struct {
	hit             rehearse.SearchHit
	guidance, terms string
}

// mark fills in the hits' highlighted text and snippets for the query p.
func mark(ctx context.Context, db *sql.DB, p rehearse.ParsedQuery, hs []hitText) ([]rehearse.SearchHit, error) {
	var qwords []string
	for _, t := range p.Terms {
		if !t.Negate {
			qwords = append(qwords, t.Words...)
		}
	}
	// Candidates: words that share their first three letters with a
	// query word (an English stem keeps at least those).
	cand := map[string]bool{}
	for _, h := range hs {
		for _, text := range []string{h.hit.Text, h.guidance, h.terms} {
			for _, w := range words(text) {
				lw := strings.ToLower(text[w.start:w.end])
				if couldMatch(lw, qwords) {
					cand[lw] = true
				}
			}
		}
	}
	list := make([]string, 0, len(cand)+len(qwords))
	list = append(list, qwords...)
	for w := range cand {
		list = append(list, w)
	}
	stems, err := stemAll(ctx, db, list)
	if err != nil {
		return nil, err
	}
	m := matcher{stems: stems}
	for _, t := range p.Terms {
		if t.Negate {
			continue
		}
		for i, w := range t.Words {
			if t.Prefix && i == len(t.Words)-1 {
				m.prefixes = append(m.prefixes, stems[w], w)
			} else if s := stems[w]; s != "" {
				m.exact = append(m.exact, s)
			}
		}
	}
	out := make([]rehearse.SearchHit, len(hs))
	for i, h := range hs {
		out[i] = h.hit
		out[i].TextSnippet = m.highlight(h.hit.Text)
		out[i].Snippet = m.snippet(h.guidance)
		if !strings.Contains(out[i].Snippet, rehearse.MarkStart) {
			if s := m.snippet(h.terms); strings.Contains(s, rehearse.MarkStart) {
				out[i].Snippet = s
			}
		}
	}
	return out, nil
}

// couldMatch reports whether the lowercase word w may stem like one of
// the query words.
func couldMatch(w string, qwords []string) bool {
	for _, q := range qwords {
		n := min(3, len(q))
		if len(w) >= n && w[:n] == q[:n] {
			return true
		}
	}
	return false
}

// stemAll stems words with PostgreSQL's English configuration; a stop word
// stems to "".
func stemAll(ctx context.Context, db *sql.DB, list []string) (map[string]string, error) {
	out := make(map[string]string, len(list))
	if len(list) == 0 {
		return out, nil
	}
	rows, err := db.QueryContext(ctx, `SELECT w, coalesce((tsvector_to_array(to_tsvector('english', w)))[1], '')
		FROM unnest($1::text[]) AS w`, list)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var w, s string
		if err := rows.Scan(&w, &s); err != nil {
			return nil, err
		}
		out[w] = s
	}
	return out, rows.Err()
}

// matcher decides which words of a text the query matched.
type matcher struct {
	stems    map[string]string // lowercase word -> stem
	exact    []string          // stems of the query's words
	prefixes []string          // stems and raw forms of prefix words
}

func (m *matcher) matches(lw string) bool {
	s, ok := m.stems[lw]
	if !ok {
		return false
	}
	for _, e := range m.exact {
		if s == e {
			return true
		}
	}
	for _, p := range m.prefixes {
		if p != "" && (strings.HasPrefix(s, p) || strings.HasPrefix(lw, p)) {
			return true
		}
	}
	return false
}

// highlight marks every matched word of text.
func (m *matcher) highlight(text string) string {
	var b strings.Builder
	last := 0
	for _, w := range words(text) {
		if m.matches(strings.ToLower(text[w.start:w.end])) {
			b.WriteString(text[last:w.start])
			b.WriteString(rehearse.MarkStart)
			b.WriteString(text[w.start:w.end])
			b.WriteString(rehearse.MarkEnd)
			last = w.end
		}
	}
	b.WriteString(text[last:])
	return b.String()
}

// snippet returns about snippetWords words of text around its densest run
// of matches, matches marked, with "…" where text was cut; the start of
// text when nothing matched.
func (m *matcher) snippet(text string) string {
	ws := words(text)
	if len(ws) == 0 {
		return ""
	}
	hit := make([]bool, len(ws))
	for i, w := range ws {
		hit[i] = m.matches(strings.ToLower(text[w.start:w.end]))
	}
	// The window of snippetWords words with the most matches, the first
	// match a few words in so the reader sees what leads to it.
	best, bestN := 0, -1
	for i := range ws {
		if !hit[i] {
			continue
		}
		start := max(0, i-3)
		n := 0
		for j := start; j < min(len(ws), start+snippetWords); j++ {
			if hit[j] {
				n++
			}
		}
		if n > bestN {
			best, bestN = start, n
		}
	}
	end := min(len(ws), best+snippetWords)
	var b strings.Builder
	if best > 0 {
		b.WriteString("…")
	}
	pos := ws[best].start
	for i := best; i < end; i++ {
		w := ws[i]
		b.WriteString(flatten(text[pos:w.start]))
		if hit[i] {
			b.WriteString(rehearse.MarkStart + text[w.start:w.end] + rehearse.MarkEnd)
		} else {
			b.WriteString(text[w.start:w.end])
		}
		pos = w.end
	}
	if end < len(ws) {
		b.WriteString("…")
	} else {
		b.WriteString(flatten(strings.TrimRightFunc(text[pos:], unicode.IsSpace)))
	}
	return b.String()
}

// flatten turns each run of white space into one space.
func flatten(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// span is a word's byte range in a text.
type span struct{ start, end int }

// words splits text into runs of letters and digits (with inner
// apostrophes), as PostgreSQL's parser sees words.
func words(text string) []span {
	var out []span
	start := -1
	for i, r := range text {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			out = append(out, span{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(text)})
	}
	return out
}

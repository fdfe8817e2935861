package analysis

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends r as JSON to b, byte for byte what encoding/json
// writes (HTML characters escaped, nil slices as null, omitempty honoured),
// without reflection: under load, encoding a result with encoding/json
// cost half as much again as the analysis. When idKey is not empty, the
// object starts with that key and idValue (the API's "question_id"). A
// test compares the two encoders on many results; keep them in step when
// a field changes.
func (r *Result) AppendJSON(b []byte, idKey, idValue string) []byte {
	b = append(b, '{')
	if idKey != "" {
		b = appendKey(b, idKey, true)
		b = appendString(b, idValue)
		b = append(b, ',')
	}
	b = append(b, `"summary":{"coverage":`...)
	b = appendFloat(b, r.Summary.Coverage)
	b = append(b, `,"covered":`...)
	b = strconv.AppendInt(b, int64(r.Summary.Covered), 10)
	b = append(b, `,"total":`...)
	b = strconv.AppendInt(b, int64(r.Summary.Total), 10)
	b = append(b, `,"level":`...)
	b = appendString(b, string(r.Summary.Level))
	b = append(b, `,"headline":`...)
	b = appendString(b, r.Summary.Headline)
	b = append(b, `},"talking_points":`...)
	b = appendList(b, r.TalkingPoints, func(b []byte, p *PointResult) []byte {
		b = append(b, `{"label":`...)
		b = appendString(b, p.Label)
		b = append(b, `,"covered":`...)
		b = strconv.AppendBool(b, p.Covered)
		b = append(b, `,"evidence":`...)
		b = appendSpans(b, p.Evidence)
		if len(p.Negated) > 0 {
			b = append(b, `,"negated":`...)
			b = appendSpans(b, p.Negated)
		}
		b = append(b, `,"phrases":`...)
		b = appendStrings(b, p.Phrases)
		return append(b, '}')
	})
	b = append(b, `,"structure":{"kind":`...)
	b = appendString(b, r.Structure.Kind)
	b = append(b, `,"parts":`...)
	b = appendList(b, r.Structure.Parts, func(b []byte, p *Part) []byte {
		b = append(b, `{"name":`...)
		b = appendString(b, p.Name)
		b = append(b, `,"present":`...)
		b = strconv.AppendBool(b, p.Present)
		b = appendOptSpans(b, "evidence", p.Evidence)
		return append(b, '}')
	})
	if r.Structure.Note != "" {
		b = append(b, `,"note":`...)
		b = appendString(b, r.Structure.Note)
	}
	sp := &r.Specifics
	b = append(b, `},"specifics":{"numbers":`...)
	b = appendSpans(b, sp.Numbers)
	b = append(b, `,"time_frames":`...)
	b = appendSpans(b, sp.TimeFrames)
	b = append(b, `,"systems":`...)
	b = appendSpans(b, sp.Systems)
	b = append(b, `,"vague_claims":`...)
	b = appendList(b, sp.VagueClaims, func(b []byte, c *Claim) []byte {
		b = append(b, `{"evidence":`...)
		b = appendSpan(b, &c.Evidence)
		b = append(b, `,"prompt":`...)
		b = appendString(b, c.Prompt)
		return append(b, '}')
	})
	b = append(b, `},"terms":{"used":`...)
	b = appendList(b, r.Terms.Used, func(b []byte, t *TermUse) []byte {
		b = appendTerm(b, t.Term, t.Slug, t.Definition)
		b = append(b, `,"evidence":`...)
		b = appendSpans(b, t.Evidence)
		return append(b, '}')
	})
	b = append(b, `,"suggested":`...)
	b = appendList(b, r.Terms.Suggested, func(b []byte, t *TermRef) []byte {
		return append(appendTerm(b, t.Term, t.Slug, t.Definition), '}')
	})
	d := &r.Delivery
	b = append(b, `},"delivery":{"words":`...)
	b = strconv.AppendInt(b, int64(d.Words), 10)
	b = append(b, `,"sentences":`...)
	b = strconv.AppendInt(b, int64(d.Sentences), 10)
	b = append(b, `,"estimated_seconds":`...)
	b = strconv.AppendInt(b, int64(d.EstimatedSeconds), 10)
	b = append(b, `,"target_seconds":[`...)
	b = strconv.AppendInt(b, int64(d.TargetSeconds[0]), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(d.TargetSeconds[1]), 10)
	b = append(b, `],"length":`...)
	b = appendString(b, d.Length)
	if d.DurationSeconds != 0 {
		b = append(b, `,"duration_seconds":`...)
		b = appendFloat(b, d.DurationSeconds)
	}
	if d.WordsPerMinute != 0 {
		b = append(b, `,"words_per_minute":`...)
		b = appendFloat(b, d.WordsPerMinute)
	}
	if d.Pace != "" {
		b = append(b, `,"pace":`...)
		b = appendString(b, d.Pace)
	}
	b = append(b, `,"fillers":`...)
	b = appendWordCounts(b, d.Fillers)
	b = append(b, `,"hedges":`...)
	b = appendWordCounts(b, d.Hedges)
	b = append(b, `,"top_words":`...)
	b = appendWordCounts(b, d.TopWords)
	b = append(b, `,"i":`...)
	b = strconv.AppendInt(b, int64(d.I), 10)
	b = append(b, `,"we":`...)
	b = strconv.AppendInt(b, int64(d.We), 10)
	b = append(b, `},"flags":`...)
	b = appendList(b, r.Flags, func(b []byte, f *Flag) []byte {
		b = append(b, `{"code":`...)
		b = appendString(b, f.Code)
		b = append(b, `,"severity":`...)
		b = appendString(b, f.Severity)
		b = append(b, `,"message":`...)
		b = appendString(b, f.Message)
		b = appendOptSpans(b, "evidence", f.Evidence)
		return append(b, '}')
	})
	b = append(b, `,"next_steps":`...)
	b = appendList(b, r.NextSteps, func(b []byte, n *NextStep) []byte {
		b = append(b, `{"text":`...)
		b = appendString(b, n.Text)
		b = appendOptSpans(b, "evidence", n.Evidence)
		return append(b, '}')
	})
	return append(b, '}')
}

// appendList appends s as a JSON array, each element by f; nil is null.
func appendList[T any](b []byte, s []T, f func([]byte, *T) []byte) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range s {
		if i > 0 {
			b = append(b, ',')
		}
		b = f(b, &s[i])
	}
	return append(b, ']')
}

func appendKey(b []byte, key string, first bool) []byte {
	if !first {
		b = append(b, ',')
	}
	b = appendString(b, key)
	return append(b, ':')
}

func appendTerm(b []byte, term, slug, definition string) []byte {
	b = append(b, `{"term":`...)
	b = appendString(b, term)
	b = append(b, `,"slug":`...)
	b = appendString(b, slug)
	b = append(b, `,"definition":`...)
	return appendString(b, definition)
}

func appendSpan(b []byte, s *Span) []byte {
	b = append(b, `{"start":`...)
	b = strconv.AppendInt(b, int64(s.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(s.End), 10)
	b = append(b, `,"text":`...)
	b = appendString(b, s.Text)
	return append(b, '}')
}

func appendSpans(b []byte, s []Span) []byte { return appendList(b, s, appendSpan) }

// appendOptSpans appends `,"key":[...]` unless s is empty (omitempty).
func appendOptSpans(b []byte, key string, s []Span) []byte {
	if len(s) == 0 {
		return b
	}
	return appendSpans(appendKey(b, key, false), s)
}

func appendStrings(b []byte, s []string) []byte {
	return appendList(b, s, func(b []byte, v *string) []byte { return appendString(b, *v) })
}

func appendWordCounts(b []byte, s []WordCount) []byte {
	return appendList(b, s, func(b []byte, w *WordCount) []byte {
		b = append(b, `{"word":`...)
		b = appendString(b, w.Word)
		b = append(b, `,"count":`...)
		b = strconv.AppendInt(b, int64(w.Count), 10)
		b = appendOptSpans(b, "evidence", w.Evidence)
		return append(b, '}')
	})
}

// appendFloat formats f as encoding/json does.
func appendFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// plainASCII marks the ASCII bytes a JSON string holds as they are (with
// HTML escaping: not <, > and &).
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendString quotes s as encoding/json does with HTML escaping: <, > and
// & as \u003c, \u003e, \u0026, control characters escaped, invalid UTF-8 as
// \ufffd, and U+2028 and U+2029 escaped.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if plainASCII[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

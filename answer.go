package rehearse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxAnswerChars is the longest answer accepted for feedback.
const MaxAnswerChars = 20000

// MaxDurationSeconds bounds the speaking time a client may report.
const MaxDurationSeconds = 3600

// AnswerRequest is an answer sent for feedback, from an HTML form or a JSON
// body; both decode into it and share Validate.
type AnswerRequest struct {
	Answer          string  `json:"answer"`
	DurationSeconds float64 `json:"duration_seconds,omitempty"`
	// RecordingID links a recording of the spoken answer to the attempt
	// (attempts only; feedback ignores it).
	RecordingID int64 `json:"recording_id,omitempty"`
}

// Validate cleans the answer (invalid UTF-8 replaced, control characters
// other than line breaks and tabs removed) and checks it: an empty answer
// is EINVALID, an over-long one ETOOLARGE.
func (r *AnswerRequest) Validate() error {
	r.Answer = cleanAnswer(r.Answer)
	if strings.TrimSpace(r.Answer) == "" {
		return Errorf(EINVALID, "Write or say an answer first; it is empty.")
	}
	if n := utf8.RuneCountInString(r.Answer); n > MaxAnswerChars {
		return Errorf(ETOOLARGE, "The answer is %d characters long; the limit is %d. Shorten it and try again.", n, MaxAnswerChars)
	}
	if r.DurationSeconds < 0 || r.DurationSeconds > MaxDurationSeconds {
		return Errorf(EINVALID, "duration_seconds must be between 0 and %d.", MaxDurationSeconds)
	}
	return nil
}

// cleanAnswer replaces invalid UTF-8 and drops control characters other
// than line breaks and tabs. Plain ASCII text, the usual case, is returned
// as it is after one pass over its bytes.
func cleanAnswer(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x7f || c < 0x20 && c != '\n' && c != '\t' && c != '\r' {
			return strings.Map(func(c rune) rune {
				if c == '\n' || c == '\t' || c == '\r' || !unicode.IsControl(c) {
					return c
				}
				return -1
			}, strings.ToValidUTF8(s, "\uFFFD"))
		}
	}
	return s
}

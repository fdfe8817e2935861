package rehearse

import (
	"strings"
	"testing"
	"unicode"
)

// cleanReference is what Validate did before plain ASCII got a fast path.
func cleanReference(s string) string {
	return strings.Map(func(c rune) rune {
		if c == '\n' || c == '\t' || c == '\r' || !unicode.IsControl(c) {
			return c
		}
		return -1
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

func TestValidateCleansAnswer(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"I called the payer.", "I called the payer."},
		{"line one\nline two\r\n\tindented", "line one\nline two\r\n\tindented"},
		{"bell\a and null\x00 and del\x7f gone", "bell and null and del gone"},
		{"C1 \u0085control\u009f gone", "C1 control gone"},
		{"bad \xff\xfe bytes", "bad \uFFFD bytes"},
		{"café, naïve, 😀 kept", "café, naïve, 😀 kept"},
	} {
		r := AnswerRequest{Answer: tc.in}
		if err := r.Validate(); err != nil {
			t.Errorf("Validate(%q): %v", tc.in, err)
		}
		if r.Answer != tc.want {
			t.Errorf("Validate(%q) left %q, want %q", tc.in, r.Answer, tc.want)
		}
	}
	for _, tc := range []struct {
		req  AnswerRequest
		code string
	}{
		{AnswerRequest{Answer: ""}, EINVALID},
		{AnswerRequest{Answer: " \n\t\x00\x01 "}, EINVALID},
		{AnswerRequest{Answer: strings.Repeat("é", MaxAnswerChars+1)}, ETOOLARGE},
		{AnswerRequest{Answer: "ok", DurationSeconds: -1}, EINVALID},
		{AnswerRequest{Answer: "ok", DurationSeconds: MaxDurationSeconds + 1}, EINVALID},
	} {
		if err := tc.req.Validate(); ErrorCode(err) != tc.code {
			t.Errorf("Validate(%.20q, %v) = %v, want code %s", tc.req.Answer, tc.req.DurationSeconds, err, tc.code)
		}
	}
}

func FuzzCleanAnswer(f *testing.F) {
	for _, s := range []string{"plain", "a\x00b", "\xff", "é\u0085", "\x7f", "\r\n\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := cleanAnswer(s), cleanReference(s); got != want {
			t.Errorf("cleanAnswer(%q) = %q, want %q", s, got, want)
		}
	})
}

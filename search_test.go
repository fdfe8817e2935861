package rehearse_test

import (
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rehearse/rehearse"
)

func TestParseQuery(t *testing.T) {
	w := func(words ...string) rehearse.SearchTerm { return rehearse.SearchTerm{Words: words} }
	tests := []struct {
		in   string
		want []rehearse.SearchTerm
	}{
		{"prior auth", []rehearse.SearchTerm{w("prior"), w("auth")}},
		{`"prior auth" denial`, []rehearse.SearchTerm{w("prior", "auth"), w("denial")}},
		{"follow-up", []rehearse.SearchTerm{w("follow", "up")}},
		{"-dental billing", []rehearse.SearchTerm{{Words: []string{"dental"}, Negate: true}, w("billing")}},
		{`-"front desk"`, []rehearse.SearchTerm{{Words: []string{"front", "desk"}, Negate: true}}},
		{"credential*", []rehearse.SearchTerm{{Words: []string{"credential"}, Prefix: true}}},
		{"the and of", nil},
		{"the*", []rehearse.SearchTerm{{Words: []string{"the"}, Prefix: true}}},
		{`"unbalanced phrase`, []rehearse.SearchTerm{w("unbalanced", "phrase")}},
		{`NEAR(a b) ((( *`, []rehearse.SearchTerm{w("near", "a"), w("b")}},
		{"HIPAA", []rehearse.SearchTerm{w("hipaa")}},
		{"résumé", []rehearse.SearchTerm{w("résumé")}},
		{"bad\xffutf8", []rehearse.SearchTerm{w("bad"), w("utf8")}},
		{"", nil},
	}
	for _, tt := range tests {
		got := rehearse.ParseQuery(tt.in).Terms
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseQuery(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
	if n := len(rehearse.ParseQuery(strings.Repeat("word ", 100)).Terms); n != rehearse.MaxSearchTerms {
		t.Errorf("ParseQuery(100 words) kept %d terms, want %d", n, rehearse.MaxSearchTerms)
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{`"a b" -c d*`, "((", "-", `""`, "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, term := range rehearse.ParseQuery(s).Terms {
			if len(term.Words) == 0 {
				t.Fatalf("empty term from %q", s)
			}
			for _, w := range term.Words {
				if strings.ContainsAny(w, `"'*():^-&|!<> `) {
					t.Fatalf("word %q from %q holds query syntax", w, s)
				}
			}
		}
	})
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Healthcare and Medicine":  "healthcare-and-medicine",
		"Prior authorization (PA)": "prior-authorization-pa",
		"  --A/R days--  ":         "a-r-days",
		"Café":                     "caf",
	} {
		if got := rehearse.Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkHTML(t *testing.T) {
	in := "a <b> " + rehearse.MarkStart + "x&y" + rehearse.MarkEnd
	if got, want := rehearse.MarkHTML(in), "a &lt;b&gt; <mark>x&amp;y</mark>"; got != want {
		t.Errorf("MarkHTML = %q, want %q", got, want)
	}
}

func TestErrors(t *testing.T) {
	err := rehearse.Errorf(rehearse.ENOTFOUND, "There is no role %q.", "x")
	if rehearse.ErrorCode(err) != rehearse.ENOTFOUND || rehearse.ErrorMessage(err) != `There is no role "x".` {
		t.Errorf("Errorf: code %q message %q", rehearse.ErrorCode(err), rehearse.ErrorMessage(err))
	}
	internal := &rehearse.Error{Code: rehearse.EINTERNAL, Message: "secret detail"}
	if strings.Contains(rehearse.ErrorMessage(internal), "secret") {
		t.Error("internal error message leaks to the user")
	}
	if rehearse.ErrorCode(nil) != "" || rehearse.ErrorCode(io.EOF) != rehearse.EINTERNAL {
		t.Error("ErrorCode of nil or a plain error is wrong")
	}
}

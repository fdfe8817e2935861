package postgres

import (
	"strings"
	"testing"

	"github.com/rehearse/rehearse"
)

func TestSnippet(t *testing.T) {
	m := matcher{stems: map[string]string{"billing": "bill", "bills": "bill", "bill": "bill", "schedules": "schedul"}, exact: []string{"bill"}, prefixes: []string{"sched", "sched"}}
	mark := func(s string) string { return rehearse.MarkStart + s + rehearse.MarkEnd }
	long := strings.Repeat("word ", 40) + "the billing team sends bills\nand the schedules " + strings.Repeat("more ", 40)
	got := m.snippet(long)
	want := "…word word the " + mark("billing") + " team sends " + mark("bills") + " and the " + mark("schedules") + " " + strings.TrimSpace(strings.Repeat("more ", 14)) + "…"
	if got != want {
		t.Errorf("snippet:\n got %q\nwant %q", got, want)
	}
	if got := m.snippet("Short text, no match."); got != "Short text, no match." {
		t.Errorf("no match: %q", got)
	}
	if got := m.highlight("Billing: bills, Bill."); got != mark("Billing")+": "+mark("bills")+", "+mark("Bill")+"." {
		t.Errorf("highlight: %q", got)
	}
	if got := m.snippet(""); got != "" {
		t.Errorf("empty: %q", got)
	}
}

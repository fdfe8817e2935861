package analysis

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Specifics are the concrete details of an answer.
type Specifics struct {
	Numbers    []Span `json:"numbers"`     // counts, percentages, money
	TimeFrames []Span `json:"time_frames"` // "in three months", "within 48 hours"
	Systems    []Span `json:"systems"`     // named systems and tools
	// VagueClaims are claims of change with no number in the sentence.
	VagueClaims []Claim `json:"vague_claims"`
}

// Claim is a claim of improvement without a number, and the question that
// would make it concrete. Rehearse never supplies the number.
type Claim struct {
	Evidence Span   `json:"evidence"`
	Prompt   string `json:"prompt"`
}

var numberWords = setOf("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
	"twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands",
	"million", "half", "dozen", "double", "doubled", "tripled", "percent")

var timeUnits = setOf("second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
	"month", "months", "quarter", "quarters", "year", "years", "shift", "shifts")

var timeLead = setOf("in", "within", "over", "after", "for", "per", "each", "every", "by", "under", "last", "next")

// systemNames are practice systems and tools a manager names; glossary terms
// of the role count too.
var systemNames = setOf("epic", "cerner", "oracle", "athenahealth", "athenaone", "athena", "eclinicalworks", "ecw",
	"nextgen", "kareo", "tebra", "advancedmd", "allscripts", "veradigm", "meditech", "greenway", "drchrono",
	"practice fusion", "modmed", "availity", "waystar", "trizetto", "change healthcare", "office ally", "excel",
	"sharepoint", "teams", "slack", "zoom", "quickbooks", "adp", "paylocity", "gusto", "caqh", "pecos", "weave",
	"phreesia", "klara", "solutionreach", "relatient", "power bi", "tableau", "google sheets", "outlook", "intergy")

var improveVerbs = setOf("reduced", "reduce", "improved", "improve", "increased", "increase", "decreased",
	"decrease", "lowered", "raised", "dropped", "grew", "boosted", "shortened", "sped", "faster", "fewer",
	"lower", "higher")

var moneyRE = regexp.MustCompile(`\$\s?\d[\d,]*(\.\d+)?\s?(k|m|million|thousand)?`)

func analyzeSpecifics(a *answer) (sp Specifics) {
	sp = Specifics{Numbers: a.numbers[:0], TimeFrames: a.times[:0], Systems: a.systems[:0], VagueClaims: []Claim{}}
	defer func() {
		// Keep the scratch arrays; give the result its own copies.
		a.numbers, a.times, a.systems = sp.Numbers, sp.TimeFrames, sp.Systems
		sp.Numbers, sp.TimeFrames, sp.Systems = cloneSpans(sp.Numbers), cloneSpans(sp.TimeFrames), cloneSpans(sp.Systems)
	}()
	numberIn := a.sentenceSet()
	var money [][]int
	if strings.IndexByte(a.Raw, '$') >= 0 {
		money = moneyRE.FindAllStringIndex(a.Raw, -1)
	}
	for _, m := range money {
		sp.Numbers = append(sp.Numbers, Span{Start: m[0], End: m[1], Text: a.Raw[m[0]:m[1]]})
	}
	const interesting = clsNumber | clsNumberWord | clsTimeUnit | clsSystem | clsSystemHead
	for i := range a.Tokens {
		t := &a.Tokens[i]
		if t.Class&interesting == 0 {
			continue
		}
		isNum := t.Number || t.is(clsNumberWord) && !strings.HasPrefix(a.Raw[t.End:], "-way")
		if isNum {
			numberIn[t.Sentence] = true
			if !insideAny(sp.Numbers, t.Start) {
				end := i
				if i+1 < len(a.Tokens) && (a.Tokens[i+1].Lower == "percent" || a.Tokens[i+1].Lower == "percentage") {
					end = i + 1
				}
				sp.Numbers = append(sp.Numbers, a.Span(i, end))
			}
		}
		if t.is(clsTimeUnit) && i > 0 {
			start := i - 1
			prev := a.Tokens[i-1]
			if prev.Number || prev.is(clsNumberWord) || prev.Lower == "a" || prev.is(clsTimeLead) {
				if start > 0 && a.Tokens[start-1].is(clsTimeLead) {
					start--
				}
				sp.TimeFrames = append(sp.TimeFrames, a.Span(start, i))
				if prev.Number || prev.is(clsNumberWord) {
					numberIn[t.Sentence] = true
				}
			}
		}
		if t.is(clsSystem) {
			sp.Systems = append(sp.Systems, a.Span(i, i))
		} else if t.is(clsSystemHead) && i+1 < len(a.Tokens) && systemNames[t.Lower+" "+a.Tokens[i+1].Lower] {
			sp.Systems = append(sp.Systems, a.Span(i, i+1))
		}
	}
	for _, s := range money {
		for si, sen := range a.Sentences {
			if s[0] >= sen.Start && s[0] < sen.End {
				numberIn[si] = true
			}
		}
	}
	for si, sen := range a.Sentences {
		if numberIn[si] || sen.classes&clsImprove == 0 {
			continue
		}
		for k := sen.First; k < sen.First+sen.N; k++ {
			t := &a.Tokens[k]
			if t.is(clsImprove) && claimContext(a, sen) {
				span := a.SentenceSpan(si)
				sp.VagueClaims = append(sp.VagueClaims, Claim{Evidence: span,
					Prompt: "You said \u201c" + strings.TrimRight(shorten(span.Text, 80), ".!?") + "\u201d. By how much, from what, and over what time? Use your real figure, or an honest estimate you can explain."})
				break
			}
		}
	}
	return sp
}

// claimContext keeps claims about measurable things ("no-shows went down")
// and skips "I wanted to improve" style intentions.
func claimContext(a *answer, sen Sentence) bool {
	for k := sen.First; k < sen.First+sen.N; k++ {
		t := &a.Tokens[k]
		switch t.Lower {
		case "want", "wanted", "hope", "would", "will", "try", "trying", "goal", "if":
			return false
		}
	}
	return true
}

func insideAny(spans []Span, at int) bool {
	for _, s := range spans {
		if at >= s.Start && at < s.End {
			return true
		}
	}
	return false
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return s[:cut] + "…"
}

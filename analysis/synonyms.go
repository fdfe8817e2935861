package analysis

import "strings"

// synonymGroups are words and phrases that candidates use for one another
// in this field. A cue phrase that contains one also matches with another
// ("trained the staff" = "trained the team" = "coached the employees").
// Words are compared by stem, so every inflection counts. Keep the groups
// tight: each member must be a fair stand-in for the others in any cue.
var synonymGroups = [][]string{
	{"doctor", "physician", "provider", "clinician"},
	{"staff", "team", "employees", "personnel", "coworkers", "staff members", "team members"},
	{"patient", "caller"},
	{"reduce", "cut", "lower", "decrease", "bring down"},
	{"increase", "raise", "boost"},
	{"lawyer", "attorney", "counsel", "legal counsel"},
	{"HR", "human resources"},
	{"check", "verify", "confirm"},
	{"call", "phone"},
	{"talk", "speak", "meet", "sit down"},
	{"train", "teach", "coach", "educate"},
	{"fix", "solve", "resolve"},
	{"track", "monitor"},
	{"mistake", "error"},
	{"manager", "supervisor", "boss"},
	{"appointment", "visit"},
	{"payer", "insurer", "insurance company", "insurance plan"},
	{"front desk", "front office", "reception"},
	{"no-show", "missed appointment", "missed visit"},
	{"kids", "children"},
	{"salary", "wage", "pay", "compensation"},
	{"survey", "questionnaire"},
	{"immediately", "right away", "straight away", "at once"},
	{"review", "go over", "go through"},
	{"document", "write down", "write up"},
	{"policy", "protocol"},
	{"quit", "resign"},
	{"telehealth", "telemedicine", "video visit", "virtual visit"},
	{"portal", "website"},
	{"waitlist", "waiting list", "wait list"},
}

// irregularForms maps irregular verb forms and British spellings to the
// word whose stem they share, so that "led a team" matches "lead a team"
// and "prioritise" matches "prioritize".
var irregularForms = map[string]string{
	"led": "lead", "taught": "teach", "made": "make", "built": "build", "ran": "run", "wrote": "write",
	"written": "write", "spoke": "speak", "spoken": "speak", "met": "meet", "kept": "keep", "brought": "bring",
	"sent": "send", "spent": "spend", "paid": "pay", "told": "tell", "found": "find", "gave": "give",
	"took": "take", "chose": "choose",
	"chosen": "choose", "began": "begin", "begun": "begin", "thought": "think", "bought": "buy",
	"caught": "catch", "felt": "feel", "held": "hold", "lost": "lose", "heard": "hear", "understood": "understand",
	"sat": "sit", "stood": "stand", "saw": "see", "knew": "know", "grew": "grow",
	"grown": "grow", "drove": "drive", "driven": "drive", "rode": "ride", "fell": "fall", "fallen": "fall",
	"oversaw": "oversee", "overseen": "oversee", "rebuilt": "rebuild", "rewrote": "rewrite", "rewritten": "rewrite",
	"undertook": "undertake", "came": "come", "became": "become", "overcame": "overcome", "sought": "seek", "dealt": "deal", "meant": "mean", "won": "win", "hid": "hide",
	"ate": "eat", "broke": "break", "broken": "break", "forgot": "forget", "forgotten": "forget", "got": "get",
	"organise": "organize", "organised": "organize", "organising": "organize", "organisation": "organization",
	"prioritise": "prioritize", "prioritised": "prioritize", "prioritising": "prioritize",
	"prioritisation": "prioritization", "recognise": "recognize", "recognised": "recognize", "realise": "realize",
	"realised": "realize", "apologise": "apologize", "apologised": "apologize", "apologising": "apologize",
	"standardise": "standardize", "standardised": "standardize", "minimise": "minimize", "minimised": "minimize",
	"maximise": "maximize", "summarise": "summarize", "summarised": "summarize", "utilise": "utilize",
	"utilisation": "utilization", "specialise": "specialize", "specialised": "specialize", "finalise": "finalize",
	"finalised": "finalize", "customise": "customize", "optimise": "optimize", "optimised": "optimize",
	"authorisation": "authorization", "authorisations": "authorizations", "authorise": "authorize",
	"authorised": "authorize", "analyse": "analyze", "analysed": "analyze",
	"analysing": "analyze", "centre": "center", "centres": "centers", "behaviour": "behavior",
	"behaviours": "behaviors", "colour": "color", "favour": "favor", "labour": "labor", "programme": "program",
	"programmes": "programs", "licence": "license", "practise": "practice", "practised": "practice",
	"paediatric": "pediatric", "paediatrics": "pediatrics", "orthopaedic": "orthopedic", "haematology": "hematology",
	"anaesthesia": "anesthesia", "oestrogen": "estrogen", "judgement": "judgment", "enrol": "enroll",
	"enrolment": "enrollment", "cheque": "check", "cheques": "checks", "neighbour": "neighbor", "neighbours": "neighbors",
	"emphasise": "emphasize", "categorise": "categorize", "computerised": "computerized", "digitise": "digitize",
	"digitised": "digitize", "criticise": "criticize", "criticised": "criticize", "sympathise": "sympathize",
	"empathise": "empathize", "mobilise": "mobilize", "stabilise": "stabilize",
}

// synonym is a member of a synonym group, compiled to stems.
type synonym struct {
	text  string
	stems []string
	group int
}

// synonyms are the members of synonymGroups, compiled once.
var synonyms = func() []synonym {
	var out []synonym
	for g, group := range synonymGroups {
		for _, m := range group {
			s := synonym{text: m, group: g}
			for _, tok := range Parse(m).Tokens {
				s.stems = append(s.stems, tok.Stem)
			}
			out = append(out, s)
		}
	}
	return out
}()

// maxCompoundPart is the longest word joined into a compound variant
// ("time stamps" = "timestamps"); compounds are made of short words.
const maxCompoundPart = 6

// maxVariants bounds the variants of one cue phrase.
const maxVariants = 24

// synonymVariants returns the cue phrase s with its synonym-group members
// replaced by the other members of their group, one or two at a time.
func synonymVariants(s string) []string {
	var out []string
	seen := map[string]bool{strings.ToLower(s): true}
	var walk func(s string, depth int)
	walk = func(s string, depth int) {
		t := Parse(s)
		for i := range t.Tokens {
			for _, syn := range synonyms {
				if !stemsAt(t, i, syn.stems) {
					continue
				}
				start, end := t.Tokens[i].Start, t.Tokens[i+len(syn.stems)-1].End
				for _, other := range synonyms {
					if other.group != syn.group || other.text == syn.text {
						continue
					}
					v := s[:start] + other.text + s[end:]
					if len(out) >= maxVariants || seen[strings.ToLower(v)] {
						continue
					}
					seen[strings.ToLower(v)] = true
					out = append(out, v)
					if depth < 2 {
						walk(v, depth+1)
					}
				}
			}
		}
	}
	walk(s, 1)
	// Two words of a cue also match written as one ("time stamps" =
	// "timestamps", "wait list" = "waitlist").
	t := Parse(s)
	for i := 0; i+1 < len(t.Tokens) && len(out) < maxVariants; i++ {
		a, b := t.Tokens[i], t.Tokens[i+1]
		if a.Number || b.Number || a.StopWord() || b.StopWord() || b.Start-a.End != 1 || !strings.ContainsAny(s[a.End:b.Start], " -") ||
			a.End-a.Start > maxCompoundPart || b.End-b.Start > maxCompoundPart {
			continue
		}
		joined := s[a.Start:a.End] + s[b.Start:b.End]
		if st := Parse(joined).Tokens[0].Stem; st == a.Stem || st == b.Stem {
			continue // "office ally" joined stems to "office": it would match every office
		}
		v := s[:a.Start] + joined + s[b.End:]
		if !seen[strings.ToLower(v)] {
			seen[strings.ToLower(v)] = true
			out = append(out, v)
		}
	}
	return out
}

// stemsAt reports whether the tokens of t from i on have the given stems.
func stemsAt(t *Text, i int, stems []string) bool {
	if i+len(stems) > len(t.Tokens) {
		return false
	}
	for k, s := range stems {
		if t.Tokens[i+k].Stem != s {
			return false
		}
	}
	return true
}

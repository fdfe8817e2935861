package analysis

import (
	"regexp"
	"strings"
	"unicode"
)

// Patterns for details that identify a patient (after the HIPAA Safe
// Harbor list: names, dates more specific than a year, phone numbers,
// record and account numbers, social security numbers).
var (
	monthDateRE = regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},?\s+(19|20)\d\d\b`)
	recordRE    = regexp.MustCompile(`(?i)\b(mrn|medical record( number)?|record (number|no\.?|#)|chart (number|no\.?|#)|account (number|no\.?|#)|member id|policy number)\s*[:#]?\s*[A-Z]*\d[\d-]{3,}`)
	titleRE     = regexp.MustCompile(`\b(Mr|Mrs|Ms|Miss)\.?\s+[A-Z][a-z]+`)
	namedRE     = regexp.MustCompile(`(?i:patient|resident|client)\s+(named|called)\s+[A-Z][a-z]+|(?i:patient),\s+[A-Z][a-z]+( [A-Z][a-z]+)?,`)
	clinical    = setOf("diabetes", "diabetic", "cancer", "hiv", "aids", "pregnant", "pregnancy", "depression", "diagnosis", "diagnosed", "surgery", "overdose", "std", "sti", "hepatitis", "dementia", "schizophrenia", "bipolar", "abortion", "miscarriage", "chemo", "chemotherapy", "rehab", "addiction", "psychiatric", "biopsy", "tumor", "stroke", "seizure", "asthma", "hypertension")
	breachRE    = regexp.MustCompile(`(?i)\b(posted|shared|put) (it |them |the (chart|record|results|details|diagnosis) )?(on|to) (facebook|instagram|twitter|tiktok|social media|my personal)|\b(told|called|emailed|texted) (her|his|their) (employer|boss|family|neighbou?r|husband|wife|friend)s? (about|the) (her|his|their)? ?(diagnosis|results|condition|records?|visit)|\blooked up (my|a|her|his) (neighbou?r|friend|ex|cousin|relative|family member|coworker)|\b(emailed|sent|forwarded) (the |their |her |his )?(records?|charts?|results) to my (personal|gmail|home)|\b(took|brought) (the |some )?(charts?|records?) home\b`)
	blameRE     = regexp.MustCompile(`(?i)\b(it was|that was) ((all|entirely|totally) )?(her|his|their|my boss'?s?|the doctors?'?s?|the front desk'?s?|billing'?s?) fault\b|\bnot my fault\b|\b(my|our) (old|previous|last|former) (boss|manager|supervisor|employer|practice|doctors?) (was|were) (terrible|awful|useless|incompetent|clueless|horrible|a nightmare|lazy|toxic)|\b(incompetent|lazy|stupid|idiots?|clueless|useless) (staff|doctors?|physicians?|coworkers?|team|boss|manager|people)\b|\bblamed? (it on|the|them|her|him)\b|\bhated (my|that|the) (job|boss|manager|practice)\b`)
	dontKnowRE  = regexp.MustCompile(`(?i)\b(idk|dunno|no clue|i (don'?t|do not) know|no idea|i'?m not sure|i have no experience|i'?ve never (done|used|had)|never heard of)\b`)
	forwardRE   = regexp.MustCompile(`(?i)\b(but|so) (i would|i'd|i will|i'll|what i would|my plan)|\bi would (ask|learn|find out|look up|research|start|check|read)|\bi'?d (ask|learn|find out|look up|research|start|check)|\bhere'?s how i would\b|\bwhat i'?d do\b`)
	keyboard    = []string{"qwer", "wert", "asdf", "sdfg", "zxcv", "xcvb", "hjkl", "uiop", "jkl", "fgh"}
)

// Trigger bits: the regular expressions below are slow next to the rest
// of the engine, so each runs only when a word it needs is in the answer.
const (
	trigMonth uint32 = 1 << iota
	trigRecord
	trigNamed
	trigTitle
	trigBreach
	trigBreachVerb
	trigBlame
	trigDontKnow
)

var triggerWords = buildTriggers()

func buildTriggers() map[string]uint32 {
	triggerWords := map[string]uint32{}
	set := func(bit uint32, words string) {
		for _, w := range strings.Fields(words) {
			triggerWords[w] |= bit
		}
	}
	set(trigMonth, "january february march april may june july august september october november december")
	set(trigRecord, "mrn medical record chart account member policy")
	set(trigNamed, "named called patient resident client")
	set(trigTitle, "mr mrs ms miss")
	set(trigBreach, "facebook instagram twitter tiktok social personal employer employers boss bosses family neighbour neighbor neighbours neighbors husband wife friend friends ex cousin relative coworker home gmail")
	set(trigBreachVerb, "posted shared put told called emailed texted looked sent forwarded took brought")
	set(trigBlame, "fault blame blamed incompetent lazy stupid idiot idiots clueless useless hated terrible awful horrible nightmare toxic")
	set(trigDontKnow, "know idea sure experience never heard idk dunno clue")
	return triggerWords
}

// triggers returns the trigger bits of the words in t, and how many digits
// it holds.
func triggers(t *Text) (bits uint32, digits int) {
	return t.stats.bits, t.stats.digits
}

// identifierFlags finds details that identify a patient. Shared with the
// story bank, which warns before saving a story.
func identifierFlags(t *Text) []Span {
	var ev []Span
	add := func(re *regexp.Regexp) {
		for _, m := range re.FindAllStringIndex(t.Raw, 5) {
			ev = append(ev, Span{Start: m[0], End: m[1], Text: t.Raw[m[0]:m[1]]})
		}
	}
	bits, digits := triggers(t)
	if digits >= 4 && t.stats.digitGroups {
		ev = append(ev, numberPatterns(t.Raw)...)
	}
	if bits&trigMonth != 0 && digits >= 4 && hasYear(t.Raw) {
		add(monthDateRE)
	}
	if bits&trigRecord != 0 && digits >= 4 && hasDigitRun(t.Raw) {
		add(recordRE)
	}
	if bits&trigNamed != 0 && mayName(t) {
		add(namedRE)
	}
	if bits&trigTitle == 0 {
		return ev
	}
	// A title and surname counts when the sentence also holds a clinical
	// detail ("Mrs. Alvarez was diagnosed with diabetes").
	for _, m := range titleRE.FindAllStringIndex(t.Raw, 5) {
		for si, s := range t.Sentences {
			if m[0] < s.Start || m[0] >= s.End {
				continue
			}
			for _, tok := range t.Tokens[s.First : s.First+s.N] {
				if tok.is(clsClinical) {
					ev = append(ev, t.SentenceSpan(si))
					break
				}
			}
		}
	}
	return ev
}

// hasYear reports whether s holds a year from 1900 to 2099 after a space,
// which monthDateRE needs.
func hasYear(s string) bool {
	for i := 1; i+3 < len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigitByte(s[i+2]) && isDigitByte(s[i+3]) &&
			strings.IndexByte(" \t\n\r\f", s[i-1]) >= 0 {
			return true
		}
	}
	return false
}

// hasDigitRun reports whether s holds a digit followed by three digits or
// hyphens, which recordRE needs.
func hasDigitRun(s string) bool {
	for i := 0; i+3 < len(s); i++ {
		if isDigitByte(s[i]) && digitOrHyphen(s[i+1]) && digitOrHyphen(s[i+2]) && digitOrHyphen(s[i+3]) {
			return true
		}
	}
	return false
}

func isDigitByte(c byte) bool   { return '0' <= c && c <= '9' }
func digitOrHyphen(c byte) bool { return isDigitByte(c) || c == '-' }

// dontKnow returns where t says "I don't know" and the like.
func dontKnow(t *Text) []Span {
	if t.stats.bits&trigDontKnow == 0 || !mayNotKnow(t) {
		return nil
	}
	return sentenceMatches(t, dontKnowRE, trigDontKnow)
}

// mayNotKnow reports whether t has the words dontKnowRE needs: "idk",
// "dunno", or "no clue", "no idea", "no experience", "don't know", "not
// know", "not sure", "never done", "never used", "never had", "never
// heard". Answers say "know", "sure" and "experience" all the time.
func mayNotKnow(t *Text) bool {
	for i := range t.Tokens {
		w := t.Tokens[i].Lower
		if w == "idk" || w == "dunno" {
			return true
		}
		if i+1 == len(t.Tokens) {
			break
		}
		switch next := t.Tokens[i+1].Lower; w {
		case "no":
			if next == "clue" || next == "idea" || next == "experience" {
				return true
			}
		case "dont", "not":
			if next == "know" || next == "sure" {
				return true
			}
		case "never":
			if next == "done" || next == "used" || next == "had" || next == "heard" {
				return true
			}
		}
	}
	return false
}

// mayName reports whether t could match namedRE: a word ending in
// "patient", "resident" or "client" followed by "named" or "called", or by a
// comma. Nearly every answer says "patient"; few name one.
func mayName(t *Text) bool {
	for i := range t.Tokens {
		w := t.Tokens[i].Lower
		if !strings.HasSuffix(w, "patient") && !strings.HasSuffix(w, "resident") && !strings.HasSuffix(w, "client") {
			continue
		}
		if end := t.Tokens[i].End; end < len(t.Raw) && t.Raw[end] == ',' {
			return true
		}
		if i+1 < len(t.Tokens) && (t.Tokens[i+1].Lower == "named" || t.Tokens[i+1].Lower == "called") {
			return true
		}
	}
	return false
}

// PatientIdentifiers returns the spans of s that look like details which
// identify a patient: names with clinical facts, dates of birth, phone,
// record or social security numbers. The story bank uses it to warn before
// saving.
func PatientIdentifiers(s string) []Span { return identifierFlags(Parse(s)) }

// sentenceMatches returns up to three matches of re, looking only in the
// sentences that hold a word of every trigger group given: the regular
// expressions are slow, and most sentences cannot match.
func sentenceMatches(t *Text, re *regexp.Regexp, need ...uint32) []Span {
	var out []Span
	if !hasAll(t.stats.bits, need) {
		return nil
	}
	for si, sen := range t.Sentences {
		ok := hasAll(sen.bits, need)
		if !ok {
			continue
		}
		span := t.SentenceSpan(si)
		for _, m := range re.FindAllStringIndex(span.Text, 3) {
			a, b := span.Start+m[0], span.Start+m[1]
			out = append(out, Span{Start: a, End: b, Text: t.Raw[a:b]})
		}
		if len(out) >= 3 {
			return out[:3]
		}
	}
	return out
}

// hasAll reports whether bits has a bit of every group in need.
func hasAll(bits uint32, need []uint32) bool {
	for _, b := range need {
		if bits&b == 0 {
			return false
		}
	}
	return true
}

// nonsenseShare is the share of words that cannot be English: no vowel,
// long consonant runs, one letter repeated, or keyboard rows.
func nonsenseShare(t *Text) float64 {
	if len(t.Tokens) == 0 {
		return 0
	}
	return float64(t.stats.implausible) / float64(len(t.Tokens))
}

func implausible(w string) bool {
	if len(w) < 4 || !isLetters(w) || (strings.ToUpper(w) == w && len(w) <= 5) {
		return false
	}
	vowels, run, maxRun, same := 0, 0, 0, 1
	var prev rune
	for i, r := range w {
		if strings.ContainsRune("aeiouy", r) {
			vowels++
			run = 0
		} else {
			run++
			maxRun = max(maxRun, run)
		}
		if i > 0 && r == prev {
			same++
			if same >= 3 {
				return true
			}
		} else {
			same = 1
		}
		prev = r
	}
	for _, k := range keyboard {
		if strings.Contains(w, k) {
			return true
		}
	}
	return vowels == 0 || maxRun >= 5 || float64(vowels)/float64(len(w)) < 0.15
}

func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) || r > unicode.MaxASCII {
			return false
		}
	}
	return true
}

// foreignStopWords are common function words of Spanish, French, German,
// Portuguese and Italian; an answer full of them and empty of English ones
// is in another language.
var foreignStopWords = setOf("el", "la", "los", "las", "que", "y", "en", "del", "por", "para", "con", "una", "es",
	"le", "les", "et", "est", "des", "du", "une", "pour", "dans", "pas", "je", "der", "die", "das", "und", "ist",
	"nicht", "ich", "mit", "ein", "eine", "zu", "não", "em", "um", "uma", "os", "che", "il", "di", "non", "sono", "mi", "yo", "muy")

func languageShares(t *Text) (english, foreign float64) {
	if len(t.Tokens) == 0 {
		return 0, 0
	}
	e, f := t.stats.stop, t.stats.foreign
	n := float64(len(t.Tokens))
	return float64(e) / n, float64(f) / n
}

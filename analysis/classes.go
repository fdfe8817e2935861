package analysis

import "strings"

// wordClasses maps words to their classes; classify adds the computed
// ones. It is built by a variable initializer (not init) so that Go
// initializes it before the cue lists, which already look words up.
var wordClasses = buildClasses()

func buildClasses() map[string]class {
	wordClasses := map[string]class{}
	addClass := func(c class, set map[string]bool) {
		for w := range set {
			wordClasses[w] |= c
		}
	}
	addClass(clsStop, stopWords)
	addClass(clsNegTrigger, negationTriggers)
	addClass(clsNegEnd, negationEnds)
	addClass(clsNumberWord, numberWords)
	addClass(clsTimeUnit, timeUnits)
	addClass(clsTimeLead, timeLead)
	addClass(clsImprove, improveVerbs)
	addClass(clsClinical, clinical)
	addClass(clsForeignStop, foreignStopWords)
	addClass(clsFirstPerson, firstPerson)
	addClass(clsFirstPlural, firstPlural)
	addClass(clsIWe, setOf("i", "we"))
	addClass(clsPseudoNeg, pseudoNegations)
	for name := range systemNames {
		first, rest, two := cut(name, ' ')
		if two && rest != "" {
			wordClasses[first] |= clsSystemHead
		} else {
			wordClasses[name] |= clsSystem
		}
	}
	for w, bits := range triggerWords {
		wordClasses[w] |= class(bits) * clsTriggerShift
	}
	return wordClasses
}

func cut(s string, sep byte) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// classify returns the classes of a lowercased word.
func classify(w string) class {
	c := wordClasses[w]
	if implausible(w) {
		c |= clsImplausible
	}
	if isNumber(w) {
		c |= clsNumber
	}
	if pastTense(w) {
		c |= clsPast
	}
	if strings.ContainsAny(w, "0123456789") {
		c |= clsDigit
	}
	return c
}

// triggerBits extracts the trigger bits of flags.go from a class.
func (c class) triggerBits() uint32 { return uint32(c / clsTriggerShift) }

package analysis

import (
	"strings"

	"github.com/rehearse/rehearse"
)

// Structure describes how the answer is built, for the kind of question.
type Structure struct {
	// Kind is "star" (behavioral), "steps" (situational), "knowledge"
	// (technical) or "general" (the rest).
	Kind  string `json:"kind"`
	Parts []Part `json:"parts"`
	Note  string `json:"note,omitempty"`
}

// Part is one expected element of the structure and where it shows.
type Part struct {
	Name     string `json:"name"`
	Present  bool   `json:"present"`
	Evidence []Span `json:"evidence,omitempty"`
}

// cue lists compiled once: each is a set of phrases whose presence in a
// sentence marks it.
type cueList []phrase

func cues(phrases ...string) cueList {
	var out cueList
	for _, s := range phrases {
		t := Parse(s)
		p := phrase{text: s}
		for i := range t.Tokens {
			p.stems = append(p.stems, t.Tokens[i].key())
		}
		out = append(out, p)
	}
	return out
}

// sentences returns the indexes of sentences holding any cue, in order,
// in a.sentences (valid until the next call).
func (c cueList) sentences(a *answer) []int {
	seen := a.sentenceSet()
	out := a.sentences[:0]
	for pi := range c {
		p := &c[pi]
		for j, k := a.anchor(p); j >= 0; j = int(a.next[j]) {
			if s := a.Tokens[j].Sentence; !seen[s] && j >= k && a.contiguous(p, j-k) {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	sortInts(out)
	a.sentences = out
	return out
}

// sentenceSet returns a cleared scratch set of sentence indexes.
func (a *answer) sentenceSet() []bool {
	a.seen = resize(a.seen, len(a.Sentences))
	clear(a.seen)
	return a.seen
}

var (
	situationCues = cues("last year", "at my previous", "at my last", "in my last", "in my previous", "at my current",
		"when i", "when we", "we had", "there was", "there were", "our practice", "our clinic", "our office",
		"years ago", "months ago", "at the time", "in my role", "i was working", "i worked", "we were", "we noticed",
		"i noticed", "one time", "once", "a few years", "previously", "back in", "at a")
	taskCues = cues("my goal", "our goal", "the goal", "i was responsible", "i needed to", "we needed to", "i had to",
		"my job was", "i was asked", "i was tasked", "my role was", "the task", "my task", "i wanted to", "the problem was",
		"the challenge was", "i set out", "needed to", "had to", "asked me", "target was", "aim was")
	resultCues = cues("as a result", "result", "resulted", "outcome", "reduced", "increased", "decreased", "dropped",
		"fell", "improved", "went from", "went down", "went up", "saved", "by the end", "within", "now", "since then",
		"ended up", "led to", "cut", "lowered", "raised", "grew", "recovered", "collected", "zero", "no longer",
		"the next", "afterwards", "learned", "lesson")
	stepCues = cues("first", "then", "next", "after that", "second", "third", "finally", "step", "start by",
		"begin by", "immediately", "right away", "once", "while", "before", "last")
	priorityCues = cues("priority", "most important", "first thing", "immediately", "right away", "urgent",
		"safety", "before anything", "top of", "critical", "triage", "prioritize")
	followUpCues = cues("follow up", "followed up", "check back", "debrief", "afterwards", "afterward", "review",
		"document", "make sure", "prevent", "going forward", "next time", "root cause", "monitor", "track",
		"report", "lessons learned", "retrain", "update the policy")
	exampleCues = cues("for example", "for instance", "such as", "like when", "in my", "at my", "i have", "ive",
		"we use", "i use", "i used", "we used")
	definitionCues = cues("means", "refers to", "stands for", "is when", "is the", "is a", "is how", "measures", "calculated",
		"divided by", "formula")
	roleLinkCues = cues("this role", "this position", "this practice", "your practice", "your clinic", "your office",
		"your team", "here", "this job", "your patients", "your group")
)

// pastVerbs are irregular past forms; regular ones end in "ed".
var pastVerbs = setOf("built", "made", "took", "ran", "met", "set", "wrote", "led", "brought", "sent", "began",
	"chose", "found", "gave", "got", "held", "kept", "spoke", "told", "taught", "put", "went", "did", "had",
	"saw", "paid", "sat", "cut", "drew", "won", "fought", "sought", "bought", "thought", "caught", "knew",
	"rebuilt", "rewrote", "redid", "oversaw", "undertook", "understood", "hired", "fired")

// pastTense reports a past-tense verb: regular ("-ed") or in pastVerbs.
func pastTense(w string) bool {
	return strings.HasSuffix(w, "ed") && len(w) > 3 && w != "need" && w != "feed" || pastVerbs[w]
}

// actionSentences finds sentences where "I" or "we" is followed closely by a
// past-tense verb: what the candidate did.
func actionSentences(a *answer) []int {
	out := a.sentences[:0]
	for i := range a.Tokens {
		t := &a.Tokens[i]
		if !t.is(clsIWe) {
			continue
		}
		if len(out) > 0 && out[len(out)-1] == t.Sentence {
			continue // tokens come in order, so sentences do too
		}
		for j := i + 1; j < len(a.Tokens) && j <= i+3 && a.Tokens[j].Sentence == t.Sentence; j++ {
			if a.Tokens[j].is(clsPast) {
				out = append(out, t.Sentence)
				break
			}
		}
	}
	a.sentences = out
	return out
}

// hypothetical counts "I would"/"I'd"/"I will" constructions.
func hypothetical(a *answer) []int {
	var out []int
	for i := range a.Tokens {
		t := &a.Tokens[i]
		if (t.Lower == "id" || t.Lower == "ill") || (t.Lower == "i" && i+1 < len(a.Tokens) && (a.Tokens[i+1].Lower == "would" || a.Tokens[i+1].Lower == "will")) {
			out = append(out, t.Sentence)
		}
	}
	return out
}

// part builds a Part from the sentences that showed it (at most two spans).
func part(a *answer, name string, sentences []int) Part {
	p := Part{Name: name, Present: len(sentences) > 0}
	if p.Present {
		p.Evidence = make([]Span, 0, min(2, len(sentences)))
	}
	for _, s := range sentences {
		if len(p.Evidence) == 2 {
			break
		}
		p.Evidence = append(p.Evidence, a.SentenceSpan(s))
	}
	return p
}

// analyzeStructure checks the structure expected for the question type.
func analyzeStructure(a *answer, q *rehearse.Question, termSentences []int) Structure {
	switch q.Type {
	case rehearse.Behavioral:
		st := Structure{Kind: "star", Parts: starParts(a)}
		if !st.Parts[2].Present && len(hypothetical(a)) > 0 {
			st.Note = "This question asks for a real example. Tell what you did (\"I called…\", \"we changed…\"), not what you would do."
		}
		return st
	case rehearse.Situational:
		return Structure{Kind: "steps", Parts: []Part{
			part(a, "priorities", priorityCues.sentences(a)),
			part(a, "steps", stepCues.sentences(a)),
			part(a, "follow-up", followUpCues.sentences(a)),
		}}
	case rehearse.Technical:
		return Structure{Kind: "knowledge", Parts: []Part{
			part(a, "key terms in context", termSentences),
			part(a, "explains", definitionCues.sentences(a)),
			part(a, "example from experience", exampleSentences(a)),
		}}
	}
	return Structure{Kind: "general", Parts: []Part{
		part(a, "specific example", exampleSentences(a)),
		part(a, "link to this role", roleLinkCues.sentences(a)),
	}}
}

// exampleSentences finds the sentences that give an example: an opening
// such as "for example" or "at my last job", or something the candidate did
// with a number in it ("I brought days in A/R from 48 to 37").
func exampleSentences(a *answer) []int {
	marked := resize(a.marks, len(a.Sentences))
	clear(marked)
	a.marks = marked
	for _, s := range exampleCues.sentences(a) {
		marked[s] = 1
	}
	for _, s := range actionSentences(a) {
		if a.Sentences[s].classes&clsNumber != 0 {
			marked[s] = 1
		}
	}
	out := a.sentences[:0]
	for s, m := range marked {
		if m != 0 {
			out = append(out, s)
		}
	}
	a.sentences = out
	return out
}

// The STAR parts, as bits of a sentence's mask.
const (
	starSituation uint8 = 1 << iota
	starTask
	starAction
	starResult
)

var starNames = [...]string{"situation", "task", "action", "result"}

// starParts finds the STAR parts of a behavioral answer. A part is present
// when a sentence has its cues. A sentence can have the cues of several
// ("In my last role I ran the front desk" sets the scene with a past verb;
// "...so it kept working when I was out" is no situation), so each part's
// evidence comes from the sentences where it is the main part, judged by
// cue and place in the story (mainPart), and from the others only when
// there are none.
func starParts(a *answer) []Part {
	n := len(a.Sentences)
	mask := resize(a.marks, n)
	clear(mask)
	a.marks = mask
	for _, s := range situationCues.sentences(a) {
		mask[s] |= starSituation
	}
	for _, s := range taskCues.sentences(a) {
		mask[s] |= starTask
	}
	for _, s := range actionSentences(a) {
		mask[s] |= starAction
	}
	for _, s := range resultCues.sentences(a) {
		mask[s] |= starResult
	}
	parts := make([]Part, len(starNames))
	for k, name := range starNames {
		bit := uint8(1) << k
		// part shows two sentences at most: keep two of each kind.
		var mainBuf, otherBuf [2]int
		main, other := mainBuf[:0], otherBuf[:0]
		for i, m := range mask {
			switch {
			case m&bit == 0:
			case mainPart(a, i, m) == bit:
				if len(main) < 2 {
					main = append(main, i)
				}
			case len(other) < 2:
				other = append(other, i)
			}
		}
		if len(main) == 0 {
			main = other
		}
		parts[k] = part(a, name, main)
	}
	return parts
}

// mainPart picks the part sentence i of the answer mostly tells, of those
// in its mask m: a result when it comes in the second half or gives a
// number, the situation when it opens the story, else the task, the
// action, and last the situation or result cues left.
func mainPart(a *answer, i int, m uint8) uint8 {
	n := len(a.Sentences)
	switch {
	case m&starResult != 0 && (2*i >= n || a.Sentences[i].classes&clsNumber != 0):
		return starResult
	case m&starSituation != 0 && (i == 0 || 3*i < n):
		return starSituation
	case m&starTask != 0:
		return starTask
	case m&starAction != 0:
		return starAction
	case m&starSituation != 0:
		return starSituation
	}
	return starResult
}

func sortInts(s []int) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

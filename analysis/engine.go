package analysis

import (
	"fmt"
	"hash/maphash"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/rehearse/rehearse"
)

// MaxAnswerBytes is the longest answer analysed; the API refuses longer
// ones with a clear message.
const MaxAnswerBytes = 4 * 20000 // rehearse.MaxAnswerChars characters of up to four bytes

// compiled is a question prepared for matching: cue phrases as stems, the
// typo vocabulary, the glossary and the question's own words.
type compiled struct {
	points   [][]phrase
	redFlags [][]phrase
	subject  []phrase // the question's topic phrases; none means no subject check
	vocab    *vocabulary
	glossary []compiledTerm
	topic    map[string]bool // stems of the question text, cues and related terms
	question map[string]bool // content stems of the question text alone
	related  []int           // glossary indexes of the question's related terms, in order
	// termsByStem maps the hash of the first stem of each name of a
	// glossary term to the term's index: a term none of whose first stems
	// is in the answer cannot be in it.
	termsByStem map[uint64][]int32
	names       int // names of all glossary terms
}

// cache keeps compiled questions, keyed by a hash of everything compiled,
// so that edited content compiles afresh. It is bounded.
var cache = struct {
	sync.Mutex
	m map[uint64]*compiled
}{m: map[uint64]*compiled{}}

const maxCache = 2048

// fingerprintSeed keys the compile cache's hash; the cache lives only in
// this process, so a random seed is fine.
var fingerprintSeed = maphash.MakeSeed()

// fingerprint hashes everything compile reads, in one go over buf.
func fingerprint(q *rehearse.Question, glossary []rehearse.Term, bp *[]byte) uint64 {
	buf := (*bp)[:0]
	w := func(s string) { buf = append(append(buf, s...), 0) }
	w(q.ID)
	w(q.Text)
	for i := range q.TalkingPoints {
		w(q.TalkingPoints[i].Label)
		for _, p := range q.TalkingPoints[i].Phrases {
			w(p)
		}
	}
	for i := range q.RedFlags {
		for _, p := range q.RedFlags[i].Phrases {
			w(p)
		}
	}
	for _, t := range q.Terms {
		w(t)
	}
	w("\x01topic")
	for _, t := range q.Topic {
		w(t)
	}
	buf = strconv.AppendInt(buf, int64(len(glossary)), 10)
	for i := range glossary {
		t := &glossary[i]
		w(t.Slug)
		w(t.Term)
		for _, n := range t.Abbreviations {
			w(n)
		}
		for _, n := range t.Synonyms {
			w(n)
		}
	}
	*bp = buf
	return maphash.Bytes(fingerprintSeed, buf)
}

func compile(q *rehearse.Question, glossary []rehearse.Term, buf *[]byte) *compiled {
	key := fingerprint(q, glossary, buf)
	cache.Lock()
	c, ok := cache.m[key]
	cache.Unlock()
	if ok {
		return c
	}
	c = &compiled{vocab: newVocabulary(), glossary: compileGlossary(glossary), topic: map[string]bool{}, question: map[string]bool{}}
	c.termsByStem = map[uint64][]int32{}
	for i := range c.glossary {
		for _, n := range c.glossary[i].names {
			c.names++
			h := n.stems[0].h
			if ts := c.termsByStem[h]; len(ts) == 0 || ts[len(ts)-1] != int32(i) {
				c.termsByStem[h] = append(ts, int32(i))
			}
		}
	}
	expand := glossaryNames(c.glossary)
	for _, tp := range q.TalkingPoints {
		c.points = append(c.points, c.phrases(tp.Phrases, expand, true))
	}
	for _, rf := range q.RedFlags {
		c.redFlags = append(c.redFlags, c.phrases(rf.Phrases, nil, false))
	}
	c.subject = c.phrases(q.Topic, expand, true)
	for _, tok := range Parse(q.Text).Tokens {
		if !isStopWord(tok.Lower) {
			c.topic[tok.Stem] = true
			c.question[tok.Stem] = true
		}
	}
	for _, ref := range q.Terms {
		for i, ct := range c.glossary {
			if hasName(ct.term, ref) {
				c.related = append(c.related, i)
				for _, n := range ct.names {
					for _, s := range n.stems {
						c.topic[s.s] = true
					}
				}
			}
		}
	}
	cache.Lock()
	if len(cache.m) >= maxCache {
		cache.m = map[uint64]*compiled{}
	}
	cache.m[key] = c
	cache.Unlock()
	return c
}

// phrases compiles cue phrases; a phrase that is a glossary name also
// brings the term's other names (its abbreviations and synonyms), and with
// variants, a phrase also matches with the words of synonymGroups swapped.
func (c *compiled) phrases(texts []string, expand map[string][]string, variants bool) []phrase {
	var out []phrase
	seen := map[string]bool{}
	add := func(s string) {
		key := strings.ToLower(s)
		if seen[key] {
			return
		}
		seen[key] = true
		if p, ok := compilePhrase(s); ok {
			out = append(out, p)
			c.vocab.add(p)
			for _, st := range p.content {
				c.topic[st.s] = true
			}
		}
	}
	for _, s := range texts {
		add(s)
		for _, alt := range expand[strings.ToLower(strings.TrimSpace(s))] {
			add(alt)
		}
	}
	if variants {
		// Synonyms widen what matches; they do not widen the question's
		// vocabulary, which the off-topic check measures answers against.
		// A variant with the same stems as a phrase already there adds
		// nothing.
		have := map[string]bool{}
		for _, p := range out {
			have[stemKey(p)] = true
		}
		for _, s := range texts {
			for _, v := range synonymVariants(s) {
				key := strings.ToLower(v)
				if seen[key] {
					continue
				}
				seen[key] = true
				p, ok := compilePhrase(v)
				if !ok || have[stemKey(p)] {
					continue
				}
				have[stemKey(p)] = true
				out = append(out, p)
				c.vocab.add(p)
			}
		}
	}
	return out
}

// stemKey identifies a phrase by its stems.
func stemKey(p phrase) string {
	var b strings.Builder
	for _, k := range p.stems {
		b.WriteString(k.s)
		b.WriteByte(' ')
	}
	return b.String()
}

// glossaryNames maps each lowercased name of a term to all its names.
func glossaryNames(g []compiledTerm) map[string][]string {
	m := map[string][]string{}
	for _, ct := range g {
		names := ct.term.Names()
		for _, n := range names {
			m[strings.ToLower(strings.TrimSpace(n))] = names
		}
	}
	return m
}

// Analyze gives feedback on one answer. It never fails: bad input (empty,
// nonsense, another language) is reported in the result's flags.
func Analyze(in Input) *Result {
	text := answerText(in.Answer)
	q := in.Question
	a := answerPool.Get().(*answer)
	c := in.compiled(a)
	a.prepare(text, c.vocab)
	defer a.release()

	r := &Result{Flags: []Flag{}, NextSteps: []NextStep{}}
	r.TalkingPoints = coverage(a, q, c)
	terms, termSentences := analyzeTerms(a, c)
	r.Terms = terms
	r.Structure = analyzeStructure(a, q, termSentences)
	r.Specifics = analyzeSpecifics(a)
	r.Delivery = analyzeDelivery(a, q.Type, in.DurationSeconds)
	r.Flags = append(r.Flags, flags(a, q, c, r, in.Role, in.Glossary)...)
	if zeroing(r.Flags) {
		for i := range r.TalkingPoints {
			r.TalkingPoints[i].Covered = false
			r.TalkingPoints[i].Evidence = []Span{}
		}
		r.Terms.Used = []TermUse{}
		for i := range r.Structure.Parts {
			r.Structure.Parts[i].Present = false
			r.Structure.Parts[i].Evidence = nil
		}
	}
	r.Summary = summarize(r, q)
	r.NextSteps = append(r.NextSteps, nextSteps(r, q)...)
	return r
}

// MaxPhrases is how many of a talking point's cue phrases a result shows:
// packs list fifteen or more ways of saying a point, and every feedback
// response carried all of them (a third of its bytes).
const MaxPhrases = 5

// coverage decides each talking point: covered when one of its phrases
// stands, not negated, in a sentence that reads as language.
func coverage(a *answer, q *rehearse.Question, c *compiled) []PointResult {
	out := make([]PointResult, len(q.TalkingPoints))
	// A first sentence that says the question again shows no point.
	echo := len(a.Sentences) > 0 && echoesQuestion(a, c, 0)
	for i, tp := range q.TalkingPoints {
		pr := PointResult{Label: tp.Label, Phrases: tp.Phrases[:min(len(tp.Phrases), MaxPhrases)]}
		ev := a.spans[:0]
		for pi := range c.points[i] {
			a.matches = a.find(&c.points[i][pi], a.matches[:0])
			for _, m := range a.matches {
				span := a.Span(m.first, m.last)
				switch {
				case m.negated:
					pr.Negated = append(pr.Negated, span)
				case a.prose[a.Tokens[m.first].Sentence] && !(echo && a.Tokens[m.first].Sentence == 0):
					if !containsSpan(ev, span) {
						ev = append(ev, span)
					}
				}
			}
		}
		a.spans = ev
		pr.Evidence = cloneSpans(firstSpans(sortSpans(ev), 3))
		pr.Covered = len(pr.Evidence) > 0
		out[i] = pr
	}
	return out
}

// cloneSpans copies s to a new slice, empty but not nil when s is empty.
func cloneSpans(s []Span) []Span {
	out := make([]Span, len(s))
	copy(out, s)
	return out
}

// containsSpan reports whether s overlaps one of spans.
func containsSpan(spans []Span, s Span) bool {
	for _, x := range spans {
		if s.Start < x.End && x.Start < s.End {
			return true
		}
	}
	return false
}

func sortSpans(s []Span) []Span {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Start < s[j-1].Start; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}

// zeroingFlags are the flags that mean "this is not an answer": no
// coverage is credited.
var zeroingFlags = setOf(FlagEmpty, FlagRepeatsQuestion, FlagKeywordList, FlagNonsense, FlagNotEnglish, FlagOffTopic)

// minAnswerWords is the fewest words that can make an answer: "idk" or
// "I managed a clinic." earn nothing.
const minAnswerWords = 8

func zeroing(fs []Flag) bool {
	for _, f := range fs {
		if zeroingFlags[f.Code] || f.Code == FlagTooShort && f.Severity == "problem" {
			return true
		}
	}
	return false
}

func flags(a *answer, q *rehearse.Question, c *compiled, r *Result, role *RoleIndex, glossary []rehearse.Term) []Flag {
	var fs []Flag
	add := func(code, severity, msg string, ev []Span) {
		fs = append(fs, Flag{Code: code, Severity: severity, Message: msg, Evidence: firstSpans(ev, 3)})
	}
	words := len(a.Tokens)
	if words == 0 {
		add(FlagEmpty, "problem", "There is no answer yet. Say or type what you would tell the interviewer.", nil)
		return fs
	}
	eng, foreign := languageShares(a.Text)
	covered, points := coveredCount(r), len(r.TalkingPoints)
	// A story from outside work (using no term of the role) is looked for
	// only where it could be flagged: with up to half the points made.
	var outside []Span
	var outsideWords int
	if words >= 12 && len(r.Terms.Used) == 0 && (2*covered <= points || covered <= maxChanceCovered(points)) {
		outside, outsideWords = outsideWorkWords(a)
	}
	switch {
	case words >= 6 && eng < 0.08 && foreign >= 0.12:
		add(FlagNotEnglish, "problem", "This answer does not seem to be in English. Feedback works on English answers.", nil)
	case words >= 4 && nonsenseShare(a.Text) >= 0.4:
		add(FlagNonsense, "problem", "Much of this answer is not words we recognise, so it earns no credit.", nil)
	case repeatsQuestion(a, c) || restatesOnly(a, c):
		add(FlagRepeatsQuestion, "problem", "This repeats the question back. Answer it in your own words with an example.", []Span{a.SentenceSpan(0)})
	case !anyProse(a) && words >= 2:
		add(FlagKeywordList, "problem", "This is a list of words, not an answer. Put them in sentences that say what you did and why.", nil)
	case outsideWords >= minVividOutside && 2*covered <= points:
		// Plain enough to outweigh up to half the points made by chance.
		add(FlagOffTopic, "problem", outsideWorkMessage, outside)
	case words >= 12 && covered <= maxChanceCovered(points):
		// Nonsense and stories from outside work can make a couple of
		// points by chance ("apologized", "how long" in a flight delay).
		few := covered <= 1
		if ev := wordSalad(a); len(ev) > 0 {
			add(FlagNonsense, "problem", "This does not read as sentences that mean something, so it earns no credit. Say what you did or would do, plainly.", ev)
		} else if len(outside) > 0 {
			add(FlagOffTopic, "problem", outsideWorkMessage, outside)
		} else if other, ok := stockFit(a, c); ok && few {
			add(FlagOffTopic, "problem", "This reads like an answer to a different question (\u201c"+other+"\u201d). Re-read the question and answer it directly.", nil)
		} else if aboutCandidate(q.Type) && a.mentionsAny(c.subject) {
			// Telling one's history in other questions' words answers these.
		} else if other, ok := role.betterFit(a, c, q.ID); ok && few && pointsCovered(a, other, glossary) >= min(minOtherPoints, len(other.TalkingPoints)) {
			add(FlagOffTopic, "problem", "This seems to answer a different question (\u201c"+other.Text+"\u201d). Re-read the question and answer it directly.", nil)
		} else if other, ok := role.aboutAnother(a, q.ID); ok {
			add(FlagOffTopic, "problem", "This answer is about something this role's interviewers ask elsewhere (\u201c"+other.Text+"\u201d) more than about this question. Re-read the question and answer it directly.", nil)
		} else if ev := role.foreignWords(a, c); len(ev) > 0 {
			add(FlagOffTopic, "problem", "Much of this answer is about things this role's questions never mention, so it does not read as an answer to this one. Answer the question asked, about the work this role does.", ev)
		} else if !few {
			// Two points made: the remaining checks need none or one.
		} else if len(c.subject) > 0 && covered == 0 && !a.mentionsAny(c.subject) {
			add(FlagOffTopic, "problem", "This answer does not name what the question is about ("+q.Topic[0]+"). If it does answer it, say so in the question's own terms; otherwise re-read the question and answer it directly.", nil)
		} else if covered == 0 && offTopic(a, c) {
			add(FlagOffTopic, "problem", "This answer does not seem to address the question. Re-read the question and answer it directly.", nil)
		}
	}
	switch {
	case zeroing(fs):
	case words < minAnswerWords && !(len(fs) > 0 && fs[0].Code == FlagDontKnow):
		add(FlagTooShort, "problem", fmt.Sprintf("At %d words this is not yet an answer; say what you did or would do, with an example.", words), nil)
	case words < 25:
		add(FlagTooShort, "warning", fmt.Sprintf("At %d words this answer is very short; interviewers expect a few sentences with an example.", words), nil)
	}
	if secs := r.Delivery.TargetSeconds[1]; r.Delivery.EstimatedSeconds > secs*3/2 {
		add(FlagTooLong, "warning", fmt.Sprintf("Spoken, this would take about %d seconds; aim for %d to %d.", r.Delivery.EstimatedSeconds, r.Delivery.TargetSeconds[0], secs), nil)
	}
	for i, rf := range q.RedFlags {
		var ev []Span
		for pi := range c.redFlags[i] {
			p := &c.redFlags[i][pi]
			a.matches = a.findClause(p, a.matches[:0])
			for _, m := range a.matches {
				// A red flag said after a negation anywhere before it in the
				// sentence is being rejected: "I have never once heard
				// anyone on my team say that the payers are crooks"; so is
				// one set aside: "rather than bill the patient".
				if !m.negated && (p.negates || !a.negationBefore(m.first)) && !a.setAside(m.first) {
					ev = append(ev, a.Span(m.first, m.last))
				}
			}
		}
		if len(ev) > 0 {
			add(FlagRedFlag, "warning", "Interviewers watch for this: "+rf.Label+".", ev)
		}
	}
	if ev := sentenceMatches(a.Text, blameRE, trigBlame); len(ev) > 0 {
		add(FlagBlame, "warning", "This blames or runs down others. Describe the problem neutrally and focus on what you did.", ev)
	}
	if ev := identifierFlags(a.Text); len(ev) > 0 {
		add(FlagPatientDetails, "problem", "This may identify a patient (a name with health details, a date of birth, or a phone, record or account number). Leave such details out, even invented ones: say \"a patient\".", ev)
	}
	if ev := sentenceMatches(a.Text, breachRE, trigBreach, trigBreachVerb); len(ev) > 0 {
		add(FlagPrivacyBreach, "problem", "This describes an action that would breach patient privacy rules. Interviewers treat it as disqualifying.", ev)
	}
	if ev := dontKnow(a.Text); len(ev) > 0 && !forwardRE.MatchString(a.Raw) {
		severity := "warning"
		if words < 30 && covered == 0 {
			severity = "problem" // "I don't know" and little else is not an answer
		}
		add(FlagDontKnow, severity, "Saying you don't know is fine only with a way forward: what you would do to find out, or a related experience.", ev)
	}
	if q.Type == rehearse.Behavioral && r.Structure.Note != "" {
		hs := hypothetical(a)
		var ev []Span
		for _, s := range hs {
			ev = append(ev, a.SentenceSpan(s))
		}
		add(FlagHypothetical, "warning", r.Structure.Note, ev)
	}
	return fs
}

const outsideWorkMessage = "This tells of life outside work. Answer with an example from a job, a placement or volunteering, or say what you would do."

// aboutCandidate reports the question types about the candidate's own
// history and motives ("Why are you leaving your current role?"): their
// answers rightly tell what the candidate did, in the words of other
// questions, so naming the question's subject is enough to count as
// answering it.
func aboutCandidate(t rehearse.QuestionType) bool {
	return t == rehearse.Background || t == rehearse.Motivation || t == rehearse.Closing
}

// minOtherPoints is how many talking points of another question an answer
// must make (all of them, when it has fewer) to count as answering that
// one instead: fitting its words is not enough once packs list many ways of
// saying each point.
const minOtherPoints = 2

// pointsCovered counts the talking points of q that the answer makes.
func pointsCovered(a *answer, q *rehearse.Question, glossary []rehearse.Term) int {
	n := 0
	var buf []byte
	for _, p := range coverage(a, q, compile(q, glossary, &buf)) {
		if p.Covered {
			n++
		}
	}
	return n
}

// maxChanceCovered is how many of a question's points an answer that is
// nonsense or a story from outside work may make by chance and still be
// flagged: two of five or more, one otherwise.
func maxChanceCovered(points int) int {
	if points >= 5 {
		return 2
	}
	return 1
}

func coveredCount(r *Result) int {
	n := 0
	for _, tp := range r.TalkingPoints {
		if tp.Covered {
			n++
		}
	}
	return n
}

func anyProse(a *answer) bool {
	for _, p := range a.prose {
		if p {
			return true
		}
	}
	return false
}

// repeatsQuestion reports an answer whose content words are mostly the
// question's own.
func repeatsQuestion(a *answer, c *compiled) bool {
	if len(a.Tokens)-a.stats.stop > len(c.question)+3 {
		return false // more content words than the question could account for
	}
	content, inQuestion := 0, 0
	for i := range a.Tokens {
		t := &a.Tokens[i]
		if t.is(clsStop) {
			continue
		}
		content++
		if c.question[t.Stem] {
			inQuestion++
		}
	}
	return content > 0 && content <= len(c.question)+3 && float64(inQuestion)/float64(content) >= 0.7
}

// offTopicShare is the share of an answer's content words that belong to
// the question's vocabulary (its text, cue phrases and related terms) below
// which an answer that covers no talking point is off topic. Measured on the
// evaluation set (2026-11-26): answers to another question mostly score
// under 0.10, genuine weak answers 0.12 and up.
const offTopicShare = 0.11

// offTopic reports an answer whose words mostly lie outside the question's
// vocabulary.
func offTopic(a *answer, c *compiled) bool {
	content, in := topicWords(a, c, nil)
	return content > 0 && float64(in)/float64(content) < offTopicShare
}

// topicWords counts the answer's content words and those in the question's
// vocabulary; each content word is also passed to each, when it is set.
func topicWords(a *answer, c *compiled, each func(*Token)) (content, in int) {
	for i := range a.Tokens {
		t := &a.Tokens[i]
		if t.is(clsStop) || t.Number {
			continue
		}
		content++
		if c.topic[a.canonOf(i).s] {
			in++
		}
		if each != nil {
			each(t)
		}
	}
	return content, in
}

// Level rules (docs/feedback.md): not an answer -> not yet; otherwise by
// coverage, with "strong" also needing structure, a specific and no
// unmeasured claim, and a short answer or a problem flag capping the level
// at developing.
func summarize(r *Result, q *rehearse.Question) Summary {
	s := Summary{Total: len(r.TalkingPoints)}
	for _, tp := range r.TalkingPoints {
		if tp.Covered {
			s.Covered++
		}
	}
	if s.Total > 0 {
		s.Coverage = math.Round(float64(s.Covered)/float64(s.Total)*100) / 100
	}
	problem, short := false, false
	for _, f := range r.Flags {
		problem = problem || f.Severity == "problem"
		short = short || f.Code == FlagTooShort
	}
	// A strong story needs situation, action and result (the task is often
	// implicit); a strong plan needs all of its parts.
	structureOK := true
	for _, p := range r.Structure.Parts {
		if !p.Present && (r.Structure.Kind == "steps" || r.Structure.Kind == "star" && p.Name != "task") {
			structureOK = false
		}
	}
	specific := len(r.Specifics.Numbers)+len(r.Specifics.TimeFrames)+len(r.Specifics.Systems) > 0
	switch {
	case zeroing(r.Flags) || s.Coverage < 0.3:
		s.Level = NotYet
	case problem || short || r.Delivery.Length == "short" || s.Coverage < 0.6:
		s.Level = Developing
	case s.Coverage >= 0.8 && structureOK && specific && r.Delivery.Length != "short" && len(r.Specifics.VagueClaims) == 0:
		s.Level = Strong
	default:
		s.Level = Solid
	}
	s.Headline = headline(s, r)
	return s
}

func headline(s Summary, r *Result) string {
	if zeroing(r.Flags) {
		return r.Flags[0].Message
	}
	return fmt.Sprintf("You covered %d of %d talking points.", s.Covered, s.Total)
}

// nextSteps picks the three most useful improvements, each tied to the
// answer's words or to a missing point.
func nextSteps(r *Result, q *rehearse.Question) []NextStep {
	steps := make([]NextStep, 0, 3)
	add := func(text string, ev []Span) {
		if len(steps) < 3 {
			steps = append(steps, NextStep{Text: text, Evidence: firstSpans(ev, 2)})
		}
	}
	if zeroing(r.Flags) {
		add(r.Flags[0].Message, r.Flags[0].Evidence)
		add("Read \"How to answer\" and the talking points for this question, then try again in full sentences.", nil)
		return steps
	}
	for _, f := range r.Flags {
		if f.Severity == "problem" {
			add(f.Message, f.Evidence)
		}
	}
	firstMissing := -1
	for i, tp := range r.TalkingPoints {
		if !tp.Covered {
			firstMissing = i
			hint := ""
			if len(tp.Phrases) > 0 {
				hint = fmt.Sprintf(" For example, talk about %q.", tp.Phrases[0])
			}
			add("Add this point: "+lowerFirst(tp.Label)+"."+hint, tp.Negated)
			break
		}
	}
	for _, p := range r.Structure.Parts {
		if !p.Present && r.Structure.Kind == "star" {
			add(starAdvice[p.Name], nil)
			break
		}
		if !p.Present && r.Structure.Kind == "steps" {
			add(stepAdvice[p.Name], nil)
			break
		}
	}
	if d := r.Delivery; d.Length == "short" {
		add(fmt.Sprintf("Say more: aim for %d to %d seconds spoken (about %d to %d words); this answer is about %d seconds.",
			d.TargetSeconds[0], d.TargetSeconds[1], d.TargetSeconds[0]*SpeakingRate/60, d.TargetSeconds[1]*SpeakingRate/60, d.EstimatedSeconds), nil)
	}
	if len(r.Specifics.VagueClaims) > 0 {
		add(r.Specifics.VagueClaims[0].Prompt, nil) // the prompt quotes the claim
	} else if len(r.Specifics.Numbers) == 0 && (q.Type == rehearse.Behavioral || q.Type == rehearse.Background) {
		add("Give one real number: a size, a rate, a before and after. If you can't share it, give a range you can explain.", nil)
	}
	for _, f := range r.Flags {
		if f.Severity == "warning" && f.Code != FlagTooShort {
			add(f.Message, f.Evidence)
		}
	}
	for i, tp := range r.TalkingPoints {
		if !tp.Covered && i != firstMissing {
			add("Also cover: "+lowerFirst(tp.Label)+".", nil)
		}
	}
	if n := fillerTotal(r.Delivery.Fillers); n >= 3 {
		add(fmt.Sprintf("Cut filler words: %d in this answer (%s). A short pause sounds better.", n, r.Delivery.Fillers[0].Word), r.Delivery.Fillers[0].Evidence)
	}
	// A good answer still has a next step: the interviewer's follow-up.
	for _, f := range q.FollowUps {
		add("Be ready for the follow-up: \u201c"+f+"\u201d", nil)
	}
	add(fmt.Sprintf("Say it aloud and time yourself: aim for %d to %d seconds.", r.Delivery.TargetSeconds[0], r.Delivery.TargetSeconds[1]), nil)
	return steps
}

var starAdvice = map[string]string{
	"situation": "Open with the situation: where you were, when, and what was at stake.",
	"task":      "Say what you were responsible for: the goal or the problem you owned.",
	"action":    "Say what you did, in the first person and past tense: \"I set up…\", \"I called…\".",
	"result":    "Finish with the result: what changed, by how much, and what you learned.",
}

var stepAdvice = map[string]string{
	"priorities": "Say what comes first and why: safety, the patient in front of you, then the schedule.",
	"steps":      "Walk through your steps in order: first, then, finally.",
	"follow-up":  "Close with the follow-up: how you would document it, check back, and prevent a repeat.",
}

func fillerTotal(ws []WordCount) int {
	n := 0
	for _, w := range ws {
		n += w.Count
	}
	return n
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// TopicMentions returns where the answer names what the question is about
// (the question's topic phrases, negated or not), at most three places; nil
// when the question has no topic or the answer never mentions it. Content
// checks use it to prove that example answers name their own subject.
func TopicMentions(in Input) []Span {
	a := answerPool.Get().(*answer)
	c := in.compiled(a)
	a.prepare(answerText(in.Answer), c.vocab)
	defer a.release()
	var out []Span
	for i := range c.subject {
		a.matches = a.find(&c.subject[i], a.matches[:0])
		for _, m := range a.matches {
			if len(out) < 3 {
				out = append(out, a.Span(m.first, m.last))
			}
		}
	}
	return sortSpans(out)
}

// answerText is the part of an answer that is analysed: at most
// MaxAnswerBytes, invalid UTF-8 replaced.
func answerText(text string) string {
	if len(text) > MaxAnswerBytes {
		text = text[:MaxAnswerBytes]
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	return text
}

// compiled returns the input's compiled question: its Rubric's, or one
// from the compile cache.
func (in *Input) compiled(a *answer) *compiled {
	if in.Rubric != nil {
		return in.Rubric.c
	}
	return compile(in.Question, in.Glossary, &a.fingerprint)
}

package analysis

import "slices"

// stockQuestion is a stock interview question that candidates often answer
// in place of the one asked, with the openings that give such an answer
// away and the words that show the asked question is that question.
type stockQuestion struct {
	text    string
	openers cueList
	own     []string // stems; when the asked question has one, skip
}

var stockQuestions = []stockQuestion{
	{"What is your greatest weakness?", cues("my biggest weakness", "my greatest weakness", "my main weakness",
		"my weakness is", "a weakness of mine", "my weak point", "my weakest"), stems("weakness weak improve")},
	{"What is your greatest strength?", cues("my biggest strength", "my greatest strength", "my main strength",
		"my strength is", "my strongest skill", "my best quality"), stems("strength strong skill best")},
	{"Why are you leaving your job?", cues("the reason im leaving", "the reason im looking", "im leaving because",
		"i am leaving because", "why im leaving", "im looking because", "the reason i want to leave"), stems("leave look reason new next")},
}

// stems returns the stems of the words of s.
func stems(s string) []string {
	var out []string
	for _, tok := range Parse(s).Tokens {
		out = append(out, tok.Stem)
	}
	return out
}

// stockFit returns the stock question that the answer opens by answering,
// when the question asked is not that one: "My biggest weakness is..." to
// "Why do you want to work in healthcare?".
func stockFit(a *answer, c *compiled) (string, bool) {
	for _, sq := range stockQuestions {
		asked := false
		for _, s := range sq.own {
			asked = asked || c.question[s]
		}
		if asked {
			continue
		}
		if s := sq.openers.sentences(a); len(s) > 0 && s[0] == 0 {
			return sq.text, true
		}
	}
	return "", false
}

var (
	// restateCues open a restatement of the question.
	restateCues = cues("you want to know", "you are asking", "youre asking", "the question is", "you asked",
		"you would like to know", "youd like to know", "you want me to", "the situation is", "the scenario is")
	// fillerCues are sentences that buy time and say nothing.
	fillerCues = cues("good question", "great question", "interesting question", "tough question",
		"hard question", "let me think", "thats a good one", "yes", "yeah", "okay", "ok", "alright")
)

// maxRestatement is the most words an answer that only restates the
// question has.
const maxRestatement = 60

// restatesOnly reports an answer that only restates the question, perhaps
// with a remark about it ("So you want to know how I would... That's a
// good question."), and answers nothing.
func restatesOnly(a *answer, c *compiled) bool {
	if len(a.Tokens) > maxRestatement {
		return false
	}
	// Both lists are copied out of a.sentences, which the next call reuses.
	restated := append([]int(nil), restateCues.sentences(a)...)
	filler := append([]int(nil), fillerCues.sentences(a)...)
	any := false
	for si := range a.Sentences {
		content, inQuestion := questionWords(a, c, si)
		switch {
		case slices.Contains(restated, si) || echoes(content, inQuestion):
			any = true
		case content == 0 || slices.Contains(filler, si) && (content <= 3 || content-inQuestion <= 2):
		default:
			return false
		}
	}
	return any
}

// questionWords counts the content words of sentence si and those that
// are words of the question.
func questionWords(a *answer, c *compiled, si int) (content, inQuestion int) {
	sen := a.Sentences[si]
	for k := sen.First; k < sen.First+sen.N; k++ {
		if t := &a.Tokens[k]; !t.is(clsStop) {
			content++
			if c.question[t.Stem] {
				inQuestion++
			}
		}
	}
	return content, inQuestion
}

// echoes reports a sentence whose content words are the question's: all
// of them, or from three words on at least 60%.
func echoes(content, inQuestion int) bool {
	return content >= 3 && float64(inQuestion) >= 0.6*float64(content) || content > 0 && inQuestion == content
}

// echoesQuestion reports whether sentence si only says the question again
// ("So how would I handle a rude provider..."): a point's words there are
// the question's, not the candidate's, and make no point.
func echoesQuestion(a *answer, c *compiled, si int) bool {
	return echoes(questionWords(a, c, si))
}

// Words of life outside work. An answer that covers at most one point, uses
// no term of the role, and tells of a vacation, a game or a trail ("On
// weekends I like hiking with my dogs") is a story from outside work.
var (
	leisureStems = setOf(stems("vacation trip beach hike hiking trail camping fishing soccer baseball football " +
		"basketball tennis golf concert movie wedding airport flight hotel cruise pier kayak skiing surfing " +
		"gardening recipe boogie picnic playground zoo museum")...)
	homeStems = setOf(stems("weekend summer kids daughter son husband wife sister brother boyfriend girlfriend " +
		"dog cat grandkids")...)
)

// outsideWorkWords reports an answer that tells of life outside work (two
// leisure words, or one with two words of home life) with the leisure
// words as evidence, and how many different words of leisure and home
// life it has.
func outsideWorkWords(a *answer) ([]Span, int) {
	var leisure, home []string
	var ev []Span
	for i := range a.Tokens {
		t := &a.Tokens[i]
		switch {
		case leisureStems[t.Stem] && !slices.Contains(leisure, t.Stem):
			leisure = append(leisure, t.Stem)
			ev = append(ev, a.Span(i, i))
		case homeStems[t.Stem] && !slices.Contains(home, t.Stem):
			home = append(home, t.Stem)
		}
	}
	if len(leisure) >= 2 || len(leisure) == 1 && len(home) >= 2 {
		return ev, len(leisure) + len(home)
	}
	return nil, 0
}

// minVividOutside is how many different words of leisure and home life
// make a story from outside work plain even when it makes up to half of
// the question's points by chance: "our flight was delayed... the agent
// apologized and said how long... my sister's wedding... the kids".
const minVividOutside = 4

// whimsyStems are words with no place in an answer about office work,
// common in strings of words that make no sense ("the receivable moon is
// full and the rate goes purple").
// Not "star" (the STAR method) nor "magic" ("no magic fix").
var whimsyStems = setOf(stems("purple orange pink yellow moon dragon unicorn jar shadow sing sings singing " +
	"banana cat dance dancing wizard")...)

// wordSalad reports an answer of real words that makes no sense: at least
// three signs among words from whimsyStems and a content word said again
// at once ("late late late").
func wordSalad(a *answer) []Span {
	var ev []Span
	for i := range a.Tokens {
		t := &a.Tokens[i]
		switch {
		case whimsyStems[t.Stem]:
			ev = append(ev, a.Span(i, i))
		case i > 0 && !t.is(clsStop) && !t.Number && a.Tokens[i-1].Stem == t.Stem && a.Tokens[i-1].Sentence == t.Sentence:
			ev = append(ev, a.Span(i-1, i))
		}
	}
	if len(ev) >= 3 {
		return ev
	}
	return nil
}

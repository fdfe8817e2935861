package analysis

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
		"you would like to know", "youd like to know", "you want me to")
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
	restated := a.sentenceSet()
	for _, s := range restateCues.sentences(a) {
		restated[s] = true
	}
	filler := append([]int(nil), fillerCues.sentences(a)...)
	any := false
	for si, sen := range a.Sentences {
		content, inQuestion := 0, 0
		for k := sen.First; k < sen.First+sen.N; k++ {
			if t := &a.Tokens[k]; !t.is(clsStop) {
				content++
				if c.question[t.Stem] {
					inQuestion++
				}
			}
		}
		switch {
		case restated[si] || content >= 3 && float64(inQuestion) >= 0.6*float64(content) ||
			content > 0 && inQuestion == content:
			any = true
		case content == 0 || content <= 3 && containsInt(filler, si):
		default:
			return false
		}
	}
	return any
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

package analysis

import (
	"github.com/rehearse/rehearse"
)

// RoleIndex holds the vocabulary of every question of a role, so that an
// answer can be checked against the question it was meant for and the
// others: an answer that fits another question far better answers that one.
// Build it once per role with NewRoleIndex and reuse it; it is read-only.
type RoleIndex struct {
	questions []indexedQuestion
	postings  map[string][]int // stem -> questions whose vocabulary holds it
	// words holds every stem of the role's questions: their text, advice,
	// talking points, cue phrases and example answers.
	words map[string]bool
}

type indexedQuestion struct {
	q    *rehearse.Question
	size int
}

// NewRoleIndex indexes the text and cue phrases of questions. The index
// keeps questions (an answer to another question is checked against its
// talking points): do not change them afterwards.
func NewRoleIndex(questions []rehearse.Question) *RoleIndex {
	x := &RoleIndex{postings: map[string][]int{}, words: map[string]bool{}}
	for i := range questions {
		q := &questions[i]
		// The text and cue phrases reach words through postings below.
		for _, s := range []string{q.Why, q.How, q.Examples.Entry, q.Examples.Experienced} {
			x.addWords(s)
		}
		for _, tp := range q.TalkingPoints {
			x.addWords(tp.Label)
		}
		for _, s := range q.Topic {
			x.addWords(s)
		}
		stems := map[string]bool{}
		add := func(s string) {
			for _, tok := range Parse(s).Tokens {
				if !tok.is(clsStop) && !tok.Number {
					stems[tok.Stem] = true
				}
			}
		}
		add(q.Text)
		for _, tp := range q.TalkingPoints {
			for _, p := range tp.Phrases {
				add(p)
			}
		}
		for s := range stems {
			x.postings[s] = append(x.postings[s], i)
			x.words[s] = true
		}
		x.questions = append(x.questions, indexedQuestion{q: &questions[i], size: len(stems)})
	}
	return x
}

// betterFit returns the question of the role whose vocabulary the answer
// fits clearly better than the one it answers, if there is one (the
// caller then checks that the answer makes that question's points): its share
// of the answer's content words must be at least twice the question's own
// and higher by otherQuestionMargin, or one and a half times and higher by
// otherQuestionWideMargin.
func (x *RoleIndex) betterFit(a *answer, c *compiled, ownID string) (*rehearse.Question, bool) {
	if x == nil {
		return nil, false
	}
	counts := make([]int, len(x.questions))
	content, own := topicWords(a, c, func(t *Token) {
		for _, q := range x.postings[t.Stem] {
			counts[q]++
		}
	})
	if content == 0 {
		return nil, false
	}
	best, bestN := -1, 0
	for i, n := range counts {
		if x.questions[i].q.ID != ownID && n > bestN {
			best, bestN = i, n
		}
	}
	if best < 0 {
		return nil, false
	}
	ownShare, otherShare := float64(own)/float64(content), float64(bestN)/float64(content)
	if otherShare >= 2*ownShare && otherShare-ownShare >= otherQuestionMargin ||
		otherShare >= 1.5*ownShare && otherShare-ownShare >= otherQuestionWideMargin {
		return x.questions[best].q, true
	}
	return nil, false
}

// otherQuestionMargin is how much more of the answer another question's
// vocabulary must cover before the answer counts as answering it.
const otherQuestionMargin = 0.12

// otherQuestionWideMargin is the margin that suffices when the other
// question fits one and a half times as well (rather than twice).
const otherQuestionWideMargin = 0.15

func (x *RoleIndex) addWords(s string) {
	for _, tok := range Parse(s).Tokens {
		x.words[tok.Stem] = true
	}
}

// Answers whose words lie outside the role: nonsense ("the payer ladder
// folds upward into Thursday"), a story from another trade ("the lettuce
// was bad, so I sent it back with the driver"), another language. Measured
// on the evaluation set and held-out sets 1, 2 and 4 (2026-11-27): strong
// and adequate answers have at most 0.20 of their content words outside
// the role's vocabulary (median 0.04), genuine weak ones 0.46 at most and
// 0.06 at the median, off-topic ones 0.16 at the median and up to 0.98.
//
// A role whose questions use fewer than minRoleWords different words is too
// small to judge by: the shipped roles use 1,700 to 3,600, a generated
// catalog role about 500, a pack being written a handful.
const (
	foreignShare = 0.3  // share of content words outside the role
	minForeign   = 4    // and at least this many
	minRoleWords = 1200 // words the role's questions must use
)

// foreignWords returns the answer's words that no question of the role
// uses, when they are at least foreignShare of its content words (and
// minForeign of them); nil otherwise, without an index or when the role is
// too small to judge by.
func (x *RoleIndex) foreignWords(a *answer, c *compiled) []Span {
	if x == nil || len(x.words) < minRoleWords {
		return nil
	}
	var ev []Span
	content := 0
	for i := range a.Tokens {
		t := &a.Tokens[i]
		if t.is(clsStop) || t.Number {
			continue
		}
		content++
		if k := a.canonOf(i).s; !x.words[k] && !c.topic[k] {
			ev = append(ev, a.Span(i, i))
		}
	}
	if len(ev) >= minForeign && float64(len(ev)) >= foreignShare*float64(content) {
		return ev
	}
	return nil
}

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
}

type indexedQuestion struct {
	q    *rehearse.Question
	size int
}

// NewRoleIndex indexes the text and cue phrases of questions. The index
// keeps questions (an answer to another question is checked against its
// talking points): do not change them afterwards.
func NewRoleIndex(questions []rehearse.Question) *RoleIndex {
	x := &RoleIndex{postings: map[string][]int{}}
	for i := range questions {
		q := &questions[i]
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

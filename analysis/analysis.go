// Package analysis is the feedback engine of Rehearse: given an answer, the
// question it answers and the role's glossary, it reports what the answer
// covers and misses, with evidence that points at the answer's own words.
// It is pure and deterministic: no I/O, no clock, no randomness; the same
// input always gives the same result. docs/feedback.md explains every rule.
package analysis

import (
	"github.com/rehearse/rehearse"
)

// Input is what one analysis needs.
type Input struct {
	Answer   string
	Question *rehearse.Question
	Glossary []rehearse.Term
	// DurationSeconds is how long the candidate spoke, when the client
	// measured it; 0 means unknown.
	DurationSeconds float64
	// Role indexes the other questions of the role (optional): with it,
	// an answer to a different question is recognised as off topic.
	Role *RoleIndex
	// Rubric is Question and Glossary compiled by Compile (optional): a
	// caller that analyses many answers to one question saves compiling
	// (or finding the compiled question) on each.
	Rubric *Rubric
}

// Rubric is a question prepared for analysis with its role's glossary.
type Rubric struct {
	c *compiled
}

// Compile prepares q and glossary for analysis; pass the result in
// Input.Rubric together with the same q and glossary. Neither may change
// afterwards.
func Compile(q *rehearse.Question, glossary []rehearse.Term) *Rubric {
	var buf []byte
	return &Rubric{c: compile(q, glossary, &buf)}
}

// Result is the feedback on one answer. Field names in JSON are part of the
// public API.
type Result struct {
	Summary       Summary       `json:"summary"`
	TalkingPoints []PointResult `json:"talking_points"`
	Structure     Structure     `json:"structure"`
	Specifics     Specifics     `json:"specifics"`
	Terms         Terms         `json:"terms"`
	Delivery      Delivery      `json:"delivery"`
	Flags         []Flag        `json:"flags"`
	NextSteps     []NextStep    `json:"next_steps"`
}

// Summary is the short verdict.
type Summary struct {
	Coverage float64 `json:"coverage"` // covered talking points / all, 0..1
	Covered  int     `json:"covered"`
	Total    int     `json:"total"`
	Level    Level   `json:"level"`
	Headline string  `json:"headline"`
}

// Level is a small, documented scale; see docs/feedback.md for the rules.
type Level string

// The levels, from lowest to highest.
const (
	NotYet     Level = "not_yet"
	Developing Level = "developing"
	Solid      Level = "solid"
	Strong     Level = "strong"
)

// PointResult says whether one talking point is covered and where.
type PointResult struct {
	Label    string `json:"label"`
	Covered  bool   `json:"covered"`
	Evidence []Span `json:"evidence"`
	// Negated holds places where a cue phrase appeared inside a negation
	// ("I never verified eligibility"); they do not count.
	Negated []Span `json:"negated,omitempty"`
	// Phrases are the first few (MaxPhrases) of the pack's cue phrases, so
	// the candidate sees what would have shown the point.
	Phrases []string `json:"phrases"`
}

// Flag is something the candidate should know about the answer.
type Flag struct {
	Code     string `json:"code"`
	Severity string `json:"severity"` // "problem" or "warning"
	Message  string `json:"message"`
	Evidence []Span `json:"evidence,omitempty"`
}

// Flag codes.
const (
	FlagEmpty           = "empty"
	FlagTooShort        = "too_short"
	FlagRepeatsQuestion = "repeats_question"
	FlagKeywordList     = "keyword_list"
	FlagNonsense        = "nonsense"
	FlagNotEnglish      = "not_english"
	FlagOffTopic        = "off_topic"
	FlagRedFlag         = "red_flag"
	FlagBlame           = "blames_others"
	FlagPatientDetails  = "patient_identifiers"
	FlagPrivacyBreach   = "privacy_breach"
	FlagDontKnow        = "dont_know"
	FlagHypothetical    = "hypothetical_story"
	FlagTooLong         = "too_long"
)

// NextStep is one of the most useful things to do next, tied to evidence.
type NextStep struct {
	Text     string `json:"text"`
	Evidence []Span `json:"evidence,omitempty"`
}

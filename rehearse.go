// Package rehearse holds the domain types of Rehearse, an interview coach:
// roles and their question banks, glossaries and tips, the errors every layer
// shares, and the Store interface that the sqlite and postgres packages
// implement.
//
// The types carry both yaml tags (the pack format an author writes, see
// docs/pack-format.md) and json tags (the JSON API).
package rehearse

// FormatVersion is the version of the pack format this build reads.
const FormatVersion = 1

// QuestionType says what kind of answer a question calls for.
type QuestionType string

// The question types of pack format v1.
const (
	Background  QuestionType = "background"
	Behavioral  QuestionType = "behavioral"
	Situational QuestionType = "situational"
	Technical   QuestionType = "technical"
	Motivation  QuestionType = "motivation"
	Closing     QuestionType = "closing"
)

// QuestionTypes lists every question type in display order.
var QuestionTypes = []QuestionType{Background, Motivation, Behavioral, Situational, Technical, Closing}

// Valid reports whether t is one of the known question types.
func (t QuestionType) Valid() bool {
	for _, k := range QuestionTypes {
		if t == k {
			return true
		}
	}
	return false
}

// Label is the human name of the type.
func (t QuestionType) Label() string {
	switch t {
	case Background:
		return "Background"
	case Behavioral:
		return "Behavioral (STAR)"
	case Situational:
		return "Situational"
	case Technical:
		return "Technical / knowledge"
	case Motivation:
		return "Motivation"
	case Closing:
		return "Closing"
	}
	return string(t)
}

// Level is the seniority a question is aimed at.
type Level string

// The levels of pack format v1.
const (
	AnyLevel    Level = "any"
	Entry       Level = "entry"
	Experienced Level = "experienced"
)

// Valid reports whether l is one of the known levels.
func (l Level) Valid() bool { return l == AnyLevel || l == Entry || l == Experienced }

// Role is one job role with everything a candidate studies for it. It is the
// unit of a content pack.
type Role struct {
	Format      int           `yaml:"format" json:"-"`
	Slug        string        `yaml:"slug" json:"slug"`
	Title       string        `yaml:"title" json:"title"`
	Sector      string        `yaml:"sector" json:"sector"`
	Field       string        `yaml:"field" json:"field"`
	Summary     string        `yaml:"summary" json:"summary"`
	Overview    string        `yaml:"overview" json:"overview"`
	Areas       []Area        `yaml:"areas" json:"areas"`
	Questions   []Question    `yaml:"questions" json:"questions,omitempty"`
	Scenarios   []Scenario    `yaml:"scenarios" json:"scenarios,omitempty"`
	Glossary    []Term        `yaml:"glossary" json:"glossary,omitempty"`
	Tips        []Tip         `yaml:"tips" json:"tips,omitempty"`
	AskEmployer []AskEmployer `yaml:"ask_employer" json:"ask_employer,omitempty"`
}

// Area is a competency area of a role, such as "Revenue cycle".
type Area struct {
	ID          string `yaml:"id" json:"id"`
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description" json:"description"`
}

// Question is one interview question with the guidance and rubric for it.
type Question struct {
	ID            string         `yaml:"id" json:"id"`
	Text          string         `yaml:"text" json:"text"`
	Area          string         `yaml:"area" json:"area"`
	Type          QuestionType   `yaml:"type" json:"type"`
	Level         Level          `yaml:"level" json:"level"`
	Why           string         `yaml:"why" json:"why"`
	How           string         `yaml:"how" json:"how"`
	TalkingPoints []TalkingPoint `yaml:"talking_points" json:"talking_points"`
	RedFlags      []RedFlag      `yaml:"red_flags" json:"red_flags"`
	Examples      Examples       `yaml:"examples" json:"examples"`
	FollowUps     []string       `yaml:"follow_ups" json:"follow_ups"`
	Terms         []string       `yaml:"terms" json:"terms,omitempty"`
	// Topic holds the words that name what the question is about (its
	// subject, first the plainest name): an answer that mentions none of
	// them is not an answer to this question. Optional.
	Topic []string `yaml:"topic" json:"topic,omitempty"`
}

// TalkingPoint is one observable element of a strong answer, with the
// phrases that show it in an answer.
type TalkingPoint struct {
	Label   string   `yaml:"label" json:"label"`
	Phrases []string `yaml:"phrases" json:"phrases"`
}

// RedFlag is something that worries an interviewer, with optional cue
// phrases that reveal it.
type RedFlag struct {
	Label   string   `yaml:"label" json:"label"`
	Phrases []string `yaml:"phrases" json:"phrases,omitempty"`
}

// Examples holds example answers at two levels.
type Examples struct {
	Entry       string `yaml:"entry" json:"entry"`
	Experienced string `yaml:"experienced" json:"experienced"`
}

// Scenario is a multi-step situational drill: a setup and a chain of prompts.
type Scenario struct {
	ID    string         `yaml:"id" json:"id"`
	Title string         `yaml:"title" json:"title"`
	Area  string         `yaml:"area" json:"area"`
	Setup string         `yaml:"setup" json:"setup"`
	Steps []ScenarioStep `yaml:"steps" json:"steps"`
	Terms []string       `yaml:"terms" json:"terms,omitempty"`
}

// ScenarioStep is one prompt of a scenario with its own rubric.
type ScenarioStep struct {
	Prompt        string         `yaml:"prompt" json:"prompt"`
	TalkingPoints []TalkingPoint `yaml:"talking_points" json:"talking_points"`
	RedFlags      []RedFlag      `yaml:"red_flags" json:"red_flags,omitempty"`
}

// Term is one glossary entry.
type Term struct {
	Slug          string   `yaml:"-" json:"slug"`
	Term          string   `yaml:"term" json:"term"`
	Abbreviations []string `yaml:"abbreviations" json:"abbreviations,omitempty"`
	Synonyms      []string `yaml:"synonyms" json:"synonyms,omitempty"`
	Definition    string   `yaml:"definition" json:"definition"`
	Group         string   `yaml:"group" json:"group,omitempty"`
	Standalone    bool     `yaml:"standalone" json:"-"`
}

// Names returns the term, its abbreviations and its synonyms: every name a
// question may use to refer to it.
func (t Term) Names() []string {
	names := make([]string, 0, 1+len(t.Abbreviations)+len(t.Synonyms))
	names = append(names, t.Term)
	names = append(names, t.Abbreviations...)
	return append(names, t.Synonyms...)
}

// Tip is a piece of interview advice for a role.
type Tip struct {
	ID    string `yaml:"id" json:"id"`
	Kind  string `yaml:"kind" json:"kind"`
	Title string `yaml:"title" json:"title"`
	Body  string `yaml:"body" json:"body"`
}

// TipKinds lists the kinds a tip may have, in display order.
var TipKinds = []string{"process", "answering", "numbers", "gaps", "day-of", "general"}

// AskEmployer is a question the candidate can ask the interviewer.
type AskEmployer struct {
	Text string `yaml:"text" json:"text"`
	Why  string `yaml:"why" json:"why"`
}

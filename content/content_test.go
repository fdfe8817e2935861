package content_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
	"github.com/rehearse/rehearse/content"
	"github.com/rehearse/rehearse/pack"
)

func shipped(t testing.TB) []*pack.Pack {
	t.Helper()
	packs, problems := pack.ReadAll(content.FS, ".")
	for _, p := range problems {
		t.Errorf("%s", p)
	}
	return packs
}

// TestShippedPacksLint: every shipped pack passes the linter, and ids are
// unique across packs (ReadAll checks the set).
func TestShippedPacksLint(t *testing.T) {
	if len(shipped(t)) == 0 {
		t.Fatal("no shipped packs")
	}
}

// The five sample questions of the source document, word for word.
var samples = []string{
	"Can you tell us about your previous experience as a medical office manager?",
	"What motivated you to pursue a career in healthcare administration?",
	"How familiar are you with medical terminology and procedures?",
	"What software and tools have you used to manage medical offices?",
	"How do you ensure compliance with healthcare regulations in a medical office?",
}

func TestSampleQuestionsWordForWord(t *testing.T) {
	texts := map[string]bool{}
	for _, p := range shipped(t) {
		if p.Role.Slug == "medical-office-manager" {
			for _, q := range p.Role.Questions {
				texts[q.Text] = true
			}
		}
	}
	for _, s := range samples {
		if !texts[s] {
			t.Errorf("the Medical Office Manager pack lacks the sample question %q", s)
		}
	}
}

// TestExampleAnswersCoverTheirPoints runs the feedback engine on every
// example answer: the experienced one must cover at least 80% of its own
// question's talking points and score above the entry one. This is how we
// know the cue phrases recognise real answers; tune the phrases, not the
// test.
func TestExampleAnswersCoverTheirPoints(t *testing.T) {
	for _, p := range shipped(t) {
		for i := range p.Role.Questions {
			q := &p.Role.Questions[i]
			in := analysis.Input{Question: q, Glossary: p.Role.Glossary}
			in.Answer = q.Examples.Experienced
			exp := analysis.Analyze(in)
			in.Answer = q.Examples.Entry
			entry := analysis.Analyze(in)
			if exp.Summary.Coverage < 0.8 {
				var missed []string
				for _, tp := range exp.TalkingPoints {
					if !tp.Covered {
						missed = append(missed, tp.Label)
					}
				}
				t.Errorf("%s: experienced example covers %.0f%% of its talking points; missed %q", q.ID, exp.Summary.Coverage*100, missed)
			}
			if entry.Summary.Coverage >= exp.Summary.Coverage {
				t.Errorf("%s: entry example (%.2f) does not score below the experienced one (%.2f)", q.ID, entry.Summary.Coverage, exp.Summary.Coverage)
			}
		}
	}
}

// TestNoPatientIdentifiers checks every example answer, scenario and tip for
// names with clinical details, dates of birth, and phone or record numbers.
func TestNoPatientIdentifiers(t *testing.T) {
	for _, p := range shipped(t) {
		check := func(where, text string) {
			for _, s := range analysis.PatientIdentifiers(text) {
				t.Errorf("%s: %s looks like a patient identifier: %q", p.Path, where, s.Text)
			}
		}
		for _, q := range p.Role.Questions {
			check(q.ID+" entry example", q.Examples.Entry)
			check(q.ID+" experienced example", q.Examples.Experienced)
		}
		for _, s := range p.Role.Scenarios {
			check(s.ID+" setup", s.Setup)
			for i, st := range s.Steps {
				check(fmt.Sprintf("%s step %d", s.ID, i+1), st.Prompt)
			}
		}
		for _, tip := range p.Role.Tips {
			check("tip "+tip.ID, tip.Body)
		}
	}
}

// maxSimilarity is the highest share of content words two questions of one
// role may have in common (Jaccard index over stems). Distinct questions
// built on one frame share a few words ("Tell me about a time you improved
// how quickly patients could get through by phone" vs "... how much your
// practice collected at the front desk" scores 0.42, the highest pair of
// the shipped packs on 2026-11-26); a reworded copy of one ask shares most
// of them. 0.6 leaves room for the first and catches the second.
const maxSimilarity = 0.6

func TestNoNearDuplicateQuestions(t *testing.T) {
	for _, p := range shipped(t) {
		qs := p.Role.Questions
		sets := make([]map[string]bool, len(qs))
		for i, q := range qs {
			sets[i] = contentStems(q.Text)
		}
		for i := range qs {
			for j := i + 1; j < len(qs); j++ {
				if s := jaccard(sets[i], sets[j]); s >= maxSimilarity {
					t.Errorf("%s: %q and %q are near-duplicates (similarity %.2f)", p.Role.Slug, qs[i].ID, qs[j].ID, s)
				}
			}
		}
	}
}

func contentStems(s string) map[string]bool {
	m := map[string]bool{}
	for _, tok := range analysis.Parse(s).Tokens {
		if !tok.StopWord() {
			m[tok.Stem] = true
		}
	}
	return m
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := 0
	for k := range a {
		if b[k] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// TestReportCounts logs counts per role, area and type for the issue notes.
func TestReportCounts(t *testing.T) {
	for _, p := range shipped(t) {
		byType := map[rehearse.QuestionType]int{}
		for _, q := range p.Role.Questions {
			byType[q.Type]++
		}
		var types []string
		for k, v := range byType {
			types = append(types, fmt.Sprintf("%s %d", k, v))
		}
		sort.Strings(types)
		t.Logf("%s: %d questions (%s), %d scenarios, %d terms, %d tips, %d questions to ask",
			p.Role.Slug, len(p.Role.Questions), strings.Join(types, ", "), len(p.Role.Scenarios), len(p.Role.Glossary), len(p.Role.Tips), len(p.Role.AskEmployer))
	}
}

// TestQuestionsComplete applies the content guide's bar, stricter than the
// pack format: 3-7 talking points with at least two cue phrases each, at
// least two red flags and two follow-ups, and related terms.
func TestQuestionsComplete(t *testing.T) {
	for _, p := range shipped(t) {
		for _, q := range p.Role.Questions {
			if n := len(q.TalkingPoints); n < 3 || n > 7 {
				t.Errorf("%s: %d talking points, want 3 to 7", q.ID, n)
			}
			for _, tp := range q.TalkingPoints {
				if len(tp.Phrases) < 2 {
					t.Errorf("%s: talking point %q has %d cue phrases, want at least 2", q.ID, tp.Label, len(tp.Phrases))
				}
			}
			if len(q.RedFlags) < 2 {
				t.Errorf("%s: %d red flags, want at least 2", q.ID, len(q.RedFlags))
			}
			if len(q.FollowUps) < 2 {
				t.Errorf("%s: %d follow-ups, want at least 2", q.ID, len(q.FollowUps))
			}
			if len(q.Terms) == 0 && q.Type != rehearse.Closing && q.Type != rehearse.Motivation {
				t.Errorf("%s: no related glossary terms", q.ID)
			}
		}
	}
}

// TestGlossaryTermsUsed: every glossary term is related to at least one
// question or scenario, or marked standalone on purpose.
func TestGlossaryTermsUsed(t *testing.T) {
	for _, p := range shipped(t) {
		used := map[string]bool{}
		for _, q := range p.Role.Questions {
			for _, r := range q.Terms {
				used[strings.ToLower(r)] = true
			}
		}
		for _, s := range p.Role.Scenarios {
			for _, r := range s.Terms {
				used[strings.ToLower(r)] = true
			}
		}
		for _, term := range p.Role.Glossary {
			found := term.Standalone
			for _, n := range term.Names() {
				found = found || used[strings.ToLower(n)]
			}
			if !found {
				t.Errorf("%s: glossary term %q is used by no question or scenario and is not marked standalone", p.Role.Slug, term.Term)
			}
		}
	}
}

// TestTopics: every behavioral, situational and technical question names
// its subject (topic phrases), both example answers mention it, and the
// subject is specific: few of the role's other example answers mention it,
// or the off-topic check would pass answers to other questions.
func TestTopics(t *testing.T) {
	const maxShare = 0.25
	for _, p := range shipped(t) {
		qs := p.Role.Questions
		for i := range qs {
			q := &qs[i]
			switch q.Type {
			case rehearse.Behavioral, rehearse.Situational, rehearse.Technical:
				if len(q.Topic) < 2 {
					t.Errorf("%s: %d topic phrases, want at least 2", q.ID, len(q.Topic))
				}
			}
			if len(q.Topic) == 0 {
				continue
			}
			mentions := func(answer string) bool {
				return len(analysis.TopicMentions(analysis.Input{Answer: answer, Question: q, Glossary: p.Role.Glossary})) > 0
			}
			if !mentions(q.Examples.Entry) {
				t.Errorf("%s: the entry example never mentions the topic %q", q.ID, q.Topic)
			}
			if !mentions(q.Examples.Experienced) {
				t.Errorf("%s: the experienced example never mentions the topic %q", q.ID, q.Topic)
			}
			var hits []string
			for j := range qs {
				if j != i && (mentions(qs[j].Examples.Entry) || mentions(qs[j].Examples.Experienced)) {
					hits = append(hits, qs[j].ID)
				}
			}
			if share := float64(len(hits)) / float64(len(qs)-1); share > maxShare {
				t.Errorf("%s: the topic %q is mentioned by the examples of %.0f%% of the role's other questions (at most %.0f%%): %v", q.ID, q.Topic, share*100, maxShare*100, hits)
			}
		}
	}
}

// TestCuePhrasesHaveContentWords: a cue phrase made only of small words
// ("from", "when i was") can never be matched, so the engine drops it; in
// a shipped pack it is a mistake.
func TestCuePhrasesHaveContentWords(t *testing.T) {
	check := func(where, ph string) {
		for _, tok := range analysis.Parse(ph).Tokens {
			if !tok.StopWord() {
				return
			}
		}
		t.Errorf("%s: cue phrase %q has only small words; the engine cannot match it", where, ph)
	}
	for _, p := range shipped(t) {
		for _, q := range p.Role.Questions {
			for _, tp := range q.TalkingPoints {
				for _, ph := range tp.Phrases {
					check(q.ID+" "+tp.Label, ph)
				}
			}
			for _, rf := range q.RedFlags {
				for _, ph := range rf.Phrases {
					check(q.ID+" "+rf.Label, ph)
				}
			}
		}
	}
}

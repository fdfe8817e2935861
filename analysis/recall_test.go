package analysis_test

import (
	"strings"
	"testing"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
)

// recallQuestion has cues that the matching rules below widen.
var recallQuestion = &rehearse.Question{
	ID: "t-recall", Text: "How did you lower staff turnover at your last practice?",
	Type: rehearse.Behavioral, Level: rehearse.Experienced,
	TalkingPoints: []rehearse.TalkingPoint{
		{Label: "Trains the staff", Phrases: []string{"trained the staff"}},
		{Label: "Leads a team", Phrases: []string{"led a team"}},
		{Label: "States a rate", Phrases: []string{"percent"}},
		{Label: "Uses time stamps", Phrases: []string{"time stamps"}},
		{Label: "Talks to the physicians", Phrases: []string{"met with the physicians"}},
		{Label: "Uses telehealth", Phrases: []string{"telehealth"}},
	},
}

func TestMatchingWidened(t *testing.T) {
	tests := []struct {
		name, answer string
		point        int
		want         bool
	}{
		{"synonym", "Every new hire was coached by me, and I coached the team on the phones every week.", 0, true},
		{"synonyms in one cue", "I taught the employees how to verify coverage during their first week.", 0, true},
		{"irregular verb", "At my last job I lead a team of nine people at the front desk.", 1, true},
		{"irregular past", "At my last job I led a team of nine people at the front desk.", 1, true},
		{"percent sign", "Our turnover went from 40% to 15% in the year after the change.", 2, true},
		{"compound", "We used the timestamps from the EHR to see where the time went.", 3, true},
		{"synonym of a multi-word cue", "I met with the doctors every Monday to go over the schedule.", 4, true},
		{"synonym phrase", "We moved some follow-ups to video visits so people could stay at work.", 5, true},
		{"no synonym for an unrelated word", "I met with the vendors every Monday to go over the invoices.", 4, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := analysis.Analyze(analysis.Input{Answer: tt.answer, Question: recallQuestion})
			if got := r.TalkingPoints[tt.point].Covered; got != tt.want {
				t.Errorf("Analyze(%q).TalkingPoints[%d].Covered = %v, want %v (flags %v)", tt.answer, tt.point, got, tt.want, r.Flags)
			}
		})
	}
}

func TestNegationScope(t *testing.T) {
	q := &rehearse.Question{ID: "t-neg2", Text: "How do you handle a lost laptop?", Type: rehearse.Situational,
		TalkingPoints: []rehearse.TalkingPoint{{Label: "Knows unsecured data is a breach", Phrases: []string{"unsecured phi"}},
			{Label: "Names a weakness", Phrases: []string{"delegating"}}}}
	tests := []struct {
		name, answer string
		point        int
		want         bool
	}{
		{"a comma ends the scope", "Because it wasn't encrypted, it counts as unsecured PHI and we have to report it.", 0, true},
		{"negated in the same clause", "We did not treat it as unsecured PHI because the manager said so at the time.", 0, false},
		{"pseudo-negation", "I'm not great at delegating, so I have been working on it with my supervisor.", 1, true},
		{"real negation", "I never tried delegating any of the work to the rest of the team back then.", 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := analysis.Analyze(analysis.Input{Answer: tt.answer, Question: q})
			if got := r.TalkingPoints[tt.point].Covered; got != tt.want {
				t.Errorf("Analyze(%q).TalkingPoints[%d].Covered = %v, want %v", tt.answer, tt.point, got, tt.want)
			}
		})
	}
}

func TestFragmentInProse(t *testing.T) {
	q := &rehearse.Question{ID: "t-weak", Text: "What is your greatest weakness?", Type: rehearse.Background,
		TalkingPoints: []rehearse.TalkingPoint{{Label: "Names a real weakness", Phrases: []string{"public speaking"}}}}
	for answer, want := range map[string]bool{
		"Public speaking. In front of a group I get nervous and I rush, so I joined a club to practise.": true,
		"Public speaking. Spreadsheets. Delegation. Conflict.":                                           false,
	} {
		r := analysis.Analyze(analysis.Input{Answer: answer, Question: q})
		if got := r.TalkingPoints[0].Covered; got != want {
			t.Errorf("Analyze(%q) covered = %v, want %v", answer, got, want)
		}
	}
}

func TestNotAnAnswer(t *testing.T) {
	flow := &rehearse.Question{ID: "t-flow", Text: "How would you map and measure the patient flow in our clinic, and what data would you pull?",
		Type: rehearse.Situational, TalkingPoints: []rehearse.TalkingPoint{{Label: "Observes", Phrases: []string{"walk through"}}}}
	motivation := &rehearse.Question{ID: "t-why", Text: "Why do you want to work in healthcare administration?",
		Type: rehearse.Motivation, TalkingPoints: []rehearse.TalkingPoint{{Label: "Personal reason", Phrases: []string{"my family"}},
			{Label: "Likes fixing processes", Phrases: []string{"fixing processes"}}}}
	tests := []struct {
		name, answer string
		q            *rehearse.Question
		flag         string
		want         bool
	}{
		{"restates the question", "So you want to know how I would map and measure the patient flow in your clinic and what data I would pull for that? That's a good question.", flow, analysis.FlagRepeatsQuestion, true},
		{"restates, then answers", "So you want to know how I would map the patient flow. First I would walk through a visit with the front desk and time every step, then compare the times by provider.", flow, analysis.FlagRepeatsQuestion, false},
		{"answers the stock weakness question", "My biggest weakness is probably that I have a hard time delegating. I tend to want to do things myself because I know they will get done right.", motivation, analysis.FlagOffTopic, true},
		{"repeats the question, says yes, remarks on it", "Why do I want to work in healthcare administration? Yes. Okay. That is a good question, why healthcare administration.", motivation, analysis.FlagRepeatsQuestion, true},
		{"repeats the question in short bits", "Why do I want to work in healthcare administration? Why healthcare. Healthcare administration, and why I want to work in it.", motivation, analysis.FlagRepeatsQuestion, true},
		{"a weakness inside a real answer", "I like fixing broken processes. At my last clinic the referrals sat for weeks; my biggest weakness then was delegating, but I learned to hand work off.", motivation, analysis.FlagOffTopic, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := analysis.Analyze(analysis.Input{Answer: tt.answer, Question: tt.q})
			if got := hasFlag(r, tt.flag); got != tt.want {
				t.Errorf("flag %s on %q = %v, want %v (flags %+v)", tt.flag, tt.answer, got, tt.want, r.Flags)
			}
			if tt.want && !strings.Contains(r.Summary.Headline, "question") {
				t.Errorf("headline %q should explain the flag", r.Summary.Headline)
			}
		})
	}
}

// TestRealWordsAreNotTypos: a word of English is what the candidate meant,
// even one letter away from a cue word.
func TestRealWordsAreNotTypos(t *testing.T) {
	q := &rehearse.Question{ID: "t-denials2", Text: "How do you work claim denials?", Type: rehearse.Situational,
		TalkingPoints: []rehearse.TalkingPoint{{Label: "Works denials", Phrases: []string{"denials", "appeals"}}}}
	run := func(answer string) bool {
		return analysis.Analyze(analysis.Input{Answer: answer, Question: q}).TalkingPoints[0].Covered
	}
	if run("I worked the front desk of a dental office for years and kept the waiting room calm and moving.") {
		t.Error(`"dental" counted as "denials"`)
	}
	if !run("Every week I went through the denails by payer and fixed what the front desk had entered wrong.") {
		t.Error(`the typo "denails" did not count as "denials"`)
	}
}

// TestCueShapes: cue phrases whose words collapse must not match more than
// they say: a word twice ("one-on-one") needs two words in the answer, a
// word whose stem would be one letter ("AED" -> "a") is matched as written,
// and two words joined into one ("office ally" -> "officeally") are not
// tried when the joined word stems like one of them.
func TestCueShapes(t *testing.T) {
	for _, tc := range []struct {
		phrase, answer string
		want           bool
	}{
		{"one-on-one", "We had one idea and I took it to the physicians myself that week.", false},
		{"one-on-one", "Every new hire gets a one-on-one with me in the first week of the job.", true},
		{"one-on-one", "I met one new hire one morning a week, just the two of us, to talk it over.", true},
		{"aed", "I had a plan for a busy morning and I told the front desk about it.", false},
		{"aed", "I checked the AED and the crash cart every Monday and logged it.", true},
		{"office ally", "The office was busy and I kept the front desk calm all morning.", false},
		{"office ally", "We submitted claims through Office Ally and worked the rejections daily.", true},
		{"kpi dashboard", "I built a dashboard of our KPIs and reviewed it with the physicians every month.", true},
		{"wRVUs", "Each physician sees their wRVU total against the target every month on one page.", true},
		{"they've paid", "I told the front desk they're paid by the hour and breaks are not optional for anyone.", false},
	} {
		q := &rehearse.Question{ID: "t-shape", Text: "How do you run the practice?", Type: rehearse.Situational,
			TalkingPoints: []rehearse.TalkingPoint{{Label: "Point", Phrases: []string{tc.phrase}}}}
		r := analysis.Analyze(analysis.Input{Answer: tc.answer, Question: q})
		if got := r.TalkingPoints[0].Covered; got != tc.want {
			t.Errorf("cue %q in %q: covered = %v, want %v", tc.phrase, tc.answer, got, tc.want)
		}
	}
}

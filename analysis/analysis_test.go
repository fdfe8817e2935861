package analysis_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
	"github.com/rehearse/rehearse/content"
	"github.com/rehearse/rehearse/pack"
)

var glossary = []rehearse.Term{
	{Slug: "prior-authorization", Term: "Prior authorization", Abbreviations: []string{"PA", "prior auth"}, Synonyms: []string{"pre-authorization", "precertification"}, Definition: "Payer approval before a service."},
	{Slug: "eligibility-verification", Term: "Eligibility verification", Synonyms: []string{"insurance verification"}, Definition: "Checking coverage before the visit."},
	{Slug: "electronic-health-record", Term: "Electronic health record", Abbreviations: []string{"EHR"}, Definition: "The digital chart."},
	{Slug: "no-show-rate", Term: "No-show rate", Definition: "Share of missed appointments."},
}

var question = &rehearse.Question{
	ID: "t-denials", Text: "Tell me about a time you reduced claim denials caused by front-end errors.",
	Type: rehearse.Behavioral, Level: rehearse.Experienced,
	TalkingPoints: []rehearse.TalkingPoint{
		{Label: "Verifies eligibility before the visit", Phrases: []string{"verify eligibility", "eligibility verification", "check coverage"}},
		{Label: "Gets prior authorization in time", Phrases: []string{"prior authorization", "authorization log"}},
		{Label: "Measures the denial rate", Phrases: []string{"denial rate", "denials report"}},
		{Label: "Trains the front desk", Phrases: []string{"trained the front desk", "training session", "scripting"}},
	},
	RedFlags: []rehearse.RedFlag{{Label: "Blames the payers", Phrases: []string{"payers are crooks"}}},
	Terms:    []string{"PA", "EHR"},
}

func analyze(answer string) *analysis.Result {
	return analysis.Analyze(analysis.Input{Answer: answer, Question: question, Glossary: glossary})
}

func covered(r *analysis.Result) []bool {
	var out []bool
	for _, tp := range r.TalkingPoints {
		out = append(out, tp.Covered)
	}
	return out
}

func hasFlag(r *analysis.Result, code string) bool {
	for _, f := range r.Flags {
		if f.Code == code {
			return true
		}
	}
	return false
}

func TestTalkingPointMatching(t *testing.T) {
	tests := []struct {
		name, answer string
		point        int
		want         bool
	}{
		{"exact phrase", "Every morning I verify eligibility for the next day's patients.", 0, true},
		{"inflection", "We verified eligibility for every patient two days ahead.", 0, true},
		{"word order", "Eligibility was always verified by our team before the visit.", 0, true},
		{"typo and synonym", "I made sure we checked eligibilty before every single visit.", 0, true},
		{"two typos in a word", "We verified elgibilty for every single visit the day before.", 0, false},
		{"typo in a long cue word", "Our team ran an eligibility verfication on every visit the day before.", 0, true},
		{"case and punctuation", "We always got PRIOR-AUTHORIZATION, even for the urgent cases!", 1, true},
		{"abbreviation from glossary", "I built a PA tracker so the team knew which visits still needed approval.", 1, true},
		{"synonym from glossary", "We got the pre-authorization done before the scan was scheduled.", 1, true},
		{"lowercase pa is a word fragment, not PA", "We had to pa y more attention to the details every week.", 1, false},
		{"negated", "To be honest I never verified eligibility at my last job.", 0, false},
		{"negation ends at but", "We did not have a system, but I started to verify eligibility daily.", 0, true},
		{"keyword list earns nothing", "Eligibility verification, prior authorization, denial rate, training session.", 0, false},
		{"phrase split across sentences", "I had to verify. Eligibility came later in the process for us.", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := analyze(tt.answer)
			if got := r.TalkingPoints[tt.point].Covered; got != tt.want {
				t.Errorf("Analyze(%q).TalkingPoints[%d].Covered = %v, want %v (flags %v)", tt.answer, tt.point, got, tt.want, r.Flags)
			}
		})
	}
}

func TestNegationInsideCue(t *testing.T) {
	q := &rehearse.Question{ID: "t-neg", Text: "How do you keep the clinic on time?", Type: rehearse.Situational,
		TalkingPoints: []rehearse.TalkingPoint{{Label: "Keeps providers on schedule", Phrases: []string{"never late", "no delays"}}}}
	for answer, want := range map[string]bool{
		"Our first provider is never late because I book the first slot as a catch-up visit.": true,
		"It is not that we were never late, but it happened rarely and I tracked every case.": false,
	} {
		r := analysis.Analyze(analysis.Input{Answer: answer, Question: q})
		if got := r.TalkingPoints[0].Covered; got != want {
			t.Errorf("Analyze(%q) covered = %v, want %v", answer, got, want)
		}
	}
}

func TestEvidencePointsIntoAnswer(t *testing.T) {
	answer := "At my last practice the denial rate was 11%. I trained the front desk on scripting and we verified eligibility two days ahead. Denials fell to 6% in one quarter."
	r := analyze(answer)
	if got := covered(r); got[0] != true || got[2] != true || got[3] != true || got[1] != false {
		t.Fatalf("covered = %v, want [true false true true]", got)
	}
	for _, tp := range r.TalkingPoints {
		for _, e := range tp.Evidence {
			if answer[e.Start:e.End] != e.Text {
				t.Errorf("evidence %+v does not match the answer text %q", e, answer[e.Start:e.End])
			}
		}
	}
	if r.Summary.Covered != 3 || r.Summary.Coverage != 0.75 {
		t.Errorf("summary = %+v", r.Summary)
	}
	if len(r.Specifics.Numbers) < 2 || len(r.Specifics.TimeFrames) == 0 {
		t.Errorf("specifics = %+v", r.Specifics)
	}
	for _, p := range r.Structure.Parts {
		if p.Name != "task" && !p.Present {
			t.Errorf("STAR part %s missing in %q", p.Name, answer)
		}
	}
}

func TestHonesty(t *testing.T) {
	tests := []struct {
		name, answer, flag string
	}{
		{"empty", "   \n ", analysis.FlagEmpty},
		{"repeats the question", "Tell me about a time you reduced claim denials caused by front-end errors.", analysis.FlagRepeatsQuestion},
		{"keyword salad", "eligibility prior authorization denial rate scripting EHR", analysis.FlagKeywordList},
		{"nonsense", "asdfgh qwerty zxcvbn lkjhgf mnbvcx poiuyt", analysis.FlagNonsense},
		{"other language", "Siempre verifico la elegibilidad del paciente antes de la cita y llamo a la aseguradora.", analysis.FlagNotEnglish},
		{"off topic", "On weekends I like hiking with my dogs, and last summer we walked the whole coast trail together.", analysis.FlagOffTopic},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := analyze(tt.answer)
			if !hasFlag(r, tt.flag) {
				t.Errorf("flags = %+v, want %s", r.Flags, tt.flag)
			}
			if r.Summary.Coverage != 0 || r.Summary.Level != analysis.NotYet {
				t.Errorf("summary = %+v; an answer that is not an answer earns nothing", r.Summary)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	tests := []struct {
		name, answer, flag string
		want               bool
	}{
		{"pack red flag", "Honestly the payers are crooks, and that is why our denial rate was high last year.", analysis.FlagRedFlag, true},
		{"blame", "The denials were all the front desk's fault. My old boss was incompetent, so I fixed it.", analysis.FlagBlame, true},
		{"name with diagnosis", "Mrs. Alvarez was diagnosed with diabetes and her claim was denied twice last spring.", analysis.FlagPatientDetails, true},
		{"date of birth", "The patient's DOB was 04/12/1961 and the payer had it wrong, so the claim was denied.", analysis.FlagPatientDetails, true},
		{"phone number", "I called the patient at 555-201-3344 to fix the insurance details before the visit.", analysis.FlagPatientDetails, true},
		{"record number", "The denial was for MRN 00482913, which had the wrong plan on file for months.", analysis.FlagPatientDetails, true},
		{"a patient is fine", "A patient in her sixties had a denied claim, so I called the payer and fixed the plan.", analysis.FlagPatientDetails, false},
		{"privacy breach", "When my neighbour came in, I looked up my neighbour's chart to see her results.", analysis.FlagPrivacyBreach, true},
		{"dont know, no way forward", "I don't know, we never really tracked denials at my practice at all.", analysis.FlagDontKnow, true},
		{"dont know, with a way forward", "I don't know the exact rate, but I would pull the denials report by reason code first.", analysis.FlagDontKnow, false},
		{"hypothetical story", "I would check eligibility two days ahead and I would train the front desk on scripting.", analysis.FlagHypothetical, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := hasFlag(analyze(tt.answer), tt.flag); got != tt.want {
				t.Errorf("flag %s on %q = %v, want %v", tt.flag, tt.answer, got, tt.want)
			}
		})
	}
}

// TestRedFlagInContext: a red flag's words out of order count only in one
// clause and not negated, and none counts after a negation earlier in its
// sentence, so a good answer that mentions the same words is not accused
// of it.
func TestRedFlagInContext(t *testing.T) {
	q := *question
	q.RedFlags = []rehearse.RedFlag{{Label: "Signs notes for the physicians", Phrases: []string{"signed the notes for them"}},
		{Label: "Blames the payers", Phrases: []string{"payers are crooks"}},
		{Label: "Shrugs off denials", Phrases: []string{"no big deal"}}}
	for _, tt := range []struct {
		answer string
		want   bool
	}{
		{"When the doctors fell behind, the notes I simply signed for them myself so the claims could go out.", true},
		{"Honestly, I signed the notes for them when they were busy, and the claims went out on time.", true},
		{"The notes piled up; signing them was the doctors' job, so I fixed the routing and sat with each of them.", false},
		{"For weeks the notes weren't signed, so I sat with each doctor and fixed the routing in the inbox.", false},
		{"I have never once heard anyone on my team say that the payers are crooks, and I would not allow it.", false},
		{"No, I think the payers are crooks and that is why our denials stayed high all year.", true},
		{"I would call the payer's rep rather than say the payers are crooks, and I'd ask what the appeal needs.", false},
		{"Instead of saying the payers are crooks I'd pull the denial codes and look for patterns in our own claims.", false},
		{"The payers are crooks, instead of partners, and that is why our denials stayed high all year.", true},
		{"When our denial rate doubled it was a big deal, so I pulled every denial by reason code that week.", false},
		{"A few denials a month is no big deal, they get sorted out eventually by the billing company.", true},
		{"Our last appeal failed because the payers are crooks who look for any reason to keep the money.", true},
	} {
		r := analysis.Analyze(analysis.Input{Answer: tt.answer, Question: &q, Glossary: glossary})
		if got := hasFlag(r, analysis.FlagRedFlag); got != tt.want {
			t.Errorf("red flag on %q = %v, want %v (flags %+v)", tt.answer, got, tt.want, r.Flags)
		}
	}
}

func TestDelivery(t *testing.T) {
	r := analysis.Analyze(analysis.Input{Answer: "Um, so, I basically, um, I think we trained the front desk. Um, it kind of worked.", Question: question, Glossary: glossary, DurationSeconds: 6})
	d := r.Delivery
	if d.Words != 17 || d.WordsPerMinute != 170 || d.Pace != "good" {
		t.Errorf("delivery = %+v", d)
	}
	if len(d.Fillers) == 0 || d.Fillers[0].Word != "um" || d.Fillers[0].Count != 3 {
		t.Errorf("fillers = %+v, want um x3 first", d.Fillers)
	}
	if len(d.Hedges) < 2 || d.I != 2 || d.We != 1 {
		t.Errorf("hedges %+v, I %d, we %d", d.Hedges, d.I, d.We)
	}
}

func TestVagueClaimAsksForNumber(t *testing.T) {
	r := analyze("I trained the front desk on scripting and our denials dropped a lot after that.")
	if len(r.Specifics.VagueClaims) != 1 || !strings.Contains(r.Specifics.VagueClaims[0].Prompt, "By how much") {
		t.Fatalf("vague claims = %+v", r.Specifics.VagueClaims)
	}
	r = analyze("I trained the front desk on scripting and our denials dropped from 9% to 4%.")
	if len(r.Specifics.VagueClaims) != 0 {
		t.Errorf("a claim with a number was flagged as vague: %+v", r.Specifics.VagueClaims)
	}
}

func TestTerms(t *testing.T) {
	r := analyze("I keep a PA log in the EHR and check it every morning with the front desk.")
	var used []string
	for _, u := range r.Terms.Used {
		used = append(used, u.Slug)
	}
	if strings.Join(used, ",") != "prior-authorization,electronic-health-record" {
		t.Errorf("terms used = %v", used)
	}
	r = analyze("I keep a log and check it every morning with the front desk team.")
	if len(r.Terms.Suggested) != 2 {
		t.Errorf("suggested = %+v, want PA and EHR", r.Terms.Suggested)
	}
	// A shorter name of a term found inside a longer one is not shown
	// again: one span for "no-show" in "no-show rate".
	g := []rehearse.Term{{Slug: "no-show-rate", Term: "No-show rate", Synonyms: []string{"no-show"}, Definition: "Missed visits over booked visits."}}
	r = analysis.Analyze(analysis.Input{Answer: "Our no-show rate was 12%. I called every no-show, and the no-show rate fell.", Question: question, Glossary: g})
	if len(r.Terms.Used) != 1 {
		t.Fatalf("terms used = %+v", r.Terms.Used)
	}
	var ev []string
	for _, e := range r.Terms.Used[0].Evidence {
		ev = append(ev, e.Text)
	}
	if strings.Join(ev, ",") != "no-show rate,no-show,no-show rate" {
		t.Errorf("evidence = %q; want each mention once, by its longest name", ev)
	}
}

// TestTopWordsSkipCompoundTails: "show" of "no-show" is not a word the
// candidate repeated.
func TestTopWordsSkipCompoundTails(t *testing.T) {
	r := analyze("Our no-show rate was high. The no-show patients were new. I called every no-show and every cancellation, and the calls worked.")
	for _, w := range r.Delivery.TopWords {
		if w.Word == "show" {
			t.Errorf("top words = %+v; want no \"show\"", r.Delivery.TopWords)
		}
	}
}

func TestLevels(t *testing.T) {
	strong := "At my last practice, a six-provider orthopedic group, our denial rate was 11% and most denials were front-end errors. " +
		"I was responsible for fixing registration. I pulled the denials report by reason code, then I set up a rule that we verify eligibility two days before every visit. " +
		"I built an authorization log for prior authorization on imaging, and I trained the front desk with short scripting sessions every Tuesday. " +
		"Within two quarters the denial rate fell from 11% to 5%, and it has stayed under 6% since. We now review the denials report every Monday. " +
		"What I learned is that the fix has to live in the daily routine, not in a one-time class, so the checks are part of our morning huddle."
	r := analyze(strong)
	if r.Summary.Level != analysis.Strong {
		t.Errorf("level = %s, want strong; summary %+v flags %+v structure %+v", r.Summary.Level, r.Summary, r.Flags, r.Structure)
	}
	weak := "I think I would just call the insurance company when a claim got denied and ask them what happened."
	if r := analyze(weak); r.Summary.Level != analysis.NotYet {
		t.Errorf("weak level = %s", r.Summary.Level)
	}
	if len(r.NextSteps) == 0 || len(r.NextSteps) > 3 {
		t.Errorf("next steps = %d, want 1 to 3", len(r.NextSteps))
	}
}

func TestDeterministic(t *testing.T) {
	a := analyze("We verified eligibility and trained the front desk; denials dropped.")
	for i := 0; i < 20; i++ {
		b := analyze("We verified eligibility and trained the front desk; denials dropped.")
		if a.Summary != b.Summary || len(a.NextSteps) != len(b.NextSteps) || a.NextSteps[0].Text != b.NextSteps[0].Text {
			t.Fatal("Analyze is not deterministic")
		}
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"", "I verified eligibility.", "no-show rate 12% -> 7%", "Mrs. X DOB 01/02/1990", "\xff\xfe", strings.Repeat("a ", 300), "don't", "3.5% of $1,200"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := analyze(s)
		text := strings.ToValidUTF8(s, "\uFFFD")
		check := func(sp analysis.Span) {
			if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End || text[sp.Start:sp.End] != sp.Text || !utf8.ValidString(sp.Text) {
				t.Fatalf("span %+v outside or unlike the answer %q", sp, text)
			}
		}
		for _, tp := range r.TalkingPoints {
			for _, e := range tp.Evidence {
				check(e)
			}
		}
		for _, f := range r.Flags {
			for _, e := range f.Evidence {
				check(e)
			}
		}
		for _, n := range r.Specifics.Numbers {
			check(n)
		}
		if r.Summary.Coverage < 0 || r.Summary.Coverage > 1 {
			t.Fatalf("coverage %v", r.Summary.Coverage)
		}
	})
}

func TestAnswerToAnotherQuestion(t *testing.T) {
	other := rehearse.Question{ID: "t-budget", Text: "How do you build the annual budget for a practice?",
		TalkingPoints: []rehearse.TalkingPoint{{Label: "Starts from actuals", Phrases: []string{"last year's actuals", "payroll", "supply costs", "budget variance", "monthly review"}}}}
	role := analysis.NewRoleIndex([]rehearse.Question{*question, other})
	answer := "When I put together the annual budget I start with last year's actuals, then I add the payroll increases, supply costs and rent, and I review the budget variance with the physicians every month."
	r := analysis.Analyze(analysis.Input{Answer: answer, Question: question, Glossary: glossary, Role: role})
	if !hasFlag(r, analysis.FlagOffTopic) || !strings.Contains(r.Flags[0].Message, "annual budget") {
		t.Errorf("flags = %+v; want off_topic naming the budget question", r.Flags)
	}
	good := "At my last practice the denial rate was 11%, so I made the front desk verify eligibility two days ahead and trained them on scripting; denials fell to 6%."
	if r := analysis.Analyze(analysis.Input{Answer: good, Question: question, Glossary: glossary, Role: role}); hasFlag(r, analysis.FlagOffTopic) {
		t.Errorf("a real answer was flagged off topic: %+v", r.Flags)
	}
	// Fitting the other question's words is not answering it: the answer
	// must make two of its points.
	budget := rehearse.Question{ID: "t-budget2", Text: "How do you build the annual budget for a practice?",
		TalkingPoints: []rehearse.TalkingPoint{{Label: "Starts from actuals", Phrases: []string{"last year's actuals"}},
			{Label: "Builds payroll by position", Phrases: []string{"payroll by position"}},
			{Label: "Reviews variance monthly", Phrases: []string{"budget variance"}}}}
	role2 := analysis.NewRoleIndex([]rehearse.Question{*question, budget})
	one := "When I put together the annual budget I start with last year's actuals, and the annual budget goes to the physicians for the budget meeting."
	if r := analysis.Analyze(analysis.Input{Answer: one, Question: question, Glossary: glossary, Role: role2}); hasFlag(r, analysis.FlagOffTopic) && strings.Contains(r.Flags[0].Message, "seems to answer a different question") {
		t.Errorf("an answer making one of the budget question's points was said to answer it: %+v", r.Flags)
	}
	two := one + " Then I build payroll by position."
	if r := analysis.Analyze(analysis.Input{Answer: two, Question: question, Glossary: glossary, Role: role2}); !hasFlag(r, analysis.FlagOffTopic) || !strings.Contains(r.Flags[0].Message, "annual budget") {
		t.Errorf("an answer making two of the budget question's points: flags = %+v", r.Flags)
	}
	// A question about the candidate: telling what one did, in the words
	// of another question, answers it when the answer names its subject.
	leaving := &rehearse.Question{ID: "t-leaving", Text: "Why are you leaving your current role?", Type: rehearse.Motivation,
		Topic:         []string{"leaving", "next step"},
		TalkingPoints: []rehearse.TalkingPoint{{Label: "Gives a forward-looking reason", Phrases: []string{"bigger role"}}}}
	role = analysis.NewRoleIndex([]rehearse.Question{*leaving, other})
	history := "In seven years I built the annual budget from last year's actuals, held payroll and supply costs flat and reviewed the budget variance every month; now I am leaving for a practice with more sites."
	if r := analysis.Analyze(analysis.Input{Answer: history, Question: leaving, Role: role}); hasFlag(r, analysis.FlagOffTopic) {
		t.Errorf("an answer naming why the candidate is leaving was flagged off topic: %+v", r.Flags)
	}
	noSubject := "In seven years I built the annual budget from last year's actuals, held payroll and supply costs flat and reviewed the budget variance every month with the owners."
	if r := analysis.Analyze(analysis.Input{Answer: noSubject, Question: leaving, Role: role}); !hasFlag(r, analysis.FlagOffTopic) {
		t.Errorf("a budget answer that never says why the candidate leaves was not flagged: %+v", r.Flags)
	}
}

// TestTopic: a question's topic phrases name its subject; an answer of 12
// words or more that covers no talking point and never names the subject is
// flagged off topic, and naming it, even negated, is enough to escape the
// flag.
func TestTopic(t *testing.T) {
	q := *question
	q.Topic = []string{"claim denials", "denied claims", "rejections"}
	run := func(answer string) *analysis.Result {
		return analysis.Analyze(analysis.Input{Answer: answer, Question: &q, Glossary: glossary})
	}
	near := "I am very organised at the front desk. I keep the schedule tidy, I answer the phones quickly and I always greet people with a smile when they come in."
	r := run(near)
	if !hasFlag(r, analysis.FlagOffTopic) || !strings.Contains(r.Flags[0].Message, "claim denials") {
		t.Errorf("near-topic answer: flags = %+v; want off_topic naming the subject", r.Flags)
	}
	if r.Summary.Coverage != 0 {
		t.Errorf("off-topic answer earned coverage %.2f", r.Summary.Coverage)
	}
	for _, answer := range []string{
		"We never really had denied claims at my office, but I am very organised at the front desk and I answer the phones quickly.",
		"Our claim was denied twice in one week, so I sat with the front desk and we went through each one to see what was missed.",
		near + " Rejections were low.",
	} {
		if r := run(answer); hasFlag(r, analysis.FlagOffTopic) {
			t.Errorf("%q names the subject but was flagged: %+v", answer, r.Flags)
		}
		if len(analysis.TopicMentions(analysis.Input{Answer: answer, Question: &q, Glossary: glossary})) == 0 {
			t.Errorf("TopicMentions(%q) found nothing", answer)
		}
	}
	// Without a topic the rule does not apply.
	if r := analyze(near); hasFlag(r, analysis.FlagOffTopic) && strings.Contains(r.Flags[0].Message, "does not name") {
		t.Errorf("question without a topic: %+v", r.Flags)
	}
	// A covered talking point: on topic whatever the words (the engine
	// missing the subject must not cost a genuine answer its credit).
	one := "I made the front desk verify eligibility two days ahead, and I sat with the new hires for their first week so they knew the workflow."
	if r := run(one); hasFlag(r, analysis.FlagOffTopic) || r.Summary.Covered != 1 {
		t.Errorf("answer covering one point: covered %d, flags %+v", r.Summary.Covered, r.Flags)
	}
}

// TestStarEvidence: a sentence with the cues of several STAR parts is shown
// as evidence of the part it mostly tells, by place in the story: the
// opening sets the scene even with a past verb, and a closing "...when I
// was out" is no situation.
func TestStarEvidence(t *testing.T) {
	answer := "In my last role I ran the front desk for a six-provider practice. Our no-show rate was about 12 percent, so I looked at the data by visit type. " +
		"I started reminder calls and texts two days ahead and added a waitlist. Within three months the no-show rate dropped from 12% to 7%. " +
		"I trained two receptionists to run the reminders, so it kept working when I was out."
	r := analyze(answer)
	got := map[string][]string{}
	for _, p := range r.Structure.Parts {
		for _, e := range p.Evidence {
			got[p.Name] = append(got[p.Name], e.Text[:min(len(e.Text), 20)])
		}
	}
	want := map[string][]string{
		"situation": {"In my last role I ra"},
		"action":    {"Our no-show rate was", "I started reminder c"},
		"result":    {"Within three months "},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("STAR evidence (-want +got):\n%s", diff)
	}
	// A part whose cues only appear in sentences that mostly tell another
	// part is still present, with those sentences as evidence.
	r = analyze("I called the payer and fixed the claims. It kept working when I was out, and denials fell to 4%.")
	if p := r.Structure.Parts[0]; !p.Present || len(p.Evidence) != 1 || !strings.HasPrefix(p.Evidence[0].Text, "It kept") {
		t.Errorf("situation = %+v; want present with the second sentence", p)
	}
}

// TestSpecificExample: something the candidate did, with a number, is a
// specific example even without "for example" or "at my last job".
func TestSpecificExample(t *testing.T) {
	bg := &rehearse.Question{ID: "t-bg", Text: "Can you tell us about your previous experience?", Type: rehearse.Background,
		TalkingPoints: []rehearse.TalkingPoint{{Label: "Scope", Phrases: []string{"family medicine"}}}}
	example := func(answer string) bool {
		r := analysis.Analyze(analysis.Input{Answer: answer, Question: bg})
		return r.Structure.Parts[0].Name == "specific example" && r.Structure.Parts[0].Present
	}
	if !example("I managed a family medicine office with eleven staff. I brought days in A/R from 48 to 37 in a year.") {
		t.Error("an achievement with numbers is not a specific example")
	}
	if example("I am organised and I like people. Managing an office suits me and I learn fast on any system.") {
		t.Error("a list of traits counted as a specific example")
	}
}

// TestOutsideWork: a story about a vacation or a game, with no point made
// and no term of the role, is off topic, and says so; work stories that
// mention home life are not.
func TestOutsideWork(t *testing.T) {
	r := analyze("On weekends I coach my daughter's soccer team. We did not win a game all season, but the girls had fun and learned to pass.")
	if !hasFlag(r, analysis.FlagOffTopic) || !strings.Contains(r.Flags[0].Message, "outside work") || len(r.Flags[0].Evidence) == 0 {
		t.Errorf("soccer story: flags = %+v; want off_topic about life outside work, with evidence", r.Flags)
	}
	for _, answer := range []string{
		"On weekends I covered the front desk myself, and my daughter helped with the phones while I verified eligibility two days ahead for every visit.",
		"At my last practice our denial rate was 11%, so before my vacation I trained the front desk to verify eligibility two days ahead; denials fell to 6%.",
	} {
		if r := analyze(answer); hasFlag(r, analysis.FlagOffTopic) {
			t.Errorf("%q: flagged %+v", answer, r.Flags)
		}
	}
}

// TestWordSalad: real words strung together without sense are nonsense;
// a plain answer with one colour or one repeated word is not.
func TestWordSalad(t *testing.T) {
	r := analyze("The denials are collected in a jar, and when the eligibility moon is full the rate goes purple. Late late late, the front desk sings.")
	if !hasFlag(r, analysis.FlagNonsense) || r.Summary.Coverage != 0 {
		t.Errorf("word salad: flags = %+v, coverage %.2f", r.Flags, r.Summary.Coverage)
	}
	for _, answer := range []string{
		"I put a purple sticker on every chart that needed an authorization, so the front desk could verify eligibility two days ahead. Denials fell from 11% to 6%.",
		"We were short, short staffed for a month, so I trained two people to verify eligibility and our denials dropped by half.",
		"I'll use the STAR method. STAR helps: situation, task, action, result, the STAR way, in order.",
	} {
		if r := analyze(answer); hasFlag(r, analysis.FlagNonsense) {
			t.Errorf("%q: flagged %+v", answer, r.Flags)
		}
	}
}

// TestRestatedInOtherWords: an answer that only says what was asked, in
// its own words and with a remark about the question, repeats it.
func TestRestatedInOtherWords(t *testing.T) {
	for _, answer := range []string{
		"You're asking about my experience with that kind of problem. That's a good question.",
		"So the situation is that claims keep coming back because of mistakes made up front. And the question is what I did about those front-end errors.",
	} {
		if r := analyze(answer); !hasFlag(r, analysis.FlagRepeatsQuestion) {
			t.Errorf("%q: flags = %+v, want %s", answer, r.Flags, analysis.FlagRepeatsQuestion)
		}
	}
	if r := analyze("You're asking about denials. At my last practice I trained the front desk to verify eligibility two days ahead, and the denial rate fell from 11% to 6%."); hasFlag(r, analysis.FlagRepeatsQuestion) {
		t.Errorf("an answer that goes on to answer: flags = %+v", r.Flags)
	}
}

// shippedQuestion returns a question of the shipped Medical Office Manager
// pack with its role and the role's question index.
func shippedQuestion(t *testing.T, id string) (*rehearse.Question, *rehearse.Role, *analysis.RoleIndex) {
	t.Helper()
	packs, problems := pack.ReadAll(content.FS, "medical-office-manager")
	if len(packs) != 1 || len(problems) > 0 {
		t.Fatalf("reading the shipped pack: %v", problems)
	}
	role := packs[0].Role
	for i := range role.Questions {
		if role.Questions[i].ID == id {
			return &role.Questions[i], role, analysis.NewRoleIndex(role.Questions)
		}
	}
	t.Fatalf("no question %s", id)
	return nil, role, nil
}

// TestForeignWords: an answer much of whose wording no question of the
// role uses is off topic (nonsense, another trade); a plain answer in the
// role's words is not; a role too small to judge by judges nothing.
func TestForeignWords(t *testing.T) {
	q, role, index := shippedQuestion(t, "mom-acc-reduce-no-shows")
	in := func(answer string) analysis.Input {
		return analysis.Input{Answer: answer, Question: q, Glossary: role.Glossary, Role: index}
	}
	for _, answer := range []string{
		"When I waited tables at the restaurant, the chef plated the pasta, I carried the trays, refilled the drinks and wiped the booths before the dinner rush.",
		"The no-show ladder folds upward into Thursday, so the headcount simmers beneath the blue lantern while rivers carry the staircase to lunch.",
	} {
		r := analysis.Analyze(in(answer))
		if !hasFlag(r, analysis.FlagOffTopic) || r.Summary.Coverage != 0 || !strings.Contains(r.Flags[0].Message, "never mention") || len(r.Flags[0].Evidence) == 0 {
			t.Errorf("%q: flags = %+v, coverage %.2f; want off_topic with the foreign words as evidence", answer, r.Flags, r.Summary.Coverage)
		}
		small := analysis.NewRoleIndex([]rehearse.Question{*q})
		if r := analysis.Analyze(analysis.Input{Answer: answer, Question: q, Role: small}); hasFlag(r, analysis.FlagOffTopic) && strings.Contains(r.Flags[0].Message, "never mention") {
			t.Errorf("%q: judged by the words of a one-question role: %+v", answer, r.Flags)
		}
	}
	good := "Our no-show rate was 14 percent, so I started text reminders two days ahead and a call the day before, and we kept a short wait list to fill the gaps. Within three months we were down to 8 percent."
	if r := analysis.Analyze(in(good)); len(r.Flags) > 0 && r.Flags[0].Severity == "problem" {
		t.Errorf("a plain answer in the role's words: flags = %+v", r.Flags)
	}
}

// TestAboutAnotherQuestion: a story about what another question of the
// role asks (collections, told for a question about onboarding) is off
// topic even when it makes a point or two by chance; a real answer is not,
// nor is a vague one that is about nothing in particular.
func TestAboutAnotherQuestion(t *testing.T) {
	q, role, index := shippedQuestion(t, "mom-hr-onboarding-program")
	analyze := func(answer string) *analysis.Result {
		return analysis.Analyze(analysis.Input{Answer: answer, Question: q, Glossary: role.Glossary, Role: index})
	}
	// It makes two of the six points by chance ("percent", "90 days"), so
	// the other checks, which need at most one, let it through.
	collections := "My best work was in collections. When I came in, 35 percent of our A/R was over 90 days. " +
		"I started a weekly meeting with the billers, we worked the largest old balances first, and registration " +
		"errors went back to the front desk the same afternoon. In a year days in A/R went from 49 to 36."
	if r := analyze(collections); !hasFlag(r, analysis.FlagOffTopic) || !strings.Contains(r.Flags[0].Message, "ask elsewhere") || r.Summary.Coverage != 0 {
		t.Errorf("collections story for an onboarding question: flags = %+v, coverage %.2f", r.Flags, r.Summary.Coverage)
	}
	for _, answer := range []string{
		"New front-desk hires used to need two months before they could check patients in alone. I wrote a four-week plan with " +
			"a checklist for each task, paired every new hire with one trained receptionist, and signed off each skill only after " +
			"watching it done. HIPAA and safety training happened in week one. Time to working alone fell to three weeks.",
		"I always try to make new people feel welcome. I show them around the office, introduce them to everyone and tell them " +
			"they can come to me with any question.",
	} {
		if r := analyze(answer); hasFlag(r, analysis.FlagOffTopic) && strings.Contains(r.Flags[0].Message, "ask elsewhere") {
			t.Errorf("%q: flags = %+v", answer, r.Flags)
		}
	}
}

// runningLate returns a situational question with the first n of six
// talking points, for stories that make some of them by chance.
func runningLate(n int) *rehearse.Question {
	points := []rehearse.TalkingPoint{
		{Label: "Tells patients how long", Phrases: []string{"how long"}},
		{Label: "Apologizes", Phrases: []string{"apologized"}},
		{Label: "Offers options", Phrases: []string{"reschedule", "rebook"}},
		{Label: "Updates the provider", Phrases: []string{"told the doctor"}},
		{Label: "Checks in again", Phrases: []string{"checked back"}},
		{Label: "Keeps the schedule", Phrases: []string{"move the schedule"}},
	}
	return &rehearse.Question{ID: "t-late", Text: "A provider is running an hour late and the waiting room is full. What do you do?",
		Type: rehearse.Situational, TalkingPoints: points[:n]}
}

// TestChancePoints: a story from outside work can make two of five points
// by chance and is still flagged; a question of four points allows one.
func TestChancePoints(t *testing.T) {
	q := runningLate(5)
	story := "Our flight to Denver was delayed two hours last spring. The gate agent told us honestly how long it would be and apologized, and we still made it to my sister's wedding."
	r := analysis.Analyze(analysis.Input{Answer: story, Question: q})
	if !hasFlag(r, analysis.FlagOffTopic) || r.Summary.Coverage != 0 {
		t.Errorf("flight story: flags = %+v, coverage %.2f", r.Flags, r.Summary.Coverage)
	}
	q.TalkingPoints = q.TalkingPoints[:4]
	if r := analysis.Analyze(analysis.Input{Answer: story, Question: q}); hasFlag(r, analysis.FlagOffTopic) {
		t.Errorf("two of four points: flags = %+v; only one point is allowed to chance", r.Flags)
	}
}

// TestEchoedQuestionMakesNoPoint: a first sentence that says the question
// again makes no point with the question's words; the same words later, in
// the candidate's own sentence, do.
func TestEchoedQuestionMakesNoPoint(t *testing.T) {
	q := *question
	q.TalkingPoints = append(append([]rehearse.TalkingPoint(nil), q.TalkingPoints...),
		rehearse.TalkingPoint{Label: "Names the front-end errors", Phrases: []string{"front-end errors"}})
	last := len(q.TalkingPoints) - 1
	in := func(answer string) analysis.Input {
		return analysis.Input{Answer: answer, Question: &q, Glossary: glossary}
	}
	echo := "A time I reduced claim denials caused by front-end errors. I trained the front desk on scripting and we checked the denial rate weekly."
	if r := analysis.Analyze(in(echo)); r.TalkingPoints[last].Covered {
		t.Errorf("the echoed question covered %q: %+v", q.TalkingPoints[last].Label, r.TalkingPoints[last].Evidence)
	}
	own := echo + " Most front-end errors were wrong member IDs typed at check-in."
	if r := analysis.Analyze(in(own)); !r.TalkingPoints[last].Covered {
		t.Errorf("the candidate's own sentence did not cover %q", q.TalkingPoints[last].Label)
	}
}

// TestVividOutsideWork: a story plainly from life outside work (four or
// more words of leisure and home) is flagged even when it makes up to half
// of the points by chance; with fewer such words, two chance points of four
// let it through.
func TestVividOutsideWork(t *testing.T) {
	q := runningLate(6)
	vivid := "Our flight to Denver was delayed two hours last spring. The gate agent told us how long it would be, apologized, and offered to rebook anyone with a connection. The kids got food vouchers and we made my sister's wedding."
	if r := analysis.Analyze(analysis.Input{Answer: vivid, Question: q}); !hasFlag(r, analysis.FlagOffTopic) || r.Summary.Coverage != 0 {
		t.Errorf("three of six points by chance: flags = %+v, coverage %.2f", r.Flags, r.Summary.Coverage)
	}
	q.TalkingPoints = q.TalkingPoints[:5]
	if r := analysis.Analyze(analysis.Input{Answer: vivid, Question: q}); hasFlag(r, analysis.FlagOffTopic) {
		t.Errorf("three of five points is more than half: flags = %+v", r.Flags)
	}
}

// TestTerseFragments: in an answer of sentences, a terse fragment of up to
// a dozen words is part of the answer ("Step one: eligibility, prior
// authorization, the denial rate."); a longer run of bare keywords next to
// one sentence is still a keyword list and covers nothing.
func TestTerseFragments(t *testing.T) {
	terse := "I ran the front end for four years at a busy clinic. Step one: verify eligibility two days out, every visit. Denials fell by half in a quarter."
	if r := analyze(terse); !r.TalkingPoints[0].Covered {
		t.Errorf("a terse fragment between sentences did not count: %+v", r.TalkingPoints[0])
	}
	dump := "I am a hard worker and I love this field. Verify eligibility prior authorization authorization log denial rate denials report trained the front desk training session scripting."
	if r := analyze(dump); coveredCount(r) > 0 {
		t.Errorf("a 17-word keyword dump after one sentence covered %d points", coveredCount(r))
	}
}

func coveredCount(r *analysis.Result) int {
	n := 0
	for _, tp := range r.TalkingPoints {
		if tp.Covered {
			n++
		}
	}
	return n
}

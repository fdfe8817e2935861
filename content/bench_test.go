package content_test

import (
	"testing"

	"github.com/rehearse/rehearse/analysis"
)

// BenchmarkAnalyzeShipped measures the feedback endpoint's analysis: the
// answer bench/feedback.sh posts, to a shipped question, with the role's
// 210-term glossary, compiled rubric and question index.
func BenchmarkAnalyzeShipped(b *testing.B) {
	packs := shipped(b)
	for _, p := range packs {
		for i := range p.Role.Questions {
			q := &p.Role.Questions[i]
			if q.ID != "mom-acc-reduce-no-shows" {
				continue
			}
			in := analysis.Input{Answer: benchAnswer, Question: q, Glossary: p.Role.Glossary,
				Role: analysis.NewRoleIndex(p.Role.Questions), Rubric: analysis.Compile(q, p.Role.Glossary)}
			analysis.Analyze(in)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				analysis.Analyze(in)
			}
			return
		}
	}
	b.Fatal("question not found")
}

const benchAnswer = "In my last role I ran the front desk and the schedule for a six-provider family practice. Our no-show rate was about 12 percent, so I looked at the data by visit type and found most no-shows were new patients booked weeks out. I started reminder calls and texts two days ahead, added a waitlist to fill cancellations and moved new patients into open slots sooner. Within three months the no-show rate dropped from 12% to 7%, and provider utilization went up. I reported the numbers to the physicians every month and trained two receptionists to run the reminders, so it kept working when I was out."

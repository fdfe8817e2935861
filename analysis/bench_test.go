package analysis_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rehearse/rehearse/analysis"
)

// answer250 is a realistic answer of 250 words.
var answer250 = strings.Join(strings.Fields(strings.Repeat("At my last practice, a six-provider orthopedic group, our denial rate was about 11% and most denials were front-end errors. "+
	"I pulled the denials report by reason code, then I set up a rule that we verify eligibility two days before every visit. "+
	"I built an authorization log for prior authorization on imaging and trained the front desk with short scripting sessions. ", 5))[:250], " ")

// BenchmarkAnalyze measures one analysis of a 250-word answer on one core
// (go test -bench Analyze -cpu 1 ./analysis). The goal is 50 µs or less.
func BenchmarkAnalyze(b *testing.B) {
	in := analysis.Input{Answer: answer250, Question: question, Glossary: glossary}
	if n := len(strings.Fields(answer250)); n < 240 || n > 260 {
		b.Fatalf("answer has %d words, want about 250", n)
	}
	analysis.Analyze(in) // compile and warm the caches
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		analysis.Analyze(in)
	}
}

// BenchmarkResultJSON measures encoding one result as the API does, for
// comparison with the analysis itself.
func BenchmarkResultJSON(b *testing.B) {
	r := analysis.Analyze(analysis.Input{Answer: answer250, Question: question, Glossary: glossary})
	var buf bytes.Buffer
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := json.NewEncoder(&buf).Encode(r); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

package analysis

import (
	"math"
	"sort"

	"github.com/rehearse/rehearse"
)

// Delivery is how the answer would come across spoken.
type Delivery struct {
	Words            int     `json:"words"`
	Sentences        int     `json:"sentences"`
	EstimatedSeconds int     `json:"estimated_seconds"` // at SpeakingRate
	TargetSeconds    [2]int  `json:"target_seconds"`    // good range for this question type
	Length           string  `json:"length"`            // "short", "good" or "long"
	DurationSeconds  float64 `json:"duration_seconds,omitempty"`
	WordsPerMinute   float64 `json:"words_per_minute,omitempty"`
	// Pace is "slow", "good" or "fast" when the real duration is known.
	Pace     string      `json:"pace,omitempty"`
	Fillers  []WordCount `json:"fillers"`
	Hedges   []WordCount `json:"hedges"`
	TopWords []WordCount `json:"top_words"`
	// I and We count first-person singular and plural words; an answer
	// about your own work should say "I" about what you did.
	I  int `json:"i"`
	We int `json:"we"`
}

// WordCount is a word or phrase, how often it occurs, and where.
type WordCount struct {
	Word     string `json:"word"`
	Count    int    `json:"count"`
	Evidence []Span `json:"evidence,omitempty"`
}

// SpeakingRate is the words per minute used to estimate speaking time; a
// comfortable interview pace is about 120-160.
const SpeakingRate = 140

// TargetSeconds gives the good spoken length of an answer by question type,
// as [shortest, longest] in seconds.
func TargetSeconds(t rehearse.QuestionType) [2]int {
	switch t {
	case rehearse.Behavioral:
		return [2]int{60, 120}
	case rehearse.Situational:
		return [2]int{45, 120}
	case rehearse.Technical, rehearse.Background:
		return [2]int{30, 90}
	case rehearse.Closing:
		return [2]int{15, 60}
	}
	return [2]int{30, 75}
}

var fillers = cues("um", "uh", "er", "erm", "ah", "hmm", "you know", "basically", "actually", "literally", "i mean", "like um", "so yeah", "and stuff", "or whatever")

var hedges = cues("i think", "i guess", "maybe", "probably", "i believe", "hopefully", "somewhat", "i feel like",
	"kind of", "sort of", "try to", "more or less", "i suppose", "perhaps", "not sure")

func analyzeDelivery(a *answer, qt rehearse.QuestionType, duration float64) Delivery {
	d := Delivery{Words: len(a.Tokens), Sentences: len(a.Sentences), TargetSeconds: TargetSeconds(qt),
		Fillers: countCues(a, fillers), Hedges: countCues(a, hedges), TopWords: topWords(a, 5)}
	d.EstimatedSeconds = int(math.Round(float64(d.Words) * 60 / SpeakingRate))
	secs := float64(d.EstimatedSeconds)
	if duration > 0 {
		d.DurationSeconds = duration
		d.WordsPerMinute = math.Round(float64(d.Words)*60/duration*10) / 10
		secs = duration
		switch {
		case d.WordsPerMinute < 110:
			d.Pace = "slow"
		case d.WordsPerMinute > 170:
			d.Pace = "fast"
		default:
			d.Pace = "good"
		}
	}
	// "Short" leaves a margin under the target: a tight 100-word story is
	// fine; a 40-word one is not.
	switch {
	case secs < float64(d.TargetSeconds[0])*0.75:
		d.Length = "short"
	case secs > float64(d.TargetSeconds[1]):
		d.Length = "long"
	default:
		d.Length = "good"
	}
	for _, t := range a.Tokens {
		switch t.Lower {
		case "i", "me", "my", "mine", "myself", "im", "ive", "id", "ill":
			d.I++
		case "we", "us", "our", "ours", "ourselves", "weve", "wed":
			d.We++
		}
	}
	return d
}

func countCues(a *answer, c cueList) []WordCount {
	out := []WordCount{}
	for _, p := range c {
		wc := WordCount{Word: p.text}
		for i := range a.at(p.stems[0]) {
			if a.contiguous(p, i) && (len(p.stems) > 1 || a.Tokens[i].Lower == p.text) {
				wc.Count++
				if len(wc.Evidence) < 3 {
					wc.Evidence = append(wc.Evidence, a.Span(i, i+len(p.stems)-1))
				}
			}
		}
		if wc.Count > 0 {
			out = append(out, wc)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out
}

// topWords returns the most used content words (twice or more).
func topWords(a *answer, n int) []WordCount {
	out := []WordCount{}
	for stem, first := range a.head {
		t := a.Tokens[first]
		if t.is(clsStop) || len(t.Lower) < 3 || t.Number || a.canon[first] != t.Stem {
			continue
		}
		c := 0
		for range a.at(stem) {
			c++
		}
		if c >= 2 {
			out = append(out, WordCount{Word: t.Lower, Count: c})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Word < out[j].Word
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

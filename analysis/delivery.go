package analysis

import (
	"cmp"
	"math"
	"slices"

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
	if a.stats.classes&(clsFirstPerson|clsFirstPlural) != 0 {
		for i := range a.Tokens {
			switch c := a.Tokens[i].Class; {
			case c&clsFirstPerson != 0:
				d.I++
			case c&clsFirstPlural != 0:
				d.We++
			}
		}
	}
	return d
}

// firstPerson and firstPlural are the words counted as "I" and "we".
var (
	firstPerson = setOf("i", "me", "my", "mine", "myself", "im", "ive", "id", "ill")
	firstPlural = setOf("we", "us", "our", "ours", "ourselves", "weve", "wed")
)

func countCues(a *answer, c cueList) []WordCount {
	out := []WordCount{}
	for pi := range c {
		p := &c[pi]
		wc := WordCount{Word: p.text}
		for j, k := a.anchor(p); j >= 0; j = int(a.next[j]) {
			if i := j - k; i >= 0 && a.contiguous(p, i) && (len(p.stems) > 1 || a.Tokens[i].Lower == p.text) {
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
	slices.SortStableFunc(out, func(x, y WordCount) int { return cmp.Compare(y.Count, x.Count) })
	return out
}

// topWords returns the most used content words (twice or more).
func topWords(a *answer, n int) []WordCount {
	var top [8]WordCount // the best n so far, in order
	n, k := min(n, len(top)), 0
	for id, first := range a.heads {
		t := &a.Tokens[first]
		c := int(a.counts[id])
		if c < 2 || t.is(clsStop) || len(t.Lower) < 3 || t.Number || a.keys[id].s != t.Stem {
			continue
		}
		if t.Start > 0 && a.Raw[t.Start-1] == '-' {
			continue // the tail of a compound: "show" of "no-show" is no word of the answer's
		}
		// Words are distinct, so count then word orders them fully.
		w := WordCount{Word: t.Lower, Count: c}
		j := k
		for j > 0 && (top[j-1].Count < c || top[j-1].Count == c && top[j-1].Word > w.Word) {
			j--
		}
		if j >= n {
			continue
		}
		if k < n {
			k++
		}
		copy(top[j+1:k], top[j:k-1])
		top[j] = w
	}
	out := make([]WordCount, k)
	copy(out, top[:k])
	return out
}

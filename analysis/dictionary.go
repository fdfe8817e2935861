package analysis

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"sync"
)

// englishWords lists English words of six letters or more, one a line
// (SCOWL via Debian's wamerican; scripts/gen-words.sh regenerates it).
//
//go:embed words/english.txt.gz
var englishWords []byte

// dictionary is the set of englishWords, built on first use.
var dictionary = sync.OnceValue(func() map[string]struct{} {
	zr, err := gzip.NewReader(bytes.NewReader(englishWords))
	if err != nil {
		panic("analysis: embedded word list: " + err.Error())
	}
	m := make(map[string]struct{}, 60000)
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		m[sc.Text()] = struct{}{}
	}
	if err := sc.Err(); err != nil {
		panic("analysis: embedded word list: " + err.Error())
	}
	return m
})

// isWord reports whether lower, a lowercase word of six letters or more, is
// an English word: then it is what the candidate meant, never a typo of a
// cue word ("dental" is not "denials", "available" is not "Availity").
func isWord(lower string) bool {
	_, ok := dictionary()[lower]
	return ok
}

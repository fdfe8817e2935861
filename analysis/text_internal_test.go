package analysis

import (
	"strconv"
	"testing"
)

// TestWordCacheWarmUp checks that caching many new words builds few
// snapshots: each snapshot copies every cached word, so building one per
// new word made warming up quadratic (indexing the shipped roles took
// seconds).
func TestWordCacheWarmUp(t *testing.T) {
	c := &wordCache{dirty: map[string]*wordInfo{}}
	c.read.Store(&map[string]*wordInfo{})
	const n = 20000
	for i := range n {
		w := "word" + strconv.Itoa(i)
		if got := c.miss(w); got.word != w {
			t.Fatalf("miss(%q) = %q", w, got.word)
		}
	}
	if c.snapshots > 60 {
		t.Errorf("%d new words built %d snapshots; want a number that grows with the log of the words", n, c.snapshots)
	}
	// Every word is found again, from the snapshot or the dirty map.
	for i := 0; i < n; i += 997 {
		w := "word" + strconv.Itoa(i)
		if got := c.miss(w); got.word != w {
			t.Fatalf("second miss(%q) = %q", w, got.word)
		}
	}
	// Words looked up again and again end up in the lock-free snapshot.
	for range n {
		c.miss("word1")
	}
	if _, ok := (*c.read.Load())["word1"]; !ok {
		t.Error("a word missed often is still not in the snapshot")
	}
}

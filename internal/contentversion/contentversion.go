// Package contentversion follows the content version (rehearse.Store's
// ContentVersion, changed by every import that changes content) for the
// caches of a server, which drop what they hold when it changes. The
// database is asked at most once per interval, by one request at a time:
// while one asks, the others go on with the version already known.
package contentversion

import (
	"context"
	"sync"
	"time"
)

// Watch is the last content version seen and when it was fetched. The zero
// value is ready to use.
type Watch struct {
	mu         sync.Mutex
	current    string
	checked    time.Time
	refreshing bool
}

// Current returns the content version: the known one while it is younger
// than ttl or another request is fetching a new one, else the one fetch
// returns. ok is false when fetch failed; nothing is then remembered, so the
// next request asks again.
func (w *Watch) Current(ctx context.Context, ttl time.Duration, fetch func(context.Context) (string, error)) (v string, ok bool) {
	w.mu.Lock()
	if w.current != "" && (time.Since(w.checked) < ttl || w.refreshing) {
		v := w.current
		w.mu.Unlock()
		return v, true
	}
	w.refreshing = true
	w.mu.Unlock()

	v, err := fetch(ctx)

	w.mu.Lock()
	defer w.mu.Unlock()
	w.refreshing = false
	if err != nil {
		return "", false
	}
	w.current, w.checked = v, time.Now()
	return v, true
}

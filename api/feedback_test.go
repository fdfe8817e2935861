package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestCacheOnce: requests that miss the same key at once share one load; a
// failed load is not kept; a load its own request gave up on is done again
// for the others instead of failing them.
func TestCacheOnce(t *testing.T) {
	c := &rubricCache{m: map[string]any{}, flights: map[string]*flight{}}
	var loads atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			v, err := c.once("k", func() (any, error) {
				loads.Add(1)
				<-release
				return 42, nil
			})
			if err != nil || v.(int) != 42 {
				t.Errorf("once = %v, %v", v, err)
			}
		})
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Errorf("%d loads for 20 concurrent misses, want 1", n)
	}

	boom := errors.New("boom")
	if _, err := c.once("bad", func() (any, error) { return 0, boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if v, err := c.once("bad", func() (any, error) { return 7, nil }); err != nil || v.(int) != 7 {
		t.Errorf("after a failed load: %v, %v; want a new load", v, err)
	}

	started := make(chan struct{})
	go func() {
		_, _ = c.once("gone", func() (any, error) {
			close(started)
			time.Sleep(20 * time.Millisecond)
			return 0, context.Canceled
		})
	}()
	<-started
	if v, err := c.once("gone", func() (any, error) { return 9, nil }); err != nil || v.(int) != 9 {
		t.Errorf("waiter of a cancelled load got %v, %v; want its own load", v, err)
	}
}

// TestTurnsInOrder: jobs waiting for a turn run in arrival order, a job
// whose request gives up while waiting does not run, and one that has
// started is waited for.
func TestTurnsInOrder(t *testing.T) {
	q := newTurns(1)
	hold, held := make(chan struct{}), make(chan struct{})
	go func() {
		if err := q.do(context.Background(), func() { close(held); <-hold }); err != nil {
			t.Error(err)
		}
	}()
	<-held
	ctx, cancel := context.WithCancel(context.Background())
	gaveUp := make(chan error)
	go func() { gaveUp <- q.do(ctx, func() { t.Error("a job whose request gave up ran") }) }()
	time.Sleep(25 * time.Millisecond)
	cancel()
	if err := <-gaveUp; !errors.Is(err, context.Canceled) {
		t.Fatalf("do with a cancelled context: %v", err)
	}
	var order []int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range 5 {
		wg.Go(func() {
			if err := q.do(context.Background(), func() {
				mu.Lock()
				order = append(order, i)
				mu.Unlock()
			}); err != nil {
				t.Error(err)
			}
		})
		time.Sleep(25 * time.Millisecond) // arrive one after another
	}
	close(hold)
	wg.Wait()
	if len(order) != 5 {
		t.Fatalf("%d of 5 jobs ran", len(order))
	}
	for i, v := range order {
		if v != i {
			t.Fatalf("jobs ran in order %v, want arrival order", order)
		}
	}

	// A request that gives up while its job runs waits for the job: the
	// job writes what the handler reads.
	ctx, cancel = context.WithCancel(context.Background())
	running, finish := make(chan struct{}), make(chan struct{})
	finished := false
	returned := make(chan error)
	go func() {
		returned <- q.do(ctx, func() { close(running); <-finish; finished = true })
	}()
	<-running
	cancel()
	select {
	case err := <-returned:
		t.Fatalf("do returned (%v) while its job ran", err)
	case <-time.After(25 * time.Millisecond):
	}
	close(finish)
	if err := <-returned; err != nil || !finished {
		t.Fatalf("do after its job ran: %v, finished %v", err, finished)
	}
	// A job that panics panics its caller, where the server recovers, and
	// the worker goes on.
	func() {
		defer func() {
			if v := recover(); v == nil || !strings.Contains(fmt.Sprint(v), "boom") {
				t.Errorf("caller of a panicking job recovered %v", v)
			}
		}()
		_ = q.do(context.Background(), func() { panic("boom") })
	}()
	ran := false
	if err := q.do(context.Background(), func() { ran = true }); err != nil || !ran {
		t.Errorf("after a panic: %v, ran %v", err, ran)
	}
	if analyses.workers < 1 {
		t.Errorf("no analysis workers")
	}
}

// TestClientGone: a request whose client went away is neither answered
// nor logged as a failure; the same error on a live request is.
func TestClientGone(t *testing.T) {
	var logged bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logged, nil))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	gone := httptest.NewRequest(http.MethodPost, "/api/v1/questions/x/feedback", nil).WithContext(ctx)
	err := fmt.Errorf("waiting for a turn: %w", context.Canceled)
	if !ClientGone(gone, err) {
		t.Errorf("ClientGone(cancelled request, %v) = false", err)
	}
	w := httptest.NewRecorder()
	WriteError(w, gone, logger, err)
	if w.Body.Len() != 0 || logged.Len() != 0 {
		t.Errorf("gone client: wrote %q, logged %q", w.Body.String(), logged.String())
	}

	live := httptest.NewRequest(http.MethodPost, "/api/v1/questions/x/feedback", nil)
	if ClientGone(live, err) {
		t.Errorf("ClientGone(live request, %v) = true", err)
	}
	w = httptest.NewRecorder()
	WriteError(w, live, logger, err)
	if w.Code != http.StatusInternalServerError || !strings.Contains(logged.String(), "request failed") {
		t.Errorf("live request: status %d, logged %q", w.Code, logged.String())
	}
}

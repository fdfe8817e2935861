package api

import (
	"context"
	"errors"
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

// TestTurnsInOrder: requests waiting for a turn get it in arrival order,
// and a request that gives up while waiting leaves the queue.
func TestTurnsInOrder(t *testing.T) {
	sem := make(chan struct{}, 1)
	hold, err := take(context.Background(), sem)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := take(ctx, sem); !errors.Is(err, context.Canceled) {
		t.Fatalf("take with a cancelled context: %v", err)
	}
	var order []int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range 5 {
		wg.Go(func() {
			release, err := take(context.Background(), sem)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
			release()
		})
		time.Sleep(25 * time.Millisecond) // arrive one after another
	}
	hold()
	wg.Wait()
	if len(order) != 5 {
		t.Fatalf("%d of 5 requests got a turn", len(order))
	}
	for i, v := range order {
		if v != i {
			t.Fatalf("turns given in order %v, want arrival order", order)
		}
	}
	if cap(turns) < 1 {
		t.Errorf("turns has no room")
	}
}

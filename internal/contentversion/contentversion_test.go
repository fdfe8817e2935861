package contentversion

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestWatch(t *testing.T) {
	ctx := context.Background()
	var w Watch
	var fetches atomic.Int32
	version := "v1"
	fetch := func(context.Context) (string, error) { fetches.Add(1); return version, nil }
	if v, ok := w.Current(ctx, time.Hour, fetch); !ok || v != "v1" {
		t.Fatalf("first Current = %q, %v", v, ok)
	}
	version = "v2"
	if v, _ := w.Current(ctx, time.Hour, fetch); v != "v1" || fetches.Load() != 1 {
		t.Errorf("within the interval: %q after %d fetches; want v1 after 1", v, fetches.Load())
	}
	if v, _ := w.Current(ctx, 0, fetch); v != "v2" {
		t.Errorf("after the interval: %q, want v2", v)
	}
	if v, ok := w.Current(ctx, 0, func(context.Context) (string, error) { return "", errors.New("down") }); ok || v != "" {
		t.Errorf("failed fetch: %q, %v; want not ok", v, ok)
	}

	// While one request fetches, the others get the known version at once.
	release := make(chan struct{})
	started := make(chan struct{})
	slow := func(context.Context) (string, error) { close(started); <-release; return "v3", nil }
	var wg sync.WaitGroup
	wg.Go(func() { w.Current(ctx, 0, slow) })
	<-started
	if v, ok := w.Current(ctx, 0, func(context.Context) (string, error) { t.Error("second fetch"); return "", nil }); !ok || v != "v2" {
		t.Errorf("during a fetch: %q, %v; want v2", v, ok)
	}
	close(release)
	wg.Wait()
	if v, _ := w.Current(ctx, time.Hour, fetch); v != "v3" {
		t.Errorf("after the slow fetch: %q, want v3", v)
	}
}

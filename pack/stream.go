package pack

import (
	"context"
	"io/fs"
	"runtime"
	"sync"

	"github.com/rehearse/rehearse"
)

// StreamResult is what ReadAndImport did.
type StreamResult struct {
	ImportResult
	// Problems are the problems of every pack read; a pack with problems
	// is not imported and its previous version, if any, stays.
	Problems []Problem
}

// window bounds how many packs are read ahead of the import, so that
// memory stays small whatever the size of the catalog.
const window = 32

// ReadAndImport reads and checks the packs at paths (as Discover lists
// them) on every CPU while it imports them, in order, a batch of roles per
// transaction (see Import). Packs are checked as a set as ReadAll does; a
// pack with problems, or one that clashes with a pack read before it, is
// reported and skipped. Memory stays bounded: packs are dropped once
// imported. progress, when not nil, is called with the number of packs
// done. An error (including cancellation of ctx) stops the import; the
// batch in progress then changes nothing.
func ReadAndImport(ctx context.Context, store rehearse.Store, fsys fs.FS, paths []string, progress func(done int)) (StreamResult, error) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
	}()
	results := make([]chan readResult, len(paths))
	for i := range results {
		results[i] = make(chan readResult, 1)
	}
	slots := make(chan struct{}, window)
	next := make(chan int)
	// A store that can do part of its import work without the database
	// (encoding, search text) does it here, on every CPU, rather than in
	// the transaction that writes the role.
	preparer, _ := store.(interface{ PrepareImport(*rehearse.Role) any })
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				pk, ps := Read(fsys, paths[i])
				if pk != nil && len(pk.Problems) == 0 && preparer != nil {
					pk.prepared = preparer.PrepareImport(pk.Role)
				}
				results[i] <- readResult{pk, ps}
			}
		})
	}
	go func() {
		defer close(next)
		for i := range paths {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()

	var res StreamResult
	reg := newRegistry()
	var (
		mu       sync.Mutex // guards res's counts, done and firstErr
		done     int
		firstErr error
	)
	advance := func(n int) {
		done += n
		if progress != nil {
			progress(done)
		}
	}
	// Batches are written by writerCount(store) goroutines, each batch in its
	// own transaction; the reading loop blocks when they are all busy, so
	// memory stays bounded.
	batches := make(chan []*Pack)
	var writers sync.WaitGroup
	for range writerCount(store) {
		writers.Go(func() {
			for batch := range batches {
				r, err := Import(ctx, store, batch, nil)
				if err != nil && ctx.Err() != nil {
					// Cancelled mid-statement, a driver may report the
					// connection it closed ("bad connection"); the cause
					// is the cancellation.
					err = ctx.Err()
				}
				mu.Lock()
				res.Imported += r.Imported
				res.Unchanged += r.Unchanged
				advance(len(batch))
				if err != nil && firstErr == nil {
					firstErr = err
					cancel()
				}
				mu.Unlock()
			}
		})
	}
	finish := func(err error) (StreamResult, error) {
		close(batches)
		writers.Wait()
		mu.Lock()
		defer mu.Unlock()
		if firstErr != nil {
			err = firstErr
		}
		return res, err
	}
	var batch []*Pack
	send := func() error {
		if len(batch) == 0 {
			return nil
		}
		select {
		case batches <- batch:
			batch = nil
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for i := range paths {
		var r readResult
		select {
		case r = <-results[i]:
		case <-ctx.Done():
			return finish(ctx.Err())
		}
		<-slots
		res.Problems = append(res.Problems, r.problems...)
		if r.pk != nil {
			res.Problems = append(res.Problems, reg.add(r.pk)...)
		}
		if r.pk == nil || len(r.pk.Problems) > 0 {
			mu.Lock()
			advance(1)
			mu.Unlock()
			continue
		}
		batch = append(batch, r.pk)
		if len(batch) == batchRoles {
			if err := send(); err != nil {
				return finish(err)
			}
		}
	}
	return finish(send())
}

// writerCount is how many transactions a store can usefully write at
// once: its ImportWriters if it has that method, else one.
func writerCount(store rehearse.Store) int {
	if w, ok := store.(interface{ ImportWriters() int }); ok && w.ImportWriters() > 1 {
		return w.ImportWriters()
	}
	return 1
}

type readResult struct {
	pk       *Pack
	problems []Problem
}

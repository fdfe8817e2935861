package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
	"github.com/rehearse/rehearse/internal/contentversion"
)

// Feedback loads a question and its role's glossary and analyses the
// answer. The web UI and the JSON API both call it. The analysis waits for
// its turn (see analyses).
func Feedback(ctx context.Context, store rehearse.Store, id string, req *rehearse.AnswerRequest) (*rehearse.QuestionDetail, *analysis.Result, error) {
	rb, err := prepare(ctx, store, id, req)
	if err != nil {
		return rb.q, nil, err
	}
	var res *analysis.Result
	if err := analyses.do(ctx, func() { res = rb.analyze(req) }); err != nil {
		return rb.q, nil, err
	}
	return rb.q, res, nil
}

// prepare finds the question's rubric and checks the request.
func prepare(ctx context.Context, store rehearse.Store, id string, req *rehearse.AnswerRequest) (rubric, error) {
	rb, err := rubrics.get(ctx, store, id)
	if err != nil {
		return rb, err
	}
	return rb, req.Validate()
}

func (rb rubric) analyze(req *rehearse.AnswerRequest) *analysis.Result {
	return analysis.Analyze(analysis.Input{Answer: req.Answer, Question: &rb.q.Question, Glossary: rb.glossary, Role: rb.role,
		Rubric: rb.compiled, DurationSeconds: req.DurationSeconds})
}

// analyses runs feedback analyses: one at a time per CPU but one, at
// least one (GOMAXPROCS as the process started; `rehearse serve` then adds
// a scheduler thread). Under load (50 clients, 2 cores) that evens out the
// waits, and the CPU left over reads requests and writes responses without
// queueing behind analyses. Each instance limits only itself; nothing is
// shared.
var analyses = newTurns(max(1, runtime.GOMAXPROCS(0)-1))

// turns runs jobs on a fixed number of worker goroutines, in arrival
// order. A worker that finishes a job takes the next one at once. Handing
// a turn from one request's goroutine to the next (a semaphore) left the
// turn idle until the scheduler got round to that goroutine, about half
// of every turn under load: 7,500 -> 12,000 requests/s on 2 cores
// (bench/feedback.sh; docs/performance.md).
type turns struct {
	workers int
	jobs    chan *job
	start   sync.Once
}

// job states.
const (
	jobWaiting int32 = iota
	jobRunning
	jobAbandoned
)

// job is a function queued for a turn.
type job struct {
	run      func()
	state    atomic.Int32
	done     chan struct{}
	panicked error // what run panicked with, and where
}

func newTurns(workers int) *turns {
	return &turns{workers: workers, jobs: make(chan *job, 1024)}
}

// do runs f in its turn, after the jobs queued before it, and returns once
// f has run. When ctx ends first, f does not run and ctx's error is
// returned; if f has already started, do waits for it and returns nil.
func (t *turns) do(ctx context.Context, f func()) error {
	t.start.Do(func() {
		for range t.workers {
			go t.work()
		}
	})
	j := &job{run: f, done: make(chan struct{})}
	select {
	case t.jobs <- j:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-j.done:
	case <-ctx.Done():
		if j.state.CompareAndSwap(jobWaiting, jobAbandoned) {
			return ctx.Err()
		}
		<-j.done // f is running and writes what the caller reads
	}
	if j.panicked != nil {
		// On the caller's goroutine, where the server's recovery answers
		// the request; a worker that panicked would end the process.
		panic(j.panicked)
	}
	return nil
}

// work runs queued jobs one after another, for as long as the process runs.
func (t *turns) work() {
	for j := range t.jobs {
		if j.state.CompareAndSwap(jobWaiting, jobRunning) {
			j.runSafely()
		}
		close(j.done)
	}
}

// runSafely runs the job, keeping a panic for the caller.
func (j *job) runSafely() {
	defer func() {
		if v := recover(); v != nil {
			j.panicked = fmt.Errorf("panic in a queued job: %v\n%s", v, debug.Stack())
		}
	}()
	j.run()
}

// rubricCache keeps the questions answered recently, compiled, with their
// role's glossary and question index, so that feedback neither reads a
// 200-term glossary nor indexes a role on every answer. It is a cache that
// rebuilds itself from the database: every rubricTTL one request reads the
// content version, and when an import has changed it, the cache is emptied
// (an import shows in feedback within that time on every instance). Until
// then entries are kept: rebuilding a role's index costs about 200 ms of
// CPU, and doing it every few seconds under load held up every request
// behind it.
type rubricCache struct {
	watch contentversion.Watch

	mu      sync.Mutex
	m       map[string]any // "q:ID" -> rubric, "r:SLUG" -> roleEntry
	flights map[string]*flight
	version string // the content version the entries belong to
}

type rubric struct {
	q        *rehearse.QuestionDetail
	glossary []rehearse.Term
	role     *analysis.RoleIndex
	compiled *analysis.Rubric // q and glossary, compiled once
}

// roleEntry is a role's glossary and question index, shared by its questions.
type roleEntry struct {
	glossary []rehearse.Term
	index    *analysis.RoleIndex
}

const (
	rubricTTL      = 5 * time.Second
	maxRubricCache = 4096
)

var rubrics = &rubricCache{m: map[string]any{}, flights: map[string]*flight{}}

// checkVersion empties the cache if the content changed (see
// contentversion.Watch); when the version cannot be read, the entries are
// kept.
func (c *rubricCache) checkVersion(ctx context.Context, store rehearse.Store) {
	v, ok := c.watch.Current(ctx, rubricTTL, store.ContentVersion)
	if !ok {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v != c.version {
		c.m, c.version = map[string]any{}, v
	}
}

func (c *rubricCache) get(ctx context.Context, store rehearse.Store, id string) (rubric, error) {
	c.checkVersion(ctx, store)
	v, err := c.once("q:"+id, func() (any, error) {
		q, err := store.Question(ctx, id)
		if err != nil {
			return rubric{}, err
		}
		re, err := c.role(ctx, store, q.RoleSlug)
		if err != nil {
			return rubric{q: q}, err
		}
		return rubric{q: q, glossary: re.glossary, role: re.index, compiled: analysis.Compile(&q.Question, re.glossary)}, nil
	})
	return v.(rubric), err
}

// role returns the glossary and question index of a role.
func (c *rubricCache) role(ctx context.Context, store rehearse.Store, slug string) (roleEntry, error) {
	v, err := c.once("r:"+slug, func() (any, error) {
		glossary, err := store.Glossary(ctx, slug)
		if err != nil {
			return roleEntry{}, err
		}
		qs, err := store.RoleQuestions(ctx, slug)
		if err != nil {
			return roleEntry{}, err
		}
		return roleEntry{glossary: glossary, index: analysis.NewRoleIndex(qs)}, nil
	})
	return v.(roleEntry), err
}

// once returns the cached value of key, or computes it with load; requests
// that miss the same key at the same time wait for one load (after start or
// an import, fifty clients would otherwise all index the same role). A
// failed load is not kept.
func (c *rubricCache) once(key string, load func() (any, error)) (any, error) {
	c.mu.Lock()
	for {
		if v, ok := c.m[key]; ok {
			c.mu.Unlock()
			return v, nil
		}
		f, ok := c.flights[key]
		if !ok {
			break
		}
		c.mu.Unlock()
		<-f.done
		// The loading request gave up (its client went away): load again
		// rather than pass its cancellation on.
		if !errors.Is(f.err, context.Canceled) && !errors.Is(f.err, context.DeadlineExceeded) {
			return f.v, f.err
		}
		c.mu.Lock()
	}
	f := &flight{done: make(chan struct{})}
	c.flights[key] = f
	c.mu.Unlock()
	f.v, f.err = load()
	c.mu.Lock()
	delete(c.flights, key)
	if f.err == nil {
		if len(c.m) >= maxRubricCache {
			c.m = map[string]any{}
		}
		c.m[key] = f.v
	}
	c.mu.Unlock()
	close(f.done)
	return f.v, f.err
}

// flight is a load in progress.
type flight struct {
	done chan struct{}
	v    any
	err  error
}

// responseBufs recycles the buffers feedback responses are encoded into.
var responseBufs = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}

// FeedbackResponse is the answer to POST /questions/{id}/feedback.
type FeedbackResponse struct {
	QuestionID string `json:"question_id"`
	*analysis.Result
}

func (h *Handler) feedback(w http.ResponseWriter, r *http.Request) error {
	var req rehearse.AnswerRequest
	if err := decodeAnswer(r, &req); err != nil {
		return err
	}
	rb, err := prepare(r.Context(), h.store, r.PathValue("id"), &req)
	if err != nil {
		return err
	}
	// The response is encoded (by hand: encoding/json cost a third as much
	// as the analysis) in the same turn and written after it.
	bp := responseBufs.Get().(*[]byte)
	var b []byte
	if err := analyses.do(r.Context(), func() {
		b = append(rb.analyze(&req).AppendJSON((*bp)[:0], "question_id", rb.q.ID), '\n')
	}); err != nil {
		responseBufs.Put(bp)
		return err
	}
	writeBytes(w, http.StatusOK, b)
	if cap(b) <= 64<<10 {
		*bp = b
		responseBufs.Put(bp)
	}
	return nil
}

// decodeJSON reads a JSON request body into v, refusing unknown fields,
// trailing data and bodies over the server's limit with clear messages.
func decodeJSON(r *http.Request, v any) error { return decodeBody(r.Body, v) }

// decodeBody is decodeJSON for a body already at hand.
func decodeBody(body io.Reader, v any) error {
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if e := tooLarge(err); e != nil {
		return e
	}
	switch {
	case errors.Is(err, io.EOF):
		return rehearse.Errorf(rehearse.EINVALID, "The request body is empty; send a JSON object.")
	case err != nil:
		return rehearse.Errorf(rehearse.EINVALID, "The request body is not valid JSON: %v.", err)
	}
	if dec.More() {
		return rehearse.Errorf(rehearse.EINVALID, "The request body holds more than one JSON value.")
	}
	return nil
}

// tooLarge returns the error for a body over the server's limit, if err is
// one, and nil otherwise.
func tooLarge(err error) error {
	var tb *http.MaxBytesError
	if errors.As(err, &tb) {
		return rehearse.Errorf(rehearse.ETOOLARGE, "The request body is larger than %d bytes.", tb.Limit)
	}
	return nil
}

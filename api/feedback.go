package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
)

// Feedback loads a question and its role's glossary and analyses the
// answer. The web UI and the JSON API both call it.
func Feedback(ctx context.Context, store rehearse.Store, id string, req *rehearse.AnswerRequest) (*rehearse.QuestionDetail, *analysis.Result, error) {
	rb, err := rubrics.get(ctx, store, id)
	if err != nil {
		return rb.q, nil, err
	}
	if err := req.Validate(); err != nil {
		return rb.q, nil, err
	}
	res := analysis.Analyze(analysis.Input{Answer: req.Answer, Question: &rb.q.Question, Glossary: rb.glossary, Role: rb.role,
		Rubric: rb.compiled, DurationSeconds: req.DurationSeconds})
	return rb.q, res, nil
}

// rubricCache keeps recently used questions with their role's glossary, so
// that feedback does not decode a 200-term glossary on every answer. Entries
// live for rubricTTL: content changes only on import, and an import shows in
// feedback within that time on every instance. It is a cache that rebuilds
// itself from the database.
//
// When an entry is stale, one request refreshes it while the others keep
// using the stale one, so that fifty clients do not all rebuild the same
// role index at the same moment (that made the endpoint's p99 a second).
type rubricCache struct {
	mu         sync.Mutex
	m          map[string]rubric
	roles      map[string]roleEntry
	refreshing map[string]bool // keys ("q:ID", "r:SLUG") being refreshed
}

// useAsIs reports whether the caller should use an entry fetched at fetched
// as it is: it is fresh, or another request is refreshing it. Otherwise
// the caller must refresh it and call done(key) afterwards. c.mu is held.
func (c *rubricCache) useAsIs(key string, have bool, fetched time.Time) bool {
	if have && (time.Since(fetched) < rubricTTL || c.refreshing[key]) {
		return true
	}
	if have {
		c.refreshing[key] = true
	}
	return false
}

func (c *rubricCache) done(key string) {
	c.mu.Lock()
	delete(c.refreshing, key)
	c.mu.Unlock()
}

type rubric struct {
	q        *rehearse.QuestionDetail
	glossary []rehearse.Term
	role     *analysis.RoleIndex
	compiled *analysis.Rubric // q and glossary, compiled once per fetch
	fetched  time.Time
}

// roleEntry is a role's glossary and question index, shared by its questions.
type roleEntry struct {
	glossary []rehearse.Term
	index    *analysis.RoleIndex
	fetched  time.Time
}

const (
	rubricTTL      = 5 * time.Second
	maxRubricCache = 4096
)

var rubrics = &rubricCache{m: map[string]rubric{}, roles: map[string]roleEntry{}, refreshing: map[string]bool{}}

func (c *rubricCache) get(ctx context.Context, store rehearse.Store, id string) (rubric, error) {
	c.mu.Lock()
	r, ok := c.m[id]
	asIs := c.useAsIs("q:"+id, ok, r.fetched)
	c.mu.Unlock()
	if asIs {
		return r, nil
	}
	defer c.done("q:" + id)
	q, err := store.Question(ctx, id)
	if err != nil {
		return rubric{}, err
	}
	re, err := c.role(ctx, store, q.RoleSlug)
	if err != nil {
		return rubric{q: q}, err
	}
	r = rubric{q: q, glossary: re.glossary, role: re.index, compiled: analysis.Compile(&q.Question, re.glossary), fetched: time.Now()}
	c.mu.Lock()
	if len(c.m) >= maxRubricCache {
		c.m = map[string]rubric{}
	}
	c.m[id] = r
	c.mu.Unlock()
	return r, nil
}

// role returns the glossary and question index of a role, building the
// index once per rubricTTL.
func (c *rubricCache) role(ctx context.Context, store rehearse.Store, slug string) (roleEntry, error) {
	c.mu.Lock()
	re, ok := c.roles[slug]
	asIs := c.useAsIs("r:"+slug, ok, re.fetched)
	c.mu.Unlock()
	if asIs {
		return re, nil
	}
	defer c.done("r:" + slug)
	glossary, err := store.Glossary(ctx, slug)
	if err != nil {
		return re, err
	}
	qs, err := store.RoleQuestions(ctx, slug)
	if err != nil {
		return re, err
	}
	re = roleEntry{glossary: glossary, index: analysis.NewRoleIndex(qs), fetched: time.Now()}
	c.mu.Lock()
	if len(c.roles) >= maxRubricCache {
		c.roles = map[string]roleEntry{}
	}
	c.roles[slug] = re
	c.mu.Unlock()
	return re, nil
}

// FeedbackResponse is the answer to POST /questions/{id}/feedback.
type FeedbackResponse struct {
	QuestionID string `json:"question_id"`
	*analysis.Result
}

func (h *Handler) feedback(w http.ResponseWriter, r *http.Request) error {
	var req rehearse.AnswerRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	q, res, err := Feedback(r.Context(), h.store, r.PathValue("id"), &req)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, FeedbackResponse{QuestionID: q.ID, Result: res})
	return nil
}

// decodeJSON reads a JSON request body into v, refusing unknown fields,
// trailing data and bodies over the server's limit with clear messages.
func decodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return rehearse.Errorf(rehearse.ETOOLARGE, "The request body is larger than %d bytes.", tooBig.Limit)
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

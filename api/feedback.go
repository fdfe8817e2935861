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
	q, glossary, err := rubrics.get(ctx, store, id)
	if err != nil {
		return q, nil, err
	}
	if err := req.Validate(); err != nil {
		return q, nil, err
	}
	res := analysis.Analyze(analysis.Input{Answer: req.Answer, Question: &q.Question, Glossary: glossary, DurationSeconds: req.DurationSeconds})
	return q, res, nil
}

// rubricCache keeps recently used questions with their role's glossary, so
// that feedback does not decode a 200-term glossary on every answer. Entries
// live for rubricTTL: content changes only on import, and an import shows in
// feedback within that time on every instance. It is a cache that rebuilds
// itself from the database.
type rubricCache struct {
	mu sync.Mutex
	m  map[string]rubric
}

type rubric struct {
	q        *rehearse.QuestionDetail
	glossary []rehearse.Term
	fetched  time.Time
}

const (
	rubricTTL      = 5 * time.Second
	maxRubricCache = 4096
)

var rubrics = &rubricCache{m: map[string]rubric{}}

func (c *rubricCache) get(ctx context.Context, store rehearse.Store, id string) (*rehearse.QuestionDetail, []rehearse.Term, error) {
	c.mu.Lock()
	r, ok := c.m[id]
	c.mu.Unlock()
	if ok && time.Since(r.fetched) < rubricTTL {
		return r.q, r.glossary, nil
	}
	q, err := store.Question(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	glossary, err := store.Glossary(ctx, q.RoleSlug)
	if err != nil {
		return q, nil, err
	}
	c.mu.Lock()
	if len(c.m) >= maxRubricCache {
		c.m = map[string]rubric{}
	}
	c.m[id] = rubric{q: q, glossary: glossary, fetched: time.Now()}
	c.mu.Unlock()
	return q, glossary, nil
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

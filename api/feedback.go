package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
)

// Feedback loads a question and its role's glossary and analyses the
// answer. The web UI and the JSON API both call it.
func Feedback(ctx context.Context, store rehearse.Store, id string, req *rehearse.AnswerRequest) (*rehearse.QuestionDetail, *analysis.Result, error) {
	q, err := store.Question(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if err := req.Validate(); err != nil {
		return q, nil, err
	}
	glossary, err := store.Glossary(ctx, q.RoleSlug)
	if err != nil {
		return q, nil, err
	}
	res := analysis.Analyze(analysis.Input{Answer: req.Answer, Question: &q.Question, Glossary: glossary, DurationSeconds: req.DurationSeconds})
	return q, res, nil
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

package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
)

// Practice analyses an answer and saves it as an attempt of the local user,
// then drops the question's draft. The web UI and the API both call it.
func Practice(ctx context.Context, store rehearse.Store, id string, req *rehearse.AnswerRequest) (*rehearse.QuestionDetail, *analysis.Result, *rehearse.Attempt, error) {
	q, res, err := Feedback(ctx, store, id, req)
	if err != nil {
		return q, nil, nil, err
	}
	body, err := json.Marshal(res)
	if err != nil {
		return q, nil, nil, err
	}
	a := &rehearse.Attempt{UserID: rehearse.LocalUserID, QuestionID: q.ID, Answer: req.Answer, DurationSeconds: req.DurationSeconds,
		RecordingID: req.RecordingID, Coverage: res.Summary.Coverage, Level: string(res.Summary.Level), Result: body}
	if err := store.SaveAttempt(ctx, a); err != nil {
		return q, res, nil, err
	}
	if err := store.DeleteDraft(ctx, rehearse.LocalUserID, q.ID); err != nil {
		return q, res, a, err
	}
	return q, res, a, nil
}

// AttemptResponse is a saved attempt with its feedback.
type AttemptResponse struct {
	Attempt *rehearse.Attempt `json:"attempt"`
}

// AttemptsResponse lists attempts, newest first.
type AttemptsResponse struct {
	QuestionID string             `json:"question_id"`
	Attempts   []rehearse.Attempt `json:"attempts"`
}

func (h *Handler) createAttempt(w http.ResponseWriter, r *http.Request) error {
	var req rehearse.AnswerRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	_, _, a, err := Practice(r.Context(), h.store, r.PathValue("id"), &req)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, AttemptResponse{Attempt: a})
	return nil
}

func (h *Handler) listAttempts(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if _, err := h.store.Question(r.Context(), id); err != nil {
		return err
	}
	list, err := h.store.Attempts(r.Context(), rehearse.LocalUserID, id, 50)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, AttemptsResponse{QuestionID: id, Attempts: list})
	return nil
}

func (h *Handler) attempt(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return rehearse.Errorf(rehearse.ENOTFOUND, "There is no attempt %q.", r.PathValue("id"))
	}
	a, err := h.store.Attempt(r.Context(), rehearse.LocalUserID, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, AttemptResponse{Attempt: a})
	return nil
}

// MaxDraftChars bounds an autosaved draft, like an answer.
const MaxDraftChars = rehearse.MaxAnswerChars

func (h *Handler) draft(w http.ResponseWriter, r *http.Request) error {
	return h.getDraft(w, r, r.PathValue("id"))
}

func (h *Handler) getDraft(w http.ResponseWriter, r *http.Request, key string) error {
	d, err := h.store.Draft(r.Context(), rehearse.LocalUserID, key)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

func (h *Handler) saveDraft(w http.ResponseWriter, r *http.Request) error {
	return h.putDraft(w, r, func() (string, error) {
		id := r.PathValue("id")
		_, err := h.store.Question(r.Context(), id)
		return id, err
	})
}

// putDraft stores the body's answer as the draft under the key that key
// returns once the body is read.
func (h *Handler) putDraft(w http.ResponseWriter, r *http.Request, key func() (string, error)) error {
	var req struct {
		Answer string `json:"answer"`
	}
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	id, err := key()
	if err != nil {
		return err
	}
	if n := len([]rune(req.Answer)); n > MaxDraftChars {
		return rehearse.Errorf(rehearse.ETOOLARGE, "The draft is %d characters long; the limit is %d.", n, MaxDraftChars)
	}
	d := &rehearse.Draft{QuestionID: id, Answer: req.Answer}
	if err := h.store.SaveDraft(r.Context(), rehearse.LocalUserID, d); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

func (h *Handler) deleteDraft(w http.ResponseWriter, r *http.Request) error {
	if err := h.store.DeleteDraft(r.Context(), rehearse.LocalUserID, r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

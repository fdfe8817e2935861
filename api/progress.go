package api

import (
	"context"
	"net/http"
	"time"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/progress"
)

// ProgressResponse is the progress of the local user in a role.
type ProgressResponse struct {
	Role string `json:"role"`
	progress.Report
	Due int `json:"due"` // review cards due now, all roles
}

// Progress computes the local user's progress in a role from a year of
// attempts. The web UI and the API both call it.
func Progress(ctx context.Context, store rehearse.Store, slug string, now time.Time) (*rehearse.RoleDetail, *ProgressResponse, error) {
	role, err := store.Role(ctx, slug)
	if err != nil {
		return nil, nil, err
	}
	qs, err := store.Questions(ctx, rehearse.QuestionFilter{Role: role.Slug})
	if err != nil {
		return nil, nil, err
	}
	attempts, err := store.AttemptsSince(ctx, rehearse.LocalUserID, now.AddDate(-1, 0, 0))
	if err != nil {
		return nil, nil, err
	}
	due, err := store.DueCards(ctx, rehearse.LocalUserID, now, 500)
	if err != nil {
		return nil, nil, err
	}
	return role, &ProgressResponse{Role: role.Slug, Report: progress.Compute(attempts, role, qs, now), Due: len(due)}, nil
}

func (h *Handler) progress(w http.ResponseWriter, r *http.Request) error {
	_, p, err := Progress(r.Context(), h.store, r.PathValue("slug"), time.Now().UTC())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

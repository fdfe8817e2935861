package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
)

// StoryRequest creates or replaces a story. Confirm saves it even when it
// seems to hold patient details.
type StoryRequest struct {
	Title     string   `json:"title"`
	Situation string   `json:"situation"`
	Task      string   `json:"task"`
	Action    string   `json:"action"`
	Result    string   `json:"result"`
	Numbers   string   `json:"numbers"`
	Areas     []string `json:"areas"`
	Questions []string `json:"questions"`
	Confirm   bool     `json:"confirm"`
}

// StoryResponse is one story.
type StoryResponse struct {
	Story *rehearse.Story `json:"story"`
}

// StoriesResponse lists a role's stories and the areas no story covers.
type StoriesResponse struct {
	Stories []rehearse.Story `json:"stories"`
	Gaps    []rehearse.Area  `json:"gaps"`
}

// CheckStory validates a story and, unless confirmed, refuses one that
// seems to hold patient details (EINVALID, quoting them), returning the
// spans found. The web UI and the API both call it.
func CheckStory(st *rehearse.Story, confirm bool) ([]analysis.Span, error) {
	if err := st.Validate(); err != nil {
		return nil, err
	}
	ids := analysis.PatientIdentifiers(st.Text())
	if len(ids) == 0 || confirm {
		return nil, nil
	}
	quotes := make([]string, 0, len(ids))
	for _, s := range ids {
		quotes = append(quotes, "“"+s.Text+"”")
	}
	return ids, rehearse.Errorf(rehearse.EINVALID, "The story seems to hold details that could identify a patient: %s. Remove them, or confirm to save it as it is.", strings.Join(quotes, ", "))
}

// StoryGaps returns the role's areas that no story covers.
func StoryGaps(role *rehearse.RoleDetail, stories []rehearse.Story) []rehearse.Area {
	covered := map[string]bool{}
	for _, st := range stories {
		for _, a := range st.Areas {
			covered[a] = true
		}
	}
	gaps := []rehearse.Area{}
	for _, a := range role.Areas {
		if !covered[a.ID] {
			gaps = append(gaps, a)
		}
	}
	return gaps
}

func (h *Handler) listStories(w http.ResponseWriter, r *http.Request) error {
	role, err := h.store.Role(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	list, err := h.store.Stories(r.Context(), rehearse.LocalUserID, role.Slug)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, StoriesResponse{Stories: list, Gaps: StoryGaps(role, list)})
	return nil
}

// saveStory decodes, checks and saves st from the request body.
func (h *Handler) saveStory(ctx context.Context, r *http.Request, st *rehearse.Story) error {
	var req StoryRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	st.Title, st.Situation, st.Task, st.Action, st.Result, st.Numbers = req.Title, req.Situation, req.Task, req.Action, req.Result, req.Numbers
	st.Areas, st.Questions = req.Areas, req.Questions
	if _, err := CheckStory(st, req.Confirm); err != nil {
		return err
	}
	return h.store.SaveStory(ctx, rehearse.LocalUserID, st)
}

func (h *Handler) createStory(w http.ResponseWriter, r *http.Request) error {
	role, err := h.store.Role(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	st := &rehearse.Story{Role: role.Slug}
	if err := h.saveStory(r.Context(), r, st); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, StoryResponse{Story: st})
	return nil
}

func (h *Handler) loadStory(r *http.Request) (*rehearse.Story, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, rehearse.Errorf(rehearse.ENOTFOUND, "There is no story %q.", r.PathValue("id"))
	}
	return h.store.Story(r.Context(), rehearse.LocalUserID, id)
}

func (h *Handler) story(w http.ResponseWriter, r *http.Request) error {
	st, err := h.loadStory(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, StoryResponse{Story: st})
	return nil
}

func (h *Handler) updateStory(w http.ResponseWriter, r *http.Request) error {
	st, err := h.loadStory(r)
	if err != nil {
		return err
	}
	if err := h.saveStory(r.Context(), r, st); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, StoryResponse{Story: st})
	return nil
}

func (h *Handler) deleteStory(w http.ResponseWriter, r *http.Request) error {
	st, err := h.loadStory(r)
	if err != nil {
		return err
	}
	if err := h.store.DeleteStory(r.Context(), rehearse.LocalUserID, st.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

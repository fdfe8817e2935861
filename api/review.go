package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/review"
)

// DueCard is a review card with what the candidate sees of it.
type DueCard struct {
	Kind      string    `json:"kind"`  // "question" or "story"
	Ref       string    `json:"ref"`   // question id or story id
	Title     string    `json:"title"` // question text or story title
	Role      string    `json:"role"`  // role slug
	RoleTitle string    `json:"role_title"`
	Due       time.Time `json:"due"`
}

// DueCards lists the local user's cards due at now, oldest due first, with
// their titles. A card whose question left the content or whose story was
// deleted is left out (the card stays for when the question returns).
func DueCards(ctx context.Context, store rehearse.Store, now time.Time, limit int) ([]DueCard, error) {
	cards, err := store.DueCards(ctx, rehearse.LocalUserID, now, limit)
	if err != nil {
		return nil, err
	}
	out := []DueCard{}
	for _, c := range cards {
		d, err := Describe(ctx, store, c)
		if rehearse.ErrorCode(err) == rehearse.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// Describe resolves a card's question or story; ENOTFOUND when it is gone.
func Describe(ctx context.Context, store rehearse.Store, c rehearse.Card) (DueCard, error) {
	d := DueCard{Kind: c.Kind, Ref: c.Ref, Due: c.Due}
	if c.Kind == rehearse.CardStory {
		id, err := strconv.ParseInt(c.Ref, 10, 64)
		if err != nil {
			return d, rehearse.Errorf(rehearse.ENOTFOUND, "There is no story %q.", c.Ref)
		}
		st, err := store.Story(ctx, rehearse.LocalUserID, id)
		if err != nil {
			return d, err
		}
		d.Title, d.Role = st.Title, st.Role
		if role, err := store.Role(ctx, st.Role); err == nil {
			d.RoleTitle = role.Title
		}
		return d, nil
	}
	q, err := store.Question(ctx, c.Ref)
	if err != nil {
		return d, err
	}
	d.Title, d.Role, d.RoleTitle = q.Text, q.RoleSlug, q.RoleTitle
	return d, nil
}

// ReviewResponse is the review queue.
type ReviewResponse struct {
	Due     []DueCard  `json:"due"`
	NextDue *time.Time `json:"next_due,omitempty"` // when nothing is due: the next review
}

// RatingRequest rates a rehearsal of a card.
type RatingRequest struct {
	Rating string `json:"rating"`
}

// CardResponse is a card after a rating.
type CardResponse struct {
	Card *rehearse.Card `json:"card"`
}

func (h *Handler) reviewQueue(w http.ResponseWriter, r *http.Request) error {
	now := time.Now().UTC()
	due, err := DueCards(r.Context(), h.store, now, 100)
	if err != nil {
		return err
	}
	resp := ReviewResponse{Due: due}
	if len(due) == 0 {
		if next, err := h.store.NextDue(r.Context(), rehearse.LocalUserID, now); err == nil {
			resp.NextDue = &next
		}
	}
	writeJSON(w, http.StatusOK, resp)
	return nil
}

func (h *Handler) rate(w http.ResponseWriter, r *http.Request) error {
	var req RatingRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	kind, ref := r.PathValue("kind"), r.PathValue("ref")
	switch kind {
	case rehearse.CardQuestion, rehearse.CardStory:
	default:
		return rehearse.Errorf(rehearse.ENOTFOUND, "There are no %q cards; kinds are question and story.", kind)
	}
	if _, err := Describe(r.Context(), h.store, rehearse.Card{Kind: kind, Ref: ref}); err != nil {
		return err
	}
	c, err := review.Rate(r.Context(), h.store, rehearse.LocalUserID, kind, ref, req.Rating, time.Now().UTC())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, CardResponse{Card: c})
	return nil
}

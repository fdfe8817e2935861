package web

import (
	"net/http"
	"time"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/api"
	"github.com/rehearse/rehearse/review"
)

type reviewPage struct {
	basePage
	Due     []dueItem
	Rated   *dueItem  // the question just rated, with its next review
	NextDue time.Time // when nothing is due: the next review
	Error   string
}

type dueItem struct {
	ID, Text, Role string
	Due            time.Time
}

// rate applies the candidate's rating after an attempt and shows the
// review queue (post, then redirect, so a reload does not rate twice).
func (s *Server) rate(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if _, err := s.store.Question(r.Context(), id); err != nil {
		return err
	}
	_, err := review.Rate(r.Context(), s.store, rehearse.LocalUserID, rehearse.CardQuestion, id, r.PostFormValue("rating"), time.Now().UTC())
	switch code := rehearse.ErrorCode(err); code {
	case "":
		http.Redirect(w, r, "/review?rated="+id, http.StatusSeeOther)
		return nil
	case rehearse.EINVALID, rehearse.ECONFLICT:
		return s.renderReview(w, r, api.StatusCode(code), rehearse.ErrorMessage(err), id)
	}
	return err
}

// reviewQueue lists the questions due for rehearsal today.
func (s *Server) reviewQueue(w http.ResponseWriter, r *http.Request) error {
	return s.renderReview(w, r, http.StatusOK, "", r.URL.Query().Get("rated"))
}

func (s *Server) renderReview(w http.ResponseWriter, r *http.Request, status int, msg, rated string) error {
	ctx := r.Context()
	now := time.Now().UTC()
	cards, err := s.store.DueCards(ctx, rehearse.LocalUserID, now, 100)
	if err != nil {
		return err
	}
	p := &reviewPage{basePage: basePage{Title: "Review"}, Error: msg}
	for _, c := range cards {
		q, err := s.store.Question(ctx, c.Ref)
		if rehearse.ErrorCode(err) == rehearse.ENOTFOUND {
			continue // the question left the content; its card stays for when it returns
		} else if err != nil {
			return err
		}
		p.Due = append(p.Due, dueItem{ID: q.ID, Text: q.Text, Role: q.RoleTitle, Due: c.Due})
	}
	if rated != "" {
		if c, err := s.store.Card(ctx, rehearse.LocalUserID, "question", rated); err == nil {
			if q, err := s.store.Question(ctx, rated); err == nil {
				p.Rated = &dueItem{ID: q.ID, Text: q.Text, Due: c.Due}
			}
		}
	}
	if len(p.Due) == 0 {
		if next, err := s.store.NextDue(ctx, rehearse.LocalUserID, now); err == nil {
			p.NextDue = next
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "review", p)
	return nil
}

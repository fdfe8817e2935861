package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
	"github.com/rehearse/rehearse/api"
	"github.com/rehearse/rehearse/review"
)

type reviewPage struct {
	basePage
	Due     []dueItem
	Rated   *dueItem  // the item just rated, with its next review
	NextDue time.Time // when nothing is due: the next review
	Done    bool      // a review session just ended
	Error   string
}

// dueItem is a card due for review, with what the candidate sees of it;
// the session page fills the story and the questions it answers.
type dueItem struct {
	api.DueCard
	Story        *rehearse.Story
	Target       [2]int
	StoryPrompts []string // questions the story is linked to
}

// URL is where the item is practised outside a session.
func (d dueItem) URL() string {
	if d.Kind == rehearse.CardStory {
		return "/stories/" + d.Ref
	}
	return "/questions/" + d.Ref + "#practice"
}

// rate applies the candidate's rating after an attempt and shows the
// review queue, or the next card of a review session (post, then redirect,
// so a reload does not rate twice).
func (s *Server) rate(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if _, err := s.store.Question(r.Context(), id); err != nil {
		return err
	}
	return s.applyRating(w, r, rehearse.CardQuestion, id)
}

// rateStory rates a rehearsal of a story.
func (s *Server) rateStory(w http.ResponseWriter, r *http.Request) error {
	st, _, err := s.loadStory(r)
	if err != nil {
		return err
	}
	return s.applyRating(w, r, rehearse.CardStory, strconv.FormatInt(st.ID, 10))
}

func (s *Server) applyRating(w http.ResponseWriter, r *http.Request, kind, ref string) error {
	_, err := review.Rate(r.Context(), s.store, rehearse.LocalUserID, kind, ref, r.PostFormValue("rating"), time.Now().UTC())
	switch code := rehearse.ErrorCode(err); code {
	case "":
		if r.PostFormValue("next") == "session" {
			http.Redirect(w, r, "/review/session", http.StatusSeeOther)
		} else {
			http.Redirect(w, r, "/review?rated="+url.QueryEscape(kind+":"+ref), http.StatusSeeOther)
		}
		return nil
	case rehearse.EINVALID, rehearse.ECONFLICT:
		return s.renderReview(w, r, api.StatusCode(code), rehearse.ErrorMessage(err), kind+":"+ref)
	}
	return err
}

// reviewQueue lists the questions and stories due for rehearsal today.
func (s *Server) reviewQueue(w http.ResponseWriter, r *http.Request) error {
	return s.renderReview(w, r, http.StatusOK, "", r.URL.Query().Get("rated"))
}

// dueItems lists the user's due cards as the review pages show them.
func (s *Server) dueItems(ctx context.Context, now time.Time, limit int) ([]dueItem, error) {
	cards, err := api.DueCards(ctx, s.store, now, limit)
	if err != nil {
		return nil, err
	}
	out := make([]dueItem, len(cards))
	for i, c := range cards {
		out[i] = dueItem{DueCard: c}
	}
	return out, nil
}

// fill loads what the session page shows of an item: a story's text and
// the questions it answers, and the good spoken length.
func (s *Server) fill(ctx context.Context, it *dueItem) error {
	if it.Kind != rehearse.CardStory {
		q, err := s.store.Question(ctx, it.Ref)
		if err != nil {
			return err
		}
		it.Target = analysis.TargetSeconds(q.Type)
		return nil
	}
	it.Target = analysis.TargetSeconds(rehearse.Behavioral)
	id, _ := strconv.ParseInt(it.Ref, 10, 64)
	st, err := s.store.Story(ctx, rehearse.LocalUserID, id)
	if err != nil {
		return err
	}
	it.Story = st
	for _, qid := range st.Questions {
		if q, err := s.store.Question(ctx, qid); err == nil {
			it.StoryPrompts = append(it.StoryPrompts, q.Text)
		}
	}
	return nil
}

func (s *Server) renderReview(w http.ResponseWriter, r *http.Request, status int, msg, rated string) error {
	ctx := r.Context()
	now := time.Now().UTC()
	due, err := s.dueItems(ctx, now, 100)
	if err != nil {
		return err
	}
	p := &reviewPage{basePage: basePage{Title: "Review"}, Due: due, Error: msg, Done: r.URL.Query().Get("done") != ""}
	if kind, ref, ok := strings.Cut(rated, ":"); ok {
		if c, err := s.store.Card(ctx, rehearse.LocalUserID, kind, ref); err == nil {
			if d, err := api.Describe(ctx, s.store, *c); err == nil {
				p.Rated = &dueItem{DueCard: d}
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

// sessionPage is one card of a review session.
type sessionPage struct {
	basePage
	Item dueItem
	Left int // cards due, this one included
	// For a question card: the draft, if any, so the box starts with it.
	Answer string
}

// reviewSession walks the due cards one at a time, oldest due first: a
// question is answered (then feedback and a rating, which leads back here),
// a story is told aloud and rated. When nothing is left it says so.
func (s *Server) reviewSession(w http.ResponseWriter, r *http.Request) error {
	due, err := s.dueItems(r.Context(), time.Now().UTC(), 100)
	if err != nil {
		return err
	}
	if len(due) == 0 {
		http.Redirect(w, r, "/review?done=1", http.StatusSeeOther)
		return nil
	}
	it := due[0]
	if err := s.fill(r.Context(), &it); err != nil {
		return err
	}
	p := &sessionPage{basePage: basePage{Title: "Review: " + it.Title, Role: it.Role}, Item: it, Left: len(due)}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "session", p)
	return nil
}

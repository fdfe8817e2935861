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

// dueItem is a card due for review, with what the candidate sees of it.
type dueItem struct {
	Kind         string // rehearse.CardQuestion or rehearse.CardStory
	ID, Text     string // question id and text, or story id and title
	Role         string // role title
	RoleSlug     string
	Type         rehearse.QuestionType
	Due          time.Time
	Story        *rehearse.Story
	Target       [2]int
	StoryPrompts []string // questions the story is linked to
}

// URL is where the item is practised outside a session.
func (d dueItem) URL() string {
	if d.Kind == rehearse.CardStory {
		return "/stories/" + d.ID
	}
	return "/questions/" + d.ID + "#practice"
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

// dueItems resolves the user's due cards into what the candidate sees. A
// card whose question left the content or whose story was deleted is left
// out (its card stays for when the question returns).
func (s *Server) dueItems(ctx context.Context, now time.Time, limit int) ([]dueItem, error) {
	cards, err := s.store.DueCards(ctx, rehearse.LocalUserID, now, limit)
	if err != nil {
		return nil, err
	}
	var out []dueItem
	for _, c := range cards {
		it, err := s.dueItem(ctx, c)
		if rehearse.ErrorCode(err) == rehearse.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}

func (s *Server) dueItem(ctx context.Context, c rehearse.Card) (dueItem, error) {
	if c.Kind == rehearse.CardStory {
		id, err := strconv.ParseInt(c.Ref, 10, 64)
		if err != nil {
			return dueItem{}, rehearse.Errorf(rehearse.ENOTFOUND, "There is no story %q.", c.Ref)
		}
		st, err := s.store.Story(ctx, rehearse.LocalUserID, id)
		if err != nil {
			return dueItem{}, err
		}
		it := dueItem{Kind: c.Kind, ID: c.Ref, Text: st.Title, RoleSlug: st.Role, Due: c.Due, Story: st, Type: rehearse.Behavioral,
			Target: analysis.TargetSeconds(rehearse.Behavioral)}
		if role, err := s.store.Role(ctx, st.Role); err == nil {
			it.Role = role.Title
		}
		for _, qid := range st.Questions {
			if q, err := s.store.Question(ctx, qid); err == nil {
				it.StoryPrompts = append(it.StoryPrompts, q.Text)
			}
		}
		return it, nil
	}
	q, err := s.store.Question(ctx, c.Ref)
	if err != nil {
		return dueItem{}, err
	}
	return dueItem{Kind: c.Kind, ID: q.ID, Text: q.Text, Role: q.RoleTitle, RoleSlug: q.RoleSlug, Type: q.Type, Due: c.Due,
		Target: analysis.TargetSeconds(q.Type)}, nil
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
			if it, err := s.dueItem(ctx, *c); err == nil {
				p.Rated = &it
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
	p := &sessionPage{basePage: basePage{Title: "Review: " + it.Text, Role: it.RoleSlug}, Item: it, Left: len(due)}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "session", p)
	return nil
}

package web

import (
	"net/http"
	"strconv"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
	"github.com/rehearse/rehearse/api"
)

// storyForm is what the story form needs.
type storyForm struct {
	Action      string
	S           *rehearse.Story
	Areas       []rehearse.Area
	Questions   []rehearse.QuestionSummary
	Error       string
	Identifiers []analysis.Span // possible patient identifiers, before saving
}

type storiesPage struct {
	basePage
	R       *rehearse.RoleDetail
	Stories []rehearse.Story
	Gaps    []rehearse.Area
	Form    storyForm
}

type storyPage struct {
	basePage
	R    *rehearse.RoleDetail
	Form storyForm
}

// newStoryForm loads what the form offers: the role's areas and its
// behavioral questions.
func (s *Server) newStoryForm(r *http.Request, role *rehearse.RoleDetail, st *rehearse.Story, action string) (storyForm, error) {
	qs, err := s.store.Questions(r.Context(), rehearse.QuestionFilter{Role: role.Slug, Type: rehearse.Behavioral})
	if err != nil {
		return storyForm{}, err
	}
	return storyForm{Action: action, S: st, Areas: role.Areas, Questions: qs}, nil
}

// stories lists the user's stories for a role, the areas no story covers
// yet, and a form for a new one.
func (s *Server) stories(w http.ResponseWriter, r *http.Request) error {
	return s.renderStories(w, r, http.StatusOK, &rehearse.Story{}, "", nil)
}

func (s *Server) renderStories(w http.ResponseWriter, r *http.Request, status int, draft *rehearse.Story, msg string, ids []analysis.Span) error {
	role, err := s.store.Role(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	list, err := s.store.Stories(r.Context(), rehearse.LocalUserID, role.Slug)
	if err != nil {
		return err
	}
	form, err := s.newStoryForm(r, role, draft, "/roles/"+role.Slug+"/stories#new")
	if err != nil {
		return err
	}
	form.Error, form.Identifiers = msg, ids
	p := &storiesPage{basePage: basePage{Title: "Your stories: " + role.Title, Role: role.Slug}, R: role, Stories: list, Form: form}
	p.Gaps = api.StoryGaps(role, list)
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "stories", p)
	return nil
}

// storyFromForm reads the form into a story.
func storyFromForm(r *http.Request, st *rehearse.Story) {
	st.Title, st.Situation, st.Task = r.PostFormValue("title"), r.PostFormValue("situation"), r.PostFormValue("task")
	st.Action, st.Result, st.Numbers = r.PostFormValue("action"), r.PostFormValue("result"), r.PostFormValue("numbers")
	st.Areas, st.Questions = r.PostForm["area"], r.PostForm["question"]
}

// checkStory validates a posted story and looks for patient identifiers;
// it returns the message to show and the spans found, when the story must
// not be saved yet.
func checkStory(r *http.Request, st *rehearse.Story) (int, string, []analysis.Span) {
	ids, err := api.CheckStory(st, r.PostFormValue("confirm") == "1")
	switch {
	case len(ids) > 0:
		return http.StatusUnprocessableEntity, "", ids
	case err != nil:
		return api.StatusCode(rehearse.ErrorCode(err)), rehearse.ErrorMessage(err), nil
	}
	return 0, "", nil
}

func (s *Server) createStory(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return rehearse.Errorf(rehearse.ETOOLARGE, "The story is too large to send.")
	}
	st := &rehearse.Story{Role: r.PathValue("slug")}
	storyFromForm(r, st)
	if status, msg, ids := checkStory(r, st); status != 0 {
		return s.renderStories(w, r, status, st, msg, ids)
	}
	if _, err := s.store.Role(r.Context(), st.Role); err != nil {
		return err
	}
	if err := s.store.SaveStory(r.Context(), rehearse.LocalUserID, st); err != nil {
		return err
	}
	http.Redirect(w, r, "/roles/"+st.Role+"/stories#story-"+strconv.FormatInt(st.ID, 10), http.StatusSeeOther)
	return nil
}

func (s *Server) loadStory(r *http.Request) (*rehearse.Story, *rehearse.RoleDetail, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, nil, rehearse.Errorf(rehearse.ENOTFOUND, "There is no story %q.", r.PathValue("id"))
	}
	st, err := s.store.Story(r.Context(), rehearse.LocalUserID, id)
	if err != nil {
		return nil, nil, err
	}
	role, err := s.store.Role(r.Context(), st.Role)
	return st, role, err
}

func (s *Server) renderStory(w http.ResponseWriter, r *http.Request, status int, st *rehearse.Story, role *rehearse.RoleDetail, msg string, ids []analysis.Span) error {
	form, err := s.newStoryForm(r, role, st, "/stories/"+strconv.FormatInt(st.ID, 10))
	if err != nil {
		return err
	}
	form.Error, form.Identifiers = msg, ids
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "story", &storyPage{basePage: basePage{Title: "Story: " + st.Title, Role: role.Slug}, R: role, Form: form})
	return nil
}

func (s *Server) story(w http.ResponseWriter, r *http.Request) error {
	st, role, err := s.loadStory(r)
	if err != nil {
		return err
	}
	return s.renderStory(w, r, http.StatusOK, st, role, "", nil)
}

func (s *Server) updateStory(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return rehearse.Errorf(rehearse.ETOOLARGE, "The story is too large to send.")
	}
	st, role, err := s.loadStory(r)
	if err != nil {
		return err
	}
	storyFromForm(r, st)
	if status, msg, ids := checkStory(r, st); status != 0 {
		return s.renderStory(w, r, status, st, role, msg, ids)
	}
	if err := s.store.SaveStory(r.Context(), rehearse.LocalUserID, st); err != nil {
		return err
	}
	http.Redirect(w, r, "/roles/"+st.Role+"/stories#story-"+strconv.FormatInt(st.ID, 10), http.StatusSeeOther)
	return nil
}

func (s *Server) deleteStory(w http.ResponseWriter, r *http.Request) error {
	st, _, err := s.loadStory(r)
	if err != nil {
		return err
	}
	if err := s.store.DeleteStory(r.Context(), rehearse.LocalUserID, st.ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/roles/"+st.Role+"/stories", http.StatusSeeOther)
	return nil
}

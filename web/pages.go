package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/analysis"
)

// basePage is what the layout needs on every page.
type basePage struct {
	Title  string
	Search string // text of the search box
	Role   string // role slug the search box is scoped to, if any
}

type errorPage struct {
	basePage
	Status  int
	Message string
}

// homeRoleLimit is how many roles the home page lists in full; beyond it,
// the home page shows sectors and fields with counts.
const homeRoleLimit = 60

type homePage struct {
	basePage
	Sectors []rehearse.Sector
	// Groups is set when the whole catalog fits on the page.
	Groups []roleGroup
	Total  int
	// Due is how many review cards are due now (at most 500 counted).
	Due int
	// Running is the newest unfinished mock interview, if any.
	Running *interviewRow
}

// roleGroup is the roles of one sector and field.
type roleGroup struct {
	Sector, Field string
	Roles         []rehearse.RoleSummary
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	sectors, err := s.store.Catalog(r.Context())
	if err != nil {
		return err
	}
	roles, total, err := s.store.Roles(r.Context(), rehearse.RoleFilter{Limit: homeRoleLimit})
	if err != nil {
		return err
	}
	due, err := s.store.DueCards(r.Context(), rehearse.LocalUserID, time.Now().UTC(), 500)
	if err != nil {
		return err
	}
	p := &homePage{basePage: basePage{Title: "Interview practice"}, Sectors: sectors, Total: total, Due: len(due),
		Running: s.runningInterview(r)}
	w.Header().Set("Cache-Control", "no-store")
	if total <= homeRoleLimit {
		p.Groups = groupRoles(roles)
	}
	s.render(w, r, http.StatusOK, "home", p)
	return nil
}

func groupRoles(roles []rehearse.RoleSummary) []roleGroup {
	var groups []roleGroup
	for _, rs := range roles {
		if n := len(groups); n == 0 || groups[n-1].Sector != rs.Sector || groups[n-1].Field != rs.Field {
			groups = append(groups, roleGroup{Sector: rs.Sector, Field: rs.Field})
		}
		g := &groups[len(groups)-1]
		g.Roles = append(g.Roles, rs)
	}
	return groups
}

type roleListPage struct {
	basePage
	Sector, Field          string // slugs of the filter
	Groups                 []roleGroup
	Total, From, To        int
	PrevOffset, NextOffset int // -1 when there is no such page
}

const roleListLimit = 50

func (s *Server) roleList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	offset, err := offsetParam(r)
	if err != nil {
		return err
	}
	f := rehearse.RoleFilter{Sector: q.Get("sector"), Field: q.Get("field"), Offset: offset, Limit: roleListLimit}
	roles, total, err := s.store.Roles(r.Context(), f)
	if err != nil {
		return err
	}
	p := &roleListPage{basePage: basePage{Title: "All roles"}, Sector: f.Sector, Field: f.Field, Groups: groupRoles(roles), Total: total,
		From: offset + 1, To: offset + len(roles), PrevOffset: -1, NextOffset: -1}
	if offset > 0 {
		p.PrevOffset = max(0, offset-roleListLimit)
	}
	if offset+len(roles) < total {
		p.NextOffset = offset + roleListLimit
	}
	s.render(w, r, http.StatusOK, "roles", p)
	return nil
}

func offsetParam(r *http.Request) (int, error) {
	v := r.URL.Query().Get("offset")
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, rehearse.Errorf(rehearse.EINVALID, "The page offset must be a whole number of zero or more.")
	}
	return n, nil
}

type rolePage struct {
	basePage
	R          *rehearse.RoleDetail
	Areas      []areaView
	Types      []typeView
	Questions  []questionRow
	FilterArea string
	FilterType string
	Filtered   bool
}

type areaView struct {
	rehearse.Area
	Count int
}

type typeView struct {
	Type  rehearse.QuestionType
	Label string
	Count int
}

type questionRow struct {
	rehearse.QuestionSummary
	AreaName  string
	TypeLabel string
}

func (s *Server) role(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	role, err := s.store.Role(r.Context(), slug)
	if err != nil {
		return err
	}
	f := rehearse.QuestionFilter{Role: slug, Area: r.URL.Query().Get("area"), Type: rehearse.QuestionType(r.URL.Query().Get("type"))}
	qs, err := s.store.Questions(r.Context(), f)
	if err != nil {
		return err
	}
	p := &rolePage{basePage: basePage{Title: role.Title, Role: slug}, R: role, FilterArea: f.Area, FilterType: string(f.Type),
		Filtered: f.Area != "" || f.Type != ""}
	names := map[string]string{}
	for _, a := range role.Areas {
		names[a.ID] = a.Name
		p.Areas = append(p.Areas, areaView{Area: a, Count: role.AreaCounts[a.ID]})
	}
	for _, t := range rehearse.QuestionTypes {
		if n := role.TypeCounts[string(t)]; n > 0 {
			p.Types = append(p.Types, typeView{Type: t, Label: t.Label(), Count: n})
		}
	}
	for _, q := range qs {
		p.Questions = append(p.Questions, questionRow{QuestionSummary: q, AreaName: names[q.Area], TypeLabel: q.Type.Label()})
	}
	s.render(w, r, http.StatusOK, "role", p)
	return nil
}

type questionPage struct {
	basePage
	Q         *rehearse.QuestionDetail
	TypeLabel string
	Answer    string            // what the candidate typed, kept in the box
	Error     string            // why the answer could not be analysed
	Feedback  *feedbackView     // set after a practice answer
	Attempt   *rehearse.Attempt // the saved attempt, after a practice answer
	Target    [2]int            // good spoken length in seconds
	Proposed  string            // review rating suggested by the feedback
	Ratings   []string          // the ratings to choose from
	InSession bool              // answered from a review session: rating leads to the next card
}

func (s *Server) question(w http.ResponseWriter, r *http.Request) error {
	q, err := s.store.Question(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := &questionPage{basePage: basePage{Title: q.Text, Role: q.RoleSlug}, Q: q, TypeLabel: q.Type.Label(), Target: analysis.TargetSeconds(q.Type)}
	s.render(w, r, http.StatusOK, "question", p)
	return nil
}

type glossaryPage struct {
	basePage
	R       *rehearse.RoleDetail
	Filter  string
	Letters []letterLink
	Groups  []letterGroup
	Count   int
}

type letterLink struct {
	Letter string
	Has    bool
}

type letterGroup struct {
	Letter string
	Terms  []rehearse.Term
}

func (s *Server) glossary(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	role, err := s.store.Role(r.Context(), slug)
	if err != nil {
		return err
	}
	terms, err := s.store.Glossary(r.Context(), slug)
	if err != nil {
		return err
	}
	filter := strings.TrimSpace(r.URL.Query().Get("q"))
	p := &glossaryPage{basePage: basePage{Title: "Glossary: " + role.Title, Role: slug}, R: role, Filter: filter}
	p.Groups = groupTerms(matchTerms(terms, filter))
	has := map[string]bool{}
	for _, g := range p.Groups {
		has[g.Letter] = true
		p.Count += len(g.Terms)
	}
	for c := 'A'; c <= 'Z'; c++ {
		p.Letters = append(p.Letters, letterLink{Letter: string(c), Has: has[string(c)]})
	}
	if has["#"] {
		p.Letters = append(p.Letters, letterLink{Letter: "#", Has: true})
	}
	s.render(w, r, http.StatusOK, "glossary", p)
	return nil
}

// matchTerms keeps the terms whose names or definition contain filter,
// ignoring case.
func matchTerms(terms []rehearse.Term, filter string) []rehearse.Term {
	if filter == "" {
		return terms
	}
	f := strings.ToLower(filter)
	var out []rehearse.Term
	for _, t := range terms {
		text := strings.ToLower(strings.Join(t.Names(), " ") + " " + t.Definition)
		if strings.Contains(text, f) {
			out = append(out, t)
		}
	}
	return out
}

// groupTerms sorts terms alphabetically and groups them by first letter;
// terms that start with anything else go under "#".
func groupTerms(terms []rehearse.Term) []letterGroup {
	sorted := append([]rehearse.Term(nil), terms...)
	sort.SliceStable(sorted, func(i, j int) bool { return strings.ToLower(sorted[i].Term) < strings.ToLower(sorted[j].Term) })
	var groups []letterGroup
	for _, t := range sorted {
		letter := "#"
		if r := []rune(strings.ToUpper(t.Term)); len(r) > 0 && r[0] >= 'A' && r[0] <= 'Z' && unicode.IsLetter(r[0]) {
			letter = string(r[0])
		}
		if n := len(groups); n == 0 || groups[n-1].Letter != letter {
			groups = append(groups, letterGroup{Letter: letter})
		}
		g := &groups[len(groups)-1]
		g.Terms = append(g.Terms, t)
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[j].Letter == "#" && groups[i].Letter != "#" })
	return groups
}

type tipsPage struct {
	basePage
	R      *rehearse.RoleDetail
	Groups []tipGroup
}

type tipGroup struct {
	Kind, Label string
	Tips        []rehearse.Tip
}

var tipLabels = map[string]string{
	"process":   "How the interview runs",
	"answering": "Answering well",
	"numbers":   "Talking about numbers",
	"gaps":      "When you have not done it yet",
	"day-of":    "On the day",
	"general":   "More tips",
}

func (s *Server) tips(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	role, err := s.store.Role(r.Context(), slug)
	if err != nil {
		return err
	}
	p := &tipsPage{basePage: basePage{Title: "Tips: " + role.Title, Role: slug}, R: role}
	for _, kind := range rehearse.TipKinds {
		g := tipGroup{Kind: kind, Label: tipLabels[kind]}
		for _, t := range role.Tips {
			if t.Kind == kind {
				g.Tips = append(g.Tips, t)
			}
		}
		if len(g.Tips) > 0 {
			p.Groups = append(p.Groups, g)
		}
	}
	s.render(w, r, http.StatusOK, "tips", p)
	return nil
}

type scenariosPage struct {
	basePage
	R         *rehearse.RoleDetail
	Scenarios []rehearse.Scenario
}

func (s *Server) scenarios(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	role, err := s.store.Role(r.Context(), slug)
	if err != nil {
		return err
	}
	scs, err := s.store.Scenarios(r.Context(), slug)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "scenarios", &scenariosPage{basePage: basePage{Title: "Scenario drills: " + role.Title, Role: slug}, R: role, Scenarios: scs})
	return nil
}

type scenarioPage struct {
	basePage
	S *rehearse.ScenarioDetail
}

func (s *Server) scenario(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.store.Scenario(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "scenario", &scenarioPage{basePage: basePage{Title: sc.Title, Role: sc.RoleSlug}, S: sc})
	return nil
}

type searchPage struct {
	basePage
	RoleTitle              string
	Results                *rehearse.SearchResults
	Error                  string
	From                   int
	PrevOffset, NextOffset int
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) error {
	q := rehearse.SearchQuery{Text: r.URL.Query().Get("q"), Role: r.URL.Query().Get("role")}
	offset, err := offsetParam(r)
	if err != nil {
		return err
	}
	q.Offset = offset
	p := &searchPage{basePage: basePage{Title: "Search", Search: q.Text, Role: q.Role}, PrevOffset: -1, NextOffset: -1, From: offset + 1}
	if q.Role != "" {
		role, err := s.store.Role(r.Context(), q.Role)
		if err != nil {
			return rehearse.Errorf(rehearse.EINVALID, "There is no role %q to search in.", q.Role)
		}
		p.RoleTitle = role.Title
	}
	if strings.TrimSpace(q.Text) != "" {
		res, err := s.store.Search(r.Context(), q)
		if rehearse.ErrorCode(err) == rehearse.EINVALID {
			p.Error = rehearse.ErrorMessage(err)
			s.render(w, r, http.StatusBadRequest, "search", p)
			return nil
		} else if err != nil {
			return err
		}
		p.Results = res
		p.Title = "Search: " + res.Query
		if offset > 0 {
			p.PrevOffset = max(0, offset-20)
		}
		if res.HasMore {
			p.NextOffset = offset + len(res.Hits)
		}
	}
	s.render(w, r, http.StatusOK, "search", p)
	return nil
}

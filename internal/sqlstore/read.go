package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/rehearse/rehearse"
)

// Page sizes of the role list.
const (
	DefaultRoleLimit = 50
	MaxRoleLimit     = 200
)

// Catalog implements rehearse.Store.
func (s *Store) Catalog(ctx context.Context) ([]rehearse.Sector, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT sector, sector_slug, field, field_slug, COUNT(*) FROM roles
		GROUP BY sector, sector_slug, field, field_slug ORDER BY sector, field`)
	if err != nil {
		return nil, s.wrap("catalog", err)
	}
	defer rows.Close()
	var sectors []rehearse.Sector
	for rows.Next() {
		var sec rehearse.Sector
		var f rehearse.Field
		if err := rows.Scan(&sec.Name, &sec.Slug, &f.Name, &f.Slug, &f.RoleCount); err != nil {
			return nil, s.wrap("catalog", err)
		}
		if n := len(sectors); n == 0 || sectors[n-1].Slug != sec.Slug {
			sectors = append(sectors, sec)
		}
		last := &sectors[len(sectors)-1]
		last.Fields = append(last.Fields, f)
	}
	return sectors, s.wrap("catalog", rows.Err())
}

// Roles implements rehearse.Store.
func (s *Store) Roles(ctx context.Context, f rehearse.RoleFilter) ([]rehearse.RoleSummary, int, error) {
	if f.Limit == 0 {
		f.Limit = DefaultRoleLimit
	}
	if f.Limit < 0 || f.Limit > MaxRoleLimit || f.Offset < 0 {
		return nil, 0, rehearse.Errorf(rehearse.EINVALID, "Limit must be between 1 and %d and offset not negative.", MaxRoleLimit)
	}
	where, args := []string{"1 = 1"}, []any{}
	if f.Sector != "" {
		where, args = append(where, "sector_slug = ?"), append(args, f.Sector)
	}
	if f.Field != "" {
		where, args = append(where, "field_slug = ?"), append(args, f.Field)
	}
	cond := strings.Join(where, " AND ")
	var total int
	if err := s.DB.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM roles WHERE `+cond), args...).Scan(&total); err != nil {
		return nil, 0, s.wrap("count roles", err)
	}
	rows, err := s.DB.QueryContext(ctx, s.q(`SELECT slug, title, sector, field, summary, question_count FROM roles WHERE `+cond+`
		ORDER BY sector, field, title LIMIT ? OFFSET ?`), append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, s.wrap("list roles", err)
	}
	defer rows.Close()
	roles := []rehearse.RoleSummary{}
	for rows.Next() {
		var r rehearse.RoleSummary
		if err := rows.Scan(&r.Slug, &r.Title, &r.Sector, &r.Field, &r.Summary, &r.QuestionCount); err != nil {
			return nil, 0, s.wrap("list roles", err)
		}
		roles = append(roles, r)
	}
	return roles, total, s.wrap("list roles", rows.Err())
}

// role loads the row of a role by slug.
func (s *Store) role(ctx context.Context, slug string) (int64, *rehearse.RoleDetail, error) {
	var id int64
	var body string
	d := &rehearse.RoleDetail{}
	err := s.DB.QueryRowContext(ctx, s.q(`SELECT id, slug, title, sector, field, summary, overview, body, question_count, scenario_count, term_count
		FROM roles WHERE slug = ?`), slug).Scan(&id, &d.Slug, &d.Title, &d.Sector, &d.Field, &d.Summary, &d.Overview, &body,
		&d.QuestionCount, &d.ScenarioCount, &d.TermCount)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, rehearse.Errorf(rehearse.ENOTFOUND, "There is no role %q.", slug)
	} else if err != nil {
		return 0, nil, s.wrap("find role", err)
	}
	var b roleBody
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return 0, nil, s.wrap("decode role", err)
	}
	d.Areas, d.Tips, d.AskEmployer = b.Areas, b.Tips, b.AskEmployer
	return id, d, nil
}

// Role implements rehearse.Store.
func (s *Store) Role(ctx context.Context, slug string) (*rehearse.RoleDetail, error) {
	id, d, err := s.role(ctx, slug)
	if err != nil {
		return nil, err
	}
	d.AreaCounts, d.TypeCounts = map[string]int{}, map[string]int{}
	rows, err := s.DB.QueryContext(ctx, s.q(`SELECT area, type, COUNT(*) FROM questions WHERE role_id = ? GROUP BY area, type`), id)
	if err != nil {
		return nil, s.wrap("count questions", err)
	}
	defer rows.Close()
	for rows.Next() {
		var area, typ string
		var n int
		if err := rows.Scan(&area, &typ, &n); err != nil {
			return nil, s.wrap("count questions", err)
		}
		d.AreaCounts[area] += n
		d.TypeCounts[typ] += n
	}
	return d, s.wrap("count questions", rows.Err())
}

// Questions implements rehearse.Store.
func (s *Store) Questions(ctx context.Context, f rehearse.QuestionFilter) ([]rehearse.QuestionSummary, error) {
	id, role, err := s.role(ctx, f.Role)
	if err != nil {
		return nil, err
	}
	query, args := `SELECT id, text, area, type, level FROM questions WHERE role_id = ?`, []any{id}
	if f.Area != "" {
		if areaName(role.Areas, f.Area) == "" {
			return nil, rehearse.Errorf(rehearse.EINVALID, "Role %q has no area %q.", f.Role, f.Area)
		}
		query, args = query+` AND area = ?`, append(args, f.Area)
	}
	if f.Type != "" {
		if !f.Type.Valid() {
			return nil, rehearse.Errorf(rehearse.EINVALID, "Unknown question type %q.", f.Type)
		}
		query, args = query+` AND type = ?`, append(args, string(f.Type))
	}
	rows, err := s.DB.QueryContext(ctx, s.q(query+` ORDER BY position`), args...)
	if err != nil {
		return nil, s.wrap("list questions", err)
	}
	defer rows.Close()
	qs := []rehearse.QuestionSummary{}
	for rows.Next() {
		var q rehearse.QuestionSummary
		if err := rows.Scan(&q.ID, &q.Text, &q.Area, &q.Type, &q.Level); err != nil {
			return nil, s.wrap("list questions", err)
		}
		qs = append(qs, q)
	}
	return qs, s.wrap("list questions", rows.Err())
}

func areaName(areas []rehearse.Area, id string) string {
	for _, a := range areas {
		if a.ID == id {
			return a.Name
		}
	}
	return ""
}

// Question implements rehearse.Store.
func (s *Store) Question(ctx context.Context, id string) (*rehearse.QuestionDetail, error) {
	var body, roleBodyJSON string
	var roleID int64
	d := &rehearse.QuestionDetail{}
	err := s.DB.QueryRowContext(ctx, s.q(`SELECT q.body, r.id, r.slug, r.title, r.body FROM questions q JOIN roles r ON r.id = q.role_id
		WHERE q.id = ?`), id).Scan(&body, &roleID, &d.RoleSlug, &d.RoleTitle, &roleBodyJSON)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rehearse.Errorf(rehearse.ENOTFOUND, "There is no question %q.", id)
	} else if err != nil {
		return nil, s.wrap("find question", err)
	}
	var qb questionBody
	var rb roleBody
	if err := errors.Join(json.Unmarshal([]byte(body), &qb), json.Unmarshal([]byte(roleBodyJSON), &rb)); err != nil {
		return nil, s.wrap("decode question", err)
	}
	d.Question = qb.Question
	d.AreaName = areaName(rb.Areas, d.Area)
	d.RelatedTerms, err = s.terms(ctx, roleID, qb.TermSlugs)
	return d, err
}

// terms loads the terms of a role with the given slugs, in that order.
func (s *Store) terms(ctx context.Context, roleID int64, slugs []string) ([]rehearse.Term, error) {
	terms := []rehearse.Term{}
	if len(slugs) == 0 {
		return terms, nil
	}
	args := []any{roleID}
	for _, sl := range slugs {
		args = append(args, sl)
	}
	rows, err := s.DB.QueryContext(ctx, s.q(`SELECT body FROM terms WHERE role_id = ? AND slug IN (`+placeholders(len(slugs))+`)`), args...)
	if err != nil {
		return nil, s.wrap("find terms", err)
	}
	defer rows.Close()
	bySlug := map[string]rehearse.Term{}
	for rows.Next() {
		var t rehearse.Term
		if err := scanJSON(rows, &t); err != nil {
			return nil, s.wrap("find terms", err)
		}
		bySlug[t.Slug] = t
	}
	for _, sl := range slugs {
		if t, ok := bySlug[sl]; ok {
			terms = append(terms, t)
			delete(bySlug, sl)
		}
	}
	return terms, s.wrap("find terms", rows.Err())
}

// Glossary implements rehearse.Store.
func (s *Store) Glossary(ctx context.Context, roleSlug string) ([]rehearse.Term, error) {
	terms, err := listBodies[rehearse.Term](ctx, s, `SELECT body FROM terms WHERE role_id = ? ORDER BY position`, roleSlug)
	return terms, s.wrap("glossary", err)
}

// RoleQuestions implements rehearse.Store.
func (s *Store) RoleQuestions(ctx context.Context, roleSlug string) ([]rehearse.Question, error) {
	bodies, err := listBodies[questionBody](ctx, s, `SELECT body FROM questions WHERE role_id = ? ORDER BY position`, roleSlug)
	if err != nil {
		return nil, s.wrap("role questions", err)
	}
	qs := make([]rehearse.Question, len(bodies))
	for i, b := range bodies {
		qs[i] = b.Question
	}
	return qs, nil
}

// Scenarios implements rehearse.Store.
func (s *Store) Scenarios(ctx context.Context, roleSlug string) ([]rehearse.Scenario, error) {
	scs, err := listBodies[rehearse.Scenario](ctx, s, `SELECT body FROM scenarios WHERE role_id = ? ORDER BY position`, roleSlug)
	return scs, s.wrap("scenarios", err)
}

// listBodies decodes the JSON bodies that query selects for the role with
// the given slug; query takes the role id as its one argument.
func listBodies[T any](ctx context.Context, s *Store, query, roleSlug string) ([]T, error) {
	id, _, err := s.role(ctx, roleSlug)
	if err != nil {
		return nil, err
	}
	rows, err := s.DB.QueryContext(ctx, s.q(query), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	list := []T{}
	for rows.Next() {
		var v T
		if err := scanJSON(rows, &v); err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	return list, rows.Err()
}

// Scenario implements rehearse.Store.
func (s *Store) Scenario(ctx context.Context, id string) (*rehearse.ScenarioDetail, error) {
	var body, rb string
	d := &rehearse.ScenarioDetail{}
	err := s.DB.QueryRowContext(ctx, s.q(`SELECT sc.body, r.slug, r.title, r.body FROM scenarios sc JOIN roles r ON r.id = sc.role_id
		WHERE sc.id = ?`), id).Scan(&body, &d.RoleSlug, &d.RoleTitle, &rb)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rehearse.Errorf(rehearse.ENOTFOUND, "There is no scenario %q.", id)
	} else if err != nil {
		return nil, s.wrap("find scenario", err)
	}
	var b roleBody
	if err := errors.Join(json.Unmarshal([]byte(body), &d.Scenario), json.Unmarshal([]byte(rb), &b)); err != nil {
		return nil, s.wrap("decode scenario", err)
	}
	d.AreaName = areaName(b.Areas, d.Area)
	return d, nil
}

func scanJSON(rows *sql.Rows, v any) error {
	var b []byte
	if err := rows.Scan(&b); err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// Search implements rehearse.Store.
func (s *Store) Search(ctx context.Context, q rehearse.SearchQuery) (*rehearse.SearchResults, error) {
	if err := q.Normalize(); err != nil {
		return nil, err
	}
	res := &rehearse.SearchResults{Query: q.Text, Hits: []rehearse.SearchHit{}}
	if q.Role != "" {
		if _, _, err := s.role(ctx, q.Role); rehearse.ErrorCode(err) == rehearse.ENOTFOUND {
			return nil, rehearse.Errorf(rehearse.EINVALID, "There is no role %q to search in.", q.Role)
		} else if err != nil {
			return nil, err
		}
	}
	p := rehearse.ParseQuery(q.Text)
	switch {
	case len(p.Terms) == 0 && q.Text != "":
		res.Note = "Those words are too common to search for; add a more specific word."
		return res, nil
	case len(p.Terms) == 0:
		res.Note = "Type a word or phrase to search for."
		return res, nil
	case !p.Positive():
		res.Note = "Add a word to search for; a search made only of exclusions (-word) finds nothing."
		return res, nil
	}
	want := q.Limit
	q.Limit++
	hits, err := s.Dialect.Search(ctx, s.DB, p, q)
	if err != nil {
		return nil, s.wrap("search", err)
	}
	if len(hits) > want {
		hits, res.HasMore = hits[:want], true
	}
	res.Hits = append(res.Hits, hits...)
	return res, nil
}

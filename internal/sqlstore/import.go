package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/rehearse/rehearse"
)

// roleBody is the JSON kept in roles.body.
type roleBody struct {
	Areas       []rehearse.Area        `json:"areas"`
	Tips        []rehearse.Tip         `json:"tips"`
	AskEmployer []rehearse.AskEmployer `json:"ask_employer"`
}

// questionBody is the JSON kept in questions.body: the question and the
// slugs of its related terms, resolved at import.
type questionBody struct {
	rehearse.Question
	TermSlugs []string `json:"term_slugs"`
}

// ImportRole implements rehearse.Store.
func (s *Store) ImportRole(ctx context.Context, r *rehearse.Role, hash string) (bool, error) {
	changed := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.lock(ctx, tx, "role:"+r.Slug); err != nil {
			return err
		}
		var id int64
		var old string
		err := tx.QueryRowContext(ctx, s.q(`SELECT id, content_hash FROM roles WHERE slug = ?`), r.Slug).Scan(&id, &old)
		switch {
		case err == nil && old == hash:
			return nil
		case errors.Is(err, sql.ErrNoRows):
			id, err = s.insertRole(ctx, tx, r, hash)
		case err == nil:
			err = s.updateRole(ctx, tx, id, r, hash)
		}
		if err != nil {
			return err
		}
		changed = true
		slugs := termSlugs(r.Glossary)
		if err := s.importTerms(ctx, tx, id, r.Glossary); err != nil {
			return err
		}
		if err := s.importQuestions(ctx, tx, id, r, slugs); err != nil {
			return err
		}
		return s.importScenarios(ctx, tx, id, r.Scenarios)
	})
	return changed, s.wrap("import role "+r.Slug, err)
}

// ContentHashes implements rehearse.Store.
func (s *Store) ContentHashes(ctx context.Context) (map[string]string, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT slug, content_hash FROM roles`)
	if err != nil {
		return nil, s.wrap("content hashes", err)
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var slug, h string
		if err := rows.Scan(&slug, &h); err != nil {
			return nil, s.wrap("content hashes", err)
		}
		m[slug] = h
	}
	return m, s.wrap("content hashes", rows.Err())
}

func (s *Store) roleArgs(r *rehearse.Role, hash string) []any {
	body := mustJSON(roleBody{Areas: r.Areas, Tips: r.Tips, AskEmployer: r.AskEmployer})
	return []any{r.Title, r.Sector, rehearse.Slugify(r.Sector), r.Field, rehearse.Slugify(r.Field), r.Summary, r.Overview, body,
		len(r.Questions), len(r.Scenarios), len(r.Glossary), hash, s.Dialect.Time(s.Now())}
}

func (s *Store) insertRole(ctx context.Context, tx *sql.Tx, r *rehearse.Role, hash string) (int64, error) {
	var id int64
	args := append([]any{r.Slug}, s.roleArgs(r, hash)...)
	err := tx.QueryRowContext(ctx, s.q(`INSERT INTO roles (slug, title, sector, sector_slug, field, field_slug, summary, overview, body,
		question_count, scenario_count, term_count, content_hash, imported_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`), args...).Scan(&id)
	return id, err
}

func (s *Store) updateRole(ctx context.Context, tx *sql.Tx, id int64, r *rehearse.Role, hash string) error {
	args := append(s.roleArgs(r, hash), id)
	_, err := tx.ExecContext(ctx, s.q(`UPDATE roles SET title = ?, sector = ?, sector_slug = ?, field = ?, field_slug = ?,
		summary = ?, overview = ?, body = ?, question_count = ?, scenario_count = ?, term_count = ?,
		content_hash = ?, imported_at = ? WHERE id = ?`), args...)
	return err
}

// termSlugs maps every lowercased name of every term to the term's slug.
func termSlugs(glossary []rehearse.Term) map[string]string {
	m := map[string]string{}
	for i := range glossary {
		t := &glossary[i]
		if t.Slug == "" {
			t.Slug = rehearse.Slugify(t.Term)
		}
		for _, n := range t.Names() {
			m[strings.ToLower(strings.TrimSpace(n))] = t.Slug
		}
	}
	return m
}

func (s *Store) importTerms(ctx context.Context, tx *sql.Tx, roleID int64, glossary []rehearse.Term) error {
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM terms WHERE role_id = ?`), roleID); err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, s.q(`INSERT INTO terms (role_id, slug, position, term, body) VALUES (?, ?, ?, ?, ?)`))
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, t := range glossary {
		if _, err := stmt.ExecContext(ctx, roleID, t.Slug, i, t.Term, mustJSON(t)); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) importQuestions(ctx context.Context, tx *sql.Tx, roleID int64, r *rehearse.Role, slugs map[string]string) error {
	old, err := s.ids(ctx, tx, `SELECT id FROM questions WHERE role_id = ?`, roleID)
	if err != nil {
		return err
	}
	terms := map[string]rehearse.Term{}
	for _, t := range r.Glossary {
		terms[t.Slug] = t
	}
	stmt, err := tx.PrepareContext(ctx, s.q(`INSERT INTO questions (id, role_id, position, area, type, level, text, body, search_guidance, search_terms)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET position = excluded.position, area = excluded.area, type = excluded.type,
			level = excluded.level, text = excluded.text, body = excluded.body,
			search_guidance = excluded.search_guidance, search_terms = excluded.search_terms
		WHERE questions.role_id = excluded.role_id
		RETURNING seq`))
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, q := range r.Questions {
		b := questionBody{Question: q}
		var related []string
		for _, ref := range q.Terms {
			if slug, ok := slugs[strings.ToLower(strings.TrimSpace(ref))]; ok {
				b.TermSlugs = append(b.TermSlugs, slug)
				t := terms[slug]
				related = append(related, strings.Join(t.Names(), " ")+" "+t.Definition)
			}
		}
		var seq int64
		err := stmt.QueryRowContext(ctx, q.ID, roleID, i, q.Area, string(q.Type), string(q.Level), q.Text, mustJSON(b),
			guidance(q), strings.Join(related, "\n")).Scan(&seq)
		if errors.Is(err, sql.ErrNoRows) {
			return rehearse.Errorf(rehearse.ECONFLICT, "Question id %q already belongs to another role; ids must be unique across packs.", q.ID)
		} else if err != nil {
			return err
		}
		delete(old, q.ID)
	}
	for id := range old {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM questions WHERE id = ?`), id); err != nil {
			return err
		}
	}
	return nil
}

// guidance is the searchable text of a question besides its wording.
func guidance(q rehearse.Question) string {
	parts := []string{q.Why, q.How}
	for _, tp := range q.TalkingPoints {
		parts = append(parts, tp.Label+": "+strings.Join(tp.Phrases, ", "))
	}
	return strings.Join(parts, "\n")
}

func (s *Store) importScenarios(ctx context.Context, tx *sql.Tx, roleID int64, scenarios []rehearse.Scenario) error {
	old, err := s.ids(ctx, tx, `SELECT id FROM scenarios WHERE role_id = ?`, roleID)
	if err != nil {
		return err
	}
	for i, sc := range scenarios {
		var id string
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO scenarios (id, role_id, position, title, area, body) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET position = excluded.position, title = excluded.title, area = excluded.area, body = excluded.body
			WHERE scenarios.role_id = excluded.role_id
			RETURNING id`), sc.ID, roleID, i, sc.Title, sc.Area, mustJSON(sc)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return rehearse.Errorf(rehearse.ECONFLICT, "Scenario id %q already belongs to another role; ids must be unique across packs.", sc.ID)
		} else if err != nil {
			return err
		}
		delete(old, sc.ID)
	}
	for id := range old {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM scenarios WHERE id = ?`), id); err != nil {
			return err
		}
	}
	return nil
}

// ids returns the set of ids that query (with one argument) selects.
func (s *Store) ids(ctx context.Context, tx *sql.Tx, query string, arg any) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, s.q(query), arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		m[id] = true
	}
	return m, rows.Err()
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("sqlstore: encode JSON: " + err.Error())
	}
	return string(b)
}

package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
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
	n, err := s.ImportRoles(ctx, []rehearse.RoleImport{{Role: r, Hash: hash}})
	return n == 1, err
}

// ImportRoles implements rehearse.Store: every role in one transaction, so
// that an interrupted import leaves each role as it was before.
func (s *Store) ImportRoles(ctx context.Context, roles []rehearse.RoleImport) (int, error) {
	changed := 0
	var slug string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		changed = 0
		for _, st := range s.Dialect.ImportSettings {
			if _, err := tx.ExecContext(ctx, st); err != nil {
				return err
			}
		}
		var lastSeq int64
		if s.Dialect.IndexNewQuestions != nil {
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM questions`).Scan(&lastSeq); err != nil {
				return err
			}
		}
		for _, ri := range roles {
			slug = ri.Role.Slug
			p, ok := ri.Prepared.(*preparedRole)
			if !ok || p.role != ri.Role {
				p = prepareRole(ri.Role)
			}
			ok, err := s.importRole(ctx, tx, p, ri.Hash)
			if err != nil {
				return err
			}
			if ok {
				changed++
			}
		}
		if changed == 0 {
			return nil
		}
		if s.Dialect.IndexNewQuestions != nil {
			if err := s.Dialect.IndexNewQuestions(ctx, tx, lastSeq); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, s.q(`UPDATE content_version SET version = ? WHERE id = 1`), newVersion())
		return err
	})
	if err != nil {
		return 0, s.wrap("import role "+slug, err)
	}
	return changed, nil
}

// preparedRole is the part of importing a role that needs no database: the
// JSON bodies and search text of its questions, terms and scenarios.
type preparedRole struct {
	role      *rehearse.Role
	questions []preparedQuestion
	terms     []string // JSON bodies
	scenarios []string // JSON bodies
}

type preparedQuestion struct{ body, guidance, related string }

// PrepareImport does the work of importing r that needs no database, so
// that pack.ReadAndImport can do it on its reading goroutines instead of
// in the transaction that writes the role (a single writer on SQLite).
// ImportRoles takes the result in RoleImport.Prepared; r must not change
// in between.
func (s *Store) PrepareImport(r *rehearse.Role) any { return prepareRole(r) }

func prepareRole(r *rehearse.Role) *preparedRole {
	slugs := termSlugs(r.Glossary)
	terms := map[string]rehearse.Term{}
	for _, t := range r.Glossary {
		terms[t.Slug] = t
	}
	p := &preparedRole{
		role:      r,
		questions: make([]preparedQuestion, len(r.Questions)),
		terms:     make([]string, len(r.Glossary)),
		scenarios: make([]string, len(r.Scenarios)),
	}
	for i, q := range r.Questions {
		b := questionBody{Question: q}
		var related []string
		for _, ref := range q.Terms {
			if slug, ok := slugs[strings.ToLower(strings.TrimSpace(ref))]; ok {
				b.TermSlugs = append(b.TermSlugs, slug)
				// The names only: a definition is shared by many questions
				// and its words (payer, patient, staff) matched searches that
				// had nothing to do with the question; indexing it also cost a
				// third of the search text (docs/performance.md, Import).
				related = append(related, strings.Join(terms[slug].Names(), " "))
			}
		}
		p.questions[i] = preparedQuestion{body: mustJSON(b), guidance: guidance(q), related: strings.Join(related, "\n")}
	}
	for i, t := range r.Glossary {
		p.terms[i] = mustJSON(t)
	}
	for i, sc := range r.Scenarios {
		p.scenarios[i] = mustJSON(sc)
	}
	return p
}

// importRole stores one role inside tx and reports whether it changed.
func (s *Store) importRole(ctx context.Context, tx *sql.Tx, p *preparedRole, hash string) (bool, error) {
	r := p.role
	if err := s.lock(ctx, tx, "role:"+r.Slug); err != nil {
		return false, err
	}
	var id int64
	var old string
	err := tx.QueryRowContext(ctx, s.q(`SELECT id, content_hash FROM roles WHERE slug = ?`), r.Slug).Scan(&id, &old)
	switch {
	case err == nil && old == hash:
		return false, nil
	case errors.Is(err, sql.ErrNoRows):
		id, err = s.insertRole(ctx, tx, r, hash)
	case err == nil:
		err = s.updateRole(ctx, tx, id, r, hash)
	}
	if err != nil {
		return false, err
	}
	if err := s.importTerms(ctx, tx, id, p); err != nil {
		return false, err
	}
	if err := s.importQuestions(ctx, tx, id, p); err != nil {
		return false, err
	}
	return true, s.importScenarios(ctx, tx, id, p)
}

// newVersion returns a random content version.
func newVersion() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// ContentVersion implements rehearse.Store.
func (s *Store) ContentVersion(ctx context.Context) (string, error) {
	var v string
	err := s.DB.QueryRowContext(ctx, `SELECT version FROM content_version WHERE id = 1`).Scan(&v)
	return v, s.wrap("content version", err)
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

func (s *Store) importTerms(ctx context.Context, tx *sql.Tx, roleID int64, p *preparedRole) error {
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM terms WHERE role_id = ?`), roleID); err != nil {
		return err
	}
	rows := make([][]any, len(p.role.Glossary))
	for i, t := range p.role.Glossary {
		rows[i] = []any{roleID, t.Slug, i, t.Term, p.terms[i]}
	}
	return s.insertRows(ctx, tx, `INSERT INTO terms (role_id, slug, position, term, body) VALUES `, rows, "")
}

// rowsPerInsert bounds the rows of one multi-row INSERT (SQLite and
// PostgreSQL limit the number of parameters of a statement).
const rowsPerInsert = 200

// insertRows runs prefix + "(?, ...), (?, ...)" + suffix for rows, a few
// hundred rows per statement. One statement per role instead of one per
// row matters most on SQLite, where FTS5 flushes its pending terms to disk
// at the end of every statement.
func (s *Store) insertRows(ctx context.Context, tx *sql.Tx, prefix string, rows [][]any, suffix string) error {
	for len(rows) > 0 {
		n := min(len(rows), rowsPerInsert)
		var b strings.Builder
		b.WriteString(prefix)
		args := make([]any, 0, n*len(rows[0]))
		one := "(" + placeholders(len(rows[0])) + ")"
		for i, r := range rows[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(one)
			args = append(args, r...)
		}
		b.WriteString(suffix)
		if _, err := tx.ExecContext(ctx, s.q(b.String()), args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// checkOwner returns an ECONFLICT error when one of ids already belongs to
// a role other than roleID in table (questions or scenarios).
func (s *Store) checkOwner(ctx context.Context, tx *sql.Tx, table, what string, roleID int64, ids []string) error {
	for len(ids) > 0 {
		n := min(len(ids), rowsPerInsert)
		args := []any{roleID}
		for _, id := range ids[:n] {
			args = append(args, id)
		}
		var taken string
		err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM `+table+` WHERE role_id <> ? AND id IN (`+placeholders(n)+`) LIMIT 1`), args...).Scan(&taken)
		switch {
		case err == nil:
			return rehearse.Errorf(rehearse.ECONFLICT, "%s id %q already belongs to another role; ids must be unique across packs.", what, taken)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		ids = ids[n:]
	}
	return nil
}

func (s *Store) importQuestions(ctx context.Context, tx *sql.Tx, roleID int64, p *preparedRole) error {
	r := p.role
	ids := make([]string, len(r.Questions))
	for i, q := range r.Questions {
		ids[i] = q.ID
	}
	if err := s.checkOwner(ctx, tx, "questions", "Question", roleID, ids); err != nil {
		return err
	}
	old, err := s.ids(ctx, tx, `SELECT id FROM questions WHERE role_id = ?`, roleID)
	if err != nil {
		return err
	}
	rows := make([][]any, len(r.Questions))
	for i, q := range r.Questions {
		pq := p.questions[i]
		rows[i] = []any{q.ID, roleID, i, q.Area, string(q.Type), string(q.Level), q.Text, pq.body, pq.guidance, pq.related}
		delete(old, q.ID)
	}
	if err := s.deleteIDs(ctx, tx, "questions", old); err != nil {
		return err
	}
	return s.insertRows(ctx, tx, `INSERT INTO questions (id, role_id, position, area, type, level, text, body, search_guidance, search_terms) VALUES `, rows,
		` ON CONFLICT (id) DO UPDATE SET position = excluded.position, area = excluded.area, type = excluded.type,
			level = excluded.level, text = excluded.text, body = excluded.body,
			search_guidance = excluded.search_guidance, search_terms = excluded.search_terms
		WHERE questions.role_id = excluded.role_id`)
}

// deleteIDs deletes the rows of table whose id is in ids.
func (s *Store) deleteIDs(ctx context.Context, tx *sql.Tx, table string, ids map[string]bool) error {
	for id := range ids {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM `+table+` WHERE id = ?`), id); err != nil {
			return err
		}
	}
	return nil
}

// guidance is the searchable text of a question besides its wording: why
// and how, and each talking point with its first searchPhrases cue phrases.
// Packs list fifteen or more ways of saying a point, most of them everyday
// words; the first few name it, and indexing the rest made the index a
// third bigger and matched unrelated searches.
func guidance(q rehearse.Question) string {
	parts := []string{q.Why, q.How}
	for _, tp := range q.TalkingPoints {
		parts = append(parts, tp.Label+": "+strings.Join(tp.Phrases[:min(len(tp.Phrases), searchPhrases)], ", "))
	}
	return strings.Join(parts, "\n")
}

// searchPhrases is how many of a talking point's cue phrases are searched.
const searchPhrases = 5

func (s *Store) importScenarios(ctx context.Context, tx *sql.Tx, roleID int64, p *preparedRole) error {
	scenarios := p.role.Scenarios
	ids := make([]string, len(scenarios))
	for i, sc := range scenarios {
		ids[i] = sc.ID
	}
	if err := s.checkOwner(ctx, tx, "scenarios", "Scenario", roleID, ids); err != nil {
		return err
	}
	old, err := s.ids(ctx, tx, `SELECT id FROM scenarios WHERE role_id = ?`, roleID)
	if err != nil {
		return err
	}
	rows := make([][]any, len(scenarios))
	for i, sc := range scenarios {
		rows[i] = []any{sc.ID, roleID, i, sc.Title, sc.Area, p.scenarios[i]}
		delete(old, sc.ID)
	}
	if err := s.deleteIDs(ctx, tx, "scenarios", old); err != nil {
		return err
	}
	return s.insertRows(ctx, tx, `INSERT INTO scenarios (id, role_id, position, title, area, body) VALUES `, rows,
		` ON CONFLICT (id) DO UPDATE SET position = excluded.position, title = excluded.title, area = excluded.area, body = excluded.body
			WHERE scenarios.role_id = excluded.role_id`)
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

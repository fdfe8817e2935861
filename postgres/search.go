package postgres

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rehearse/rehearse"
)

// Ranking over a large catalog. A GIN index returns every match of a word
// at once (a bitmap), and ts_rank reads the tsvector of every row it
// ranks, so over 500,000 questions a query with a very common word
// ("team") costs a hundred milliseconds and more. Searches therefore go in
// two tiers, each ranked by ts_rank on at most rankCandidates matches:
//
//  1. questions whose wording holds the query, through a small index on
//     the wording alone (migrations 0008 and 0009: a stored tsvector);
//  2. only when those do not fill the page: the other matches, through
//     the index on wording, related terms and guidance.
//
// The wording weighs most in ts_rank anyway, so for most searches this is
// the order a single ranking would give; a very common word costs a scan
// of the small index only.
var rankCandidates = 300

func search(ctx context.Context, db *sql.DB, p rehearse.ParsedQuery, q rehearse.SearchQuery) ([]rehearse.SearchHit, error) {
	tsq := tsquery(p)
	if q.Role != "" {
		// A role's hundred questions, read through the role index and
		// matched one by one: cheaper than any full-text index.
		page, err := seqs(ctx, db, `WITH r AS MATERIALIZED (
				SELECT seq, text_search, search FROM questions WHERE role_id = (SELECT id FROM roles WHERE slug = $2))
			SELECT seq FROM r WHERE search @@ to_tsquery('english', $1)
			ORDER BY text_search @@ to_tsquery('english', $1) DESC,
				ts_rank(search, to_tsquery('english', $1)) DESC, seq
			LIMIT $3 OFFSET $4`, tsq, q.Role, q.Limit, q.Offset)
		if err != nil || len(page) == 0 {
			return nil, err
		}
		return hits(ctx, db, p, page)
	}
	// The query is written out in each WHERE clause (not taken from a
	// CTE) so that the planner estimates it from the column statistics.
	first, err := seqs(ctx, db, `SELECT c.seq FROM (
			SELECT q.seq, q.text_search FROM questions q WHERE q.text_search @@ to_tsquery('english', $1) LIMIT $2) AS c
		ORDER BY ts_rank(c.text_search, to_tsquery('english', $1)) DESC, c.seq`, tsq, rankCandidates)
	if err != nil {
		return nil, err
	}
	all := first
	if len(first) < q.Offset+q.Limit {
		rest, err := seqs(ctx, db, `SELECT c.seq FROM (
				SELECT q.seq, q.search FROM questions q
				WHERE q.search @@ to_tsquery('english', $1) AND NOT q.text_search @@ to_tsquery('english', $1) LIMIT $2) AS c
			ORDER BY ts_rank(c.search, to_tsquery('english', $1)) DESC, c.seq`, tsq, rankCandidates)
		if err != nil {
			return nil, err
		}
		all = append(all, rest...)
	}
	if q.Offset >= len(all) {
		return nil, nil
	}
	return hits(ctx, db, p, all[q.Offset:min(len(all), q.Offset+q.Limit)])
}

func seqs(ctx context.Context, db *sql.DB, query string, args ...any) ([]int64, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var s int64
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// hits loads the questions seqs, in that order, with highlighted text and
// snippets (built only for these, see snippet.go).
func hits(ctx context.Context, db *sql.DB, p rehearse.ParsedQuery, page []int64) ([]rehearse.SearchHit, error) {
	rows, err := db.QueryContext(ctx, `SELECT q.id, r.slug, r.title, q.type, q.text, q.search_guidance, q.search_terms
		FROM questions q JOIN roles r ON r.id = q.role_id
		WHERE q.seq = ANY($1)
		ORDER BY array_position($1, q.seq)`, page)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hs []hitText
	for rows.Next() {
		var h hitText
		if err := rows.Scan(&h.hit.QuestionID, &h.hit.Role, &h.hit.RoleTitle, &h.hit.Type, &h.hit.Text, &h.guidance, &h.terms); err != nil {
			return nil, err
		}
		hs = append(hs, h)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return mark(ctx, db, p, hs)
}

// tsquery renders a parsed query for to_tsquery. Words hold only letters
// and digits and are quoted, so no user input can form tsquery operators.
func tsquery(p rehearse.ParsedQuery) string {
	var parts []string
	for _, t := range p.Terms {
		words := make([]string, len(t.Words))
		for i, w := range t.Words {
			words[i] = "'" + w + "'"
		}
		if t.Prefix {
			words[len(words)-1] += ":*"
		}
		s := strings.Join(words, " <-> ")
		if len(words) > 1 {
			s = "(" + s + ")"
		}
		if t.Negate {
			s = "!" + s
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " & ")
}

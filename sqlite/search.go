package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/internal/sqlstore"
)

// Ranking over a large catalog. FTS5's bm25 reads the whole posting list
// of every word and phrase of the query to weigh it (its document
// frequency), so over 500,000 questions a query with one very common word
// ("team") costs tens of milliseconds however few questions match it all,
// while merely finding matches, in index order, stops after the first
// ones. Searches are therefore ranked in one of three ways:
//
//   - When every word of the query occurs in fewer than commonWordDocs
//     questions (most real searches), by bm25 with the question's wording
//     weighted highest.
//   - Otherwise, without bm25, in two tiers: questions whose wording holds
//     the whole query, then the others, each in import order, at most
//     rankCandidates of each; the second tier is only read when the first
//     does not fill the page.
//   - Within one role (about a hundred questions), always the two tiers,
//     in pack order.
var (
	commonWordDocs = 5000 // a variable so that tests can lower it
	rankCandidates = 1000
)

func search(ctx context.Context, db *sql.DB, p rehearse.ParsedQuery, q rehearse.SearchQuery) ([]rehearse.SearchHit, error) {
	match := matchExpr(p)
	common, err := q.Role == "", error(nil)
	if common {
		common, err = hasCommonWord(ctx, db, p)
	}
	var seqs []int64
	switch {
	case err != nil:
	case q.Role != "":
		seqs, err = roleRanked(ctx, db, match, q)
	case common:
		seqs, err = tiered(ctx, db, match, q)
	default:
		seqs, err = querySeqs(ctx, db, `SELECT rowid FROM questions_fts WHERE questions_fts MATCH ?
			ORDER BY bm25(questions_fts, 10.0, 2.0, 4.0), rowid LIMIT ? OFFSET ?`, match, q.Limit, q.Offset)
	}
	if err != nil || len(seqs) == 0 {
		return nil, err
	}
	if hasPrefix(p) {
		if match, err = expandPrefixes(ctx, db, p, seqs); err != nil {
			return nil, err
		}
	}
	return hits(ctx, db, match, seqs)
}

func hasPrefix(p rehearse.ParsedQuery) bool {
	for _, t := range p.Terms {
		if t.Prefix && !t.Negate {
			return true
		}
	}
	return false
}

// expandPrefixes rewrites the prefixes of p into the whole words that the
// questions seqs hold, for the query that highlights them: FTS5 merges
// the posting lists of every word a prefix stands for each time a query
// starts, and that query starts once per hit. The words are the same
// ones the prefix matched, so the highlights are too.
func expandPrefixes(ctx context.Context, db *sql.DB, p rehearse.ParsedQuery, seqs []int64) (string, error) {
	args := make([]any, len(seqs))
	for i, s := range seqs {
		args[i] = s
	}
	rows, err := db.QueryContext(ctx, `SELECT text || ' ' || search_guidance || ' ' || search_terms FROM questions
		WHERE seq IN (`+strings.TrimSuffix(strings.Repeat("?, ", len(seqs)), ", ")+`)`, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	found := map[string]bool{}
	for rows.Next() {
		var text string
		if err := rows.Scan(&text); err != nil {
			return "", err
		}
		for _, w := range rehearse.Words(text) {
			found[w] = true
		}
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	var pos, neg []string
	for _, t := range p.Terms {
		s := matchExpr(rehearse.ParsedQuery{Terms: []rehearse.SearchTerm{{Words: t.Words, Prefix: t.Prefix}}})
		if t.Prefix && !t.Negate {
			var alts []string
			head, last := t.Words[:len(t.Words)-1], t.Words[len(t.Words)-1]
			for w := range found {
				if strings.HasPrefix(w, last) {
					alts = append(alts, `"`+strings.Join(append(append([]string(nil), head...), w), " ")+`"`)
				}
			}
			if len(alts) > 0 {
				slices.Sort(alts)
				s = "(" + strings.Join(alts, " OR ") + ")"
			}
		}
		if t.Negate {
			neg = append(neg, s)
		} else {
			pos = append(pos, s)
		}
	}
	return andNot(pos, neg), nil
}

// hasCommonWord reports whether a word of p occurs in at least
// commonWordDocs questions. Counting stops there, so the check reads at
// most that many postings per word. A prefix counts as common without
// counting: FTS5 merges the posting lists of every word it stands for
// before returning the first match, and bm25 would read them again.
func hasCommonWord(ctx context.Context, db *sql.DB, p rehearse.ParsedQuery) (bool, error) {
	for _, t := range p.Terms {
		if t.Prefix {
			return true, nil
		}
		for _, w := range t.Words {
			one := rehearse.SearchTerm{Words: []string{w}}
			var n int
			err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM questions_fts WHERE questions_fts MATCH ? LIMIT ?)`,
				matchExpr(rehearse.ParsedQuery{Terms: []rehearse.SearchTerm{one}}), commonWordDocs).Scan(&n)
			if err != nil || n >= commonWordDocs {
				return err == nil, err
			}
		}
	}
	return false, nil
}

// tiered ranks questions whose wording matches first, then the others.
func tiered(ctx context.Context, db *sql.DB, match string, q rehearse.SearchQuery) ([]int64, error) {
	first, err := querySeqs(ctx, db, `SELECT rowid FROM questions_fts WHERE questions_fts MATCH ? LIMIT ?`, "{text} : "+match, rankCandidates)
	if err != nil {
		return nil, err
	}
	all := first
	if len(first) < q.Offset+q.Limit {
		rest, err := querySeqs(ctx, db, `SELECT rowid FROM questions_fts WHERE questions_fts MATCH ? LIMIT ?`, match, rankCandidates)
		if err != nil {
			return nil, err
		}
		seen := map[int64]bool{}
		for _, s := range first {
			seen[s] = true
		}
		for _, s := range rest {
			if !seen[s] {
				all = append(all, s)
			}
		}
	}
	if q.Offset >= len(all) {
		return nil, nil
	}
	return all[q.Offset:min(len(all), q.Offset+q.Limit)], nil
}

// roleRanked ranks the matches of one role in two tiers. A role's
// questions have neighbouring seqs (they are inserted together), so a
// rowid range lets FTS5 skip the other roles.
func roleRanked(ctx context.Context, db *sql.DB, match string, q rehearse.SearchQuery) ([]int64, error) {
	var roleID, lo, hi int64
	err := db.QueryRowContext(ctx, `SELECT r.id, MIN(q.seq), MAX(q.seq) FROM roles r JOIN questions q ON q.role_id = r.id
		WHERE r.slug = ? GROUP BY r.id`, q.Role).Scan(&roleID, &lo, &hi)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	return querySeqs(ctx, db, `SELECT f.rowid FROM questions_fts AS f JOIN questions q ON q.seq = f.rowid
		WHERE questions_fts MATCH ? AND f.rowid BETWEEN ? AND ? AND q.role_id = ?
		ORDER BY f.rowid NOT IN (SELECT rowid FROM questions_fts WHERE questions_fts MATCH ? AND rowid BETWEEN ? AND ?), q.position
		LIMIT ? OFFSET ?`, match, lo, hi, roleID, "{text} : "+match, lo, hi, q.Limit, q.Offset)
}

func querySeqs(ctx context.Context, db *sql.DB, query string, args ...any) ([]int64, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var seqs []int64
	for rows.Next() {
		var s int64
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		seqs = append(seqs, s)
	}
	return seqs, rows.Err()
}

// hits loads the page of questions seqs, in that order, with highlighted
// text and snippets (computed only for these).
func hits(ctx context.Context, db *sql.DB, match string, seqs []int64) ([]rehearse.SearchHit, error) {
	in := strings.TrimSuffix(strings.Repeat("?, ", len(seqs)), ", ")
	m1, m2 := rehearse.MarkStart, rehearse.MarkEnd
	args := []any{m1, m2, m1, m2, m1, m2, match}
	for _, s := range seqs {
		args = append(args, s)
	}
	rows, err := db.QueryContext(ctx, `SELECT q.id, r.slug, r.title, q.type, q.text,
			highlight(questions_fts, 0, ?, ?),
			snippet(questions_fts, 1, ?, ?, '…', 18),
			snippet(questions_fts, 2, ?, ?, '…', 18)
		FROM questions_fts
		JOIN questions q ON q.seq = questions_fts.rowid
		JOIN roles r ON r.id = q.role_id
		WHERE questions_fts MATCH ? AND questions_fts.rowid IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	found, err := sqlstore.ScanHits(rows)
	if err != nil {
		return nil, err
	}
	ids, err := db.QueryContext(ctx, `SELECT seq, id FROM questions WHERE seq IN (`+in+`)`, args[7:]...)
	if err != nil {
		return nil, err
	}
	defer ids.Close()
	byID := map[string]rehearse.SearchHit{}
	for _, h := range found {
		byID[h.QuestionID] = h
	}
	idOf := map[int64]string{}
	for ids.Next() {
		var s int64
		var id string
		if err := ids.Scan(&s, &id); err != nil {
			return nil, err
		}
		idOf[s] = id
	}
	out := make([]rehearse.SearchHit, 0, len(seqs))
	for _, s := range seqs {
		if h, ok := byID[idOf[s]]; ok {
			out = append(out, h)
		}
	}
	return out, ids.Err()
}

// matchExpr renders a parsed query in FTS5 syntax. Every word is quoted, so
// no user input can form FTS5 operators.
func matchExpr(p rehearse.ParsedQuery) string {
	var pos, neg []string
	for _, t := range p.Terms {
		s := `"` + strings.Join(t.Words, " ") + `"`
		if t.Prefix {
			s += " *"
		}
		if t.Negate {
			neg = append(neg, s)
		} else {
			pos = append(pos, s)
		}
	}
	return andNot(pos, neg)
}

// andNot joins FTS5 terms: every positive one, none of the negated.
func andNot(pos, neg []string) string {
	expr := "(" + strings.Join(pos, " AND ") + ")"
	for _, n := range neg {
		expr += " NOT " + n
	}
	return expr
}

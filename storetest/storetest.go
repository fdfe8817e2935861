// Package storetest is the conformance suite that every rehearse.Store
// implementation passes. The sqlite and postgres packages run it against a
// real database each.
package storetest

import (
	"context"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/content"
	"github.com/rehearse/rehearse/pack"
)

// Opener returns a new, empty store for one test; it registers its own
// cleanup with tb.
type Opener func(tb testing.TB) rehearse.Store

// Run runs the whole suite against the stores that open returns.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, Opener)
	}{
		{"ImportIdempotent", testImportIdempotent},
		{"ImportReplacesRole", testImportReplacesRole},
		{"ImportConflict", testImportConflict},
		{"ImportConcurrent", testImportConcurrent},
		{"Ready", testReady},
		{"Catalog", testCatalog},
		{"Roles", testRoles},
		{"Role", testRole},
		{"Questions", testQuestions},
		{"Question", testQuestion},
		{"GlossaryAndScenarios", testGlossaryAndScenarios},
		{"Search", testSearch},
		{"SearchBadInput", testSearchBadInput},
		{"SearchRanking", testSearchRanking},
	}
	tests = append(tests, practiceTests...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open) })
	}
}

// Packs reads the fixture packs of pack/testdata/good.
func Packs(tb testing.TB) []*pack.Pack {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "pack", "testdata", "good")
	packs, problems := pack.ReadAll(pack.OS, dir)
	if len(problems) > 0 {
		tb.Fatalf("fixture packs have problems: %v", problems)
	}
	return packs
}

// MustImport opens a store and imports the fixture packs into it.
func MustImport(tb testing.TB, open Opener) rehearse.Store {
	tb.Helper()
	s := open(tb)
	if _, err := pack.Import(context.Background(), s, Packs(tb), nil); err != nil {
		tb.Fatal(err)
	}
	return s
}

func findPack(tb testing.TB, packs []*pack.Pack, slug string) *pack.Pack {
	for _, p := range packs {
		if p.Role.Slug == slug {
			return p
		}
	}
	tb.Fatalf("no fixture pack %q", slug)
	return nil
}

func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := rehearse.ErrorCode(err); got != code {
		tb.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func testImportIdempotent(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	packs := Packs(t)
	res, err := pack.Import(ctx, s, packs, nil)
	if err != nil || res.Imported != len(packs) {
		t.Fatalf("first import = %+v, %v; want %d imported", res, err, len(packs))
	}
	v1, err := s.ContentVersion(ctx)
	if err != nil || v1 == "" {
		t.Fatalf("ContentVersion = %q, %v", v1, err)
	}
	res, err = pack.Import(ctx, s, packs, nil)
	if err != nil || res.Imported != 0 || res.Unchanged != len(packs) {
		t.Fatalf("second import = %+v, %v; want all unchanged", res, err)
	}
	if v2, err := s.ContentVersion(ctx); err != nil || v2 != v1 {
		t.Errorf("ContentVersion after an import that changed nothing = %q, %v; want %q", v2, err, v1)
	}
	hashes, err := s.ContentHashes(ctx)
	if err != nil || len(hashes) != len(packs) {
		t.Fatalf("ContentHashes = %v, %v", hashes, err)
	}
	for _, p := range packs {
		h, err := pack.Hash(pack.OS, p.Path)
		if err != nil || hashes[p.Role.Slug] != p.Hash || h != p.Hash {
			t.Errorf("%s: stored hash %q, pack.Hash %q (%v), Read hash %q; want all equal", p.Role.Slug, hashes[p.Role.Slug], h, err, p.Hash)
		}
	}
}

func testImportReplacesRole(t *testing.T, open Opener) {
	ctx := context.Background()
	s := MustImport(t, open)
	p := findPack(t, Packs(t), "front-desk-lead")
	role := *p.Role
	role.Title = "Front Desk Supervisor"
	role.Questions = slices.Clone(role.Questions[1:])     // drop fdl-eligibility
	role.Questions[0].Text += " Mention the quokka rota." // change one
	added := role.Questions[0]                            // and add one
	added.ID, added.Text = "fdl-added", "How would you run a zebracorn drill?"
	role.Questions = append(role.Questions, added)
	before, err := s.ContentVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	changed, err := s.ImportRole(ctx, &role, p.Hash+"-changed")
	if err != nil || !changed {
		t.Fatalf("ImportRole(changed) = %v, %v; want true, nil", changed, err)
	}
	if after, err := s.ContentVersion(ctx); err != nil || after == before {
		t.Errorf("ContentVersion after a change = %q, %v; want a new value (was %q)", after, err, before)
	}
	d, err := s.Role(ctx, "front-desk-lead")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Front Desk Supervisor" || d.QuestionCount != 3 {
		t.Errorf("after re-import: title %q, %d questions; want Front Desk Supervisor, 3", d.Title, d.QuestionCount)
	}
	// The search index follows: the changed and the added question are
	// found by their new words.
	for q, want := range map[string]string{"quokka": role.Questions[0].ID, "zebracorn": "fdl-added"} {
		if got, _ := searchIDs(t, s, rehearse.SearchQuery{Text: q}); !slices.Equal(got, []string{want}) {
			t.Errorf("Search(%q) after re-import = %v; want [%s]", q, got, want)
		}
	}
	_, err = s.Question(ctx, "fdl-eligibility")
	wantCode(t, err, rehearse.ENOTFOUND)
	res, err := s.Search(ctx, rehearse.SearchQuery{Text: "eligibility"})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if h.QuestionID == "fdl-eligibility" {
			t.Errorf("removed question still found by search")
		}
	}
}

func testImportConflict(t *testing.T, open Opener) {
	ctx := context.Background()
	s := MustImport(t, open)
	other := *findPack(t, Packs(t), "clinic-manager").Role
	other.Slug = "another-role"
	other.Questions = append([]rehearse.Question(nil), other.Questions...)
	other.Questions[0].ID = "fdl-no-shows" // belongs to front-desk-lead
	other.Scenarios = nil
	_, err := s.ImportRole(ctx, &other, "x")
	wantCode(t, err, rehearse.ECONFLICT)
	if _, err := s.Role(ctx, "another-role"); rehearse.ErrorCode(err) != rehearse.ENOTFOUND {
		t.Errorf("a failed import left the role behind: %v", err)
	}
	q, err := s.Question(ctx, "fdl-no-shows")
	if err != nil || q.RoleSlug != "front-desk-lead" {
		t.Errorf("Question(fdl-no-shows) = %v, %v; want it still in front-desk-lead", q, err)
	}
}

func testImportConcurrent(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	packs := Packs(t)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := pack.Import(ctx, s, packs, nil)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent import: %v", err)
		}
	}
	roles, total, err := s.Roles(ctx, rehearse.RoleFilter{})
	if err != nil || total != len(packs) || len(roles) != len(packs) {
		t.Errorf("after concurrent imports: %d roles (total %d), %v; want %d", len(roles), total, err, len(packs))
	}
}

func testReady(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	if err := s.Ready(ctx); err == nil {
		t.Errorf("Ready on an empty store = nil, want an error")
	}
	if _, err := pack.Import(ctx, s, Packs(t), nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Ready(ctx); err != nil {
		t.Errorf("Ready after import = %v", err)
	}
}

func testCatalog(t *testing.T, open Opener) {
	s := MustImport(t, open)
	got, err := s.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []rehearse.Sector{{Slug: "healthcare-and-medicine", Name: "Healthcare and Medicine", Fields: []rehearse.Field{
		{Slug: "clinical-operations", Name: "Clinical Operations", RoleCount: 1},
		{Slug: "healthcare-administration", Name: "Healthcare Administration", RoleCount: 1},
	}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Catalog() mismatch (-want +got):\n%s", diff)
	}
}

func testRoles(t *testing.T, open Opener) {
	ctx := context.Background()
	s := MustImport(t, open)
	roles, total, err := s.Roles(ctx, rehearse.RoleFilter{Field: "healthcare-administration"})
	if err != nil || total != 1 || len(roles) != 1 || roles[0].Slug != "front-desk-lead" || roles[0].QuestionCount != 3 {
		t.Errorf("Roles(field) = %+v, %d, %v", roles, total, err)
	}
	roles, total, err = s.Roles(ctx, rehearse.RoleFilter{Limit: 1, Offset: 1})
	if err != nil || total != 2 || len(roles) != 1 || roles[0].Slug != "front-desk-lead" {
		t.Errorf("Roles(page 2 of 1) = %+v, %d, %v; want front-desk-lead, 2 total", roles, total, err)
	}
	roles, total, err = s.Roles(ctx, rehearse.RoleFilter{Sector: "nowhere"})
	if err != nil || total != 0 || len(roles) != 0 {
		t.Errorf("Roles(unknown sector) = %+v, %d, %v; want none", roles, total, err)
	}
	_, _, err = s.Roles(ctx, rehearse.RoleFilter{Limit: 100000})
	wantCode(t, err, rehearse.EINVALID)
}

func testRole(t *testing.T, open Opener) {
	ctx := context.Background()
	s := MustImport(t, open)
	d, err := s.Role(ctx, "front-desk-lead")
	if err != nil {
		t.Fatal(err)
	}
	if d.QuestionCount != 3 || d.TermCount != 3 || d.ScenarioCount != 0 || len(d.Areas) != 2 || len(d.Tips) != 1 || len(d.AskEmployer) != 1 {
		t.Errorf("Role counts = %d questions, %d terms, %d scenarios, %d areas, %d tips, %d asks", d.QuestionCount, d.TermCount, d.ScenarioCount, len(d.Areas), len(d.Tips), len(d.AskEmployer))
	}
	if diff := cmp.Diff(map[string]int{"access": 2, "people": 1}, d.AreaCounts); diff != "" {
		t.Errorf("AreaCounts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{"technical": 1, "behavioral": 1, "motivation": 1}, d.TypeCounts); diff != "" {
		t.Errorf("TypeCounts (-want +got):\n%s", diff)
	}
	_, err = s.Role(ctx, "no-such-role")
	wantCode(t, err, rehearse.ENOTFOUND)
}

func testQuestions(t *testing.T, open Opener) {
	ctx := context.Background()
	s := MustImport(t, open)
	ids := func(f rehearse.QuestionFilter) []string {
		t.Helper()
		qs, err := s.Questions(ctx, f)
		if err != nil {
			t.Fatalf("Questions(%+v) = %v", f, err)
		}
		var out []string
		for _, q := range qs {
			out = append(out, q.ID)
		}
		return out
	}
	if diff := cmp.Diff([]string{"fdl-eligibility", "fdl-no-shows", "fdl-motivation"}, ids(rehearse.QuestionFilter{Role: "front-desk-lead"})); diff != "" {
		t.Errorf("all questions, pack order (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"fdl-no-shows"}, ids(rehearse.QuestionFilter{Role: "front-desk-lead", Area: "access", Type: rehearse.Behavioral})); diff != "" {
		t.Errorf("area+type filter (-want +got):\n%s", diff)
	}
	_, err := s.Questions(ctx, rehearse.QuestionFilter{Role: "front-desk-lead", Area: "nope"})
	wantCode(t, err, rehearse.EINVALID)
	_, err = s.Questions(ctx, rehearse.QuestionFilter{Role: "front-desk-lead", Type: "riddle"})
	wantCode(t, err, rehearse.EINVALID)
	_, err = s.Questions(ctx, rehearse.QuestionFilter{Role: "nope"})
	wantCode(t, err, rehearse.ENOTFOUND)
}

func testQuestion(t *testing.T, open Opener) {
	ctx := context.Background()
	s := MustImport(t, open)
	q, err := s.Question(ctx, "fdl-eligibility")
	if err != nil {
		t.Fatal(err)
	}
	want := findPack(t, Packs(t), "front-desk-lead").Role.Questions[0]
	if diff := cmp.Diff(want, q.Question); diff != "" {
		t.Errorf("Question round trip (-want +got):\n%s", diff)
	}
	if q.RoleSlug != "front-desk-lead" || q.RoleTitle != "Front Desk Lead" || q.AreaName != "Scheduling and patient access" {
		t.Errorf("Question role = %q %q %q", q.RoleSlug, q.RoleTitle, q.AreaName)
	}
	var terms []string
	for _, tm := range q.RelatedTerms {
		terms = append(terms, tm.Slug)
	}
	if diff := cmp.Diff([]string{"eligibility", "electronic-health-record"}, terms); diff != "" {
		t.Errorf("RelatedTerms, in question order (-want +got):\n%s", diff)
	}
	_, err = s.Question(ctx, "nope")
	wantCode(t, err, rehearse.ENOTFOUND)
	all, err := s.RoleQuestions(ctx, "front-desk-lead")
	if err != nil || len(all) != 3 {
		t.Fatalf("RoleQuestions = %d, %v", len(all), err)
	}
	if diff := cmp.Diff(want, all[0]); diff != "" {
		t.Errorf("RoleQuestions[0] (-want +got):\n%s", diff)
	}
	_, err = s.RoleQuestions(ctx, "nope")
	wantCode(t, err, rehearse.ENOTFOUND)
}

func testGlossaryAndScenarios(t *testing.T, open Opener) {
	ctx := context.Background()
	s := MustImport(t, open)
	terms, err := s.Glossary(ctx, "front-desk-lead")
	if err != nil || len(terms) != 3 || terms[1].Term != "Electronic health record" || terms[1].Abbreviations[0] != "EHR" {
		t.Errorf("Glossary = %+v, %v", terms, err)
	}
	scs, err := s.Scenarios(ctx, "clinic-manager")
	if err != nil || len(scs) != 1 || len(scs[0].Steps) != 2 {
		t.Errorf("Scenarios = %+v, %v", scs, err)
	}
	sc, err := s.Scenario(ctx, "clm-scn-outage")
	if err != nil || sc.Title != "EHR outage at opening" || sc.RoleSlug != "clinic-manager" || sc.AreaName != "Staffing" {
		t.Errorf("Scenario = %+v, %v", sc, err)
	}
	_, err = s.Scenario(ctx, "nope")
	wantCode(t, err, rehearse.ENOTFOUND)
	_, err = s.Glossary(ctx, "nope")
	wantCode(t, err, rehearse.ENOTFOUND)
}

func searchIDs(t *testing.T, s rehearse.Store, q rehearse.SearchQuery) ([]string, *rehearse.SearchResults) {
	t.Helper()
	res, err := s.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%+v) = %v", q, err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.QuestionID)
	}
	return ids, res
}

func testSearch(t *testing.T, open Opener) {
	s := MustImport(t, open)
	// What a bulk import does at its end must leave search working.
	if o, ok := s.(interface{ Optimize(context.Context) error }); ok {
		if err := o.Optimize(context.Background()); err != nil {
			t.Fatalf("Optimize: %v", err)
		}
	}
	tests := []struct {
		q    rehearse.SearchQuery
		want []string
	}{
		{rehearse.SearchQuery{Text: "eligibility"}, []string{"fdl-eligibility"}},
		{rehearse.SearchQuery{Text: "Verify insurance"}, []string{"fdl-eligibility"}}, // case, stemming
		{rehearse.SearchQuery{Text: `"two medical assistants"`}, []string{"clm-callouts"}},
		{rehearse.SearchQuery{Text: `"assistants two"`}, nil}, // phrase order matters
		{rehearse.SearchQuery{Text: "remind*"}, []string{"fdl-no-shows"}},
		{rehearse.SearchQuery{Text: "EHR"}, []string{"fdl-eligibility"}}, // found through its related term
		{rehearse.SearchQuery{Text: "digital"}, nil},                     // words of a term's definition are not indexed
		{rehearse.SearchQuery{Text: "coverage -inactive"}, []string{"clm-callouts"}},
		{rehearse.SearchQuery{Text: "eligibility", Role: "clinic-manager"}, nil},
		{rehearse.SearchQuery{Text: "zebra"}, nil},
	}
	for _, tt := range tests {
		got, _ := searchIDs(t, s, tt.q)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Search(%q, role %q) ids (-want +got):\n%s", tt.q.Text, tt.q.Role, diff)
		}
	}
	// Ranking: a match in the question text ranks above one in guidance only.
	got, res := searchIDs(t, s, rehearse.SearchQuery{Text: "no-shows"})
	if len(got) == 0 || got[0] != "fdl-no-shows" {
		t.Fatalf("Search(no-shows) = %v; want fdl-no-shows first", got)
	}
	h := res.Hits[0]
	if !strings.Contains(h.TextSnippet, rehearse.MarkStart) || h.RoleTitle != "Front Desk Lead" || h.Type != rehearse.Behavioral {
		t.Errorf("hit = %+v; want highlighted text and role", h)
	}
	// Snippets mark the words that matched, stemmed, prefixed or found
	// through a related term, and nothing else.
	for _, tt := range []struct {
		query string
		want  []string // each a prefix of some marked word
	}{
		{"Verify insurance", []string{"verif", "insur"}},
		{"remind*", []string{"remind"}},
		{"EHR", []string{"ehr"}},
		{`"two medical assistants"`, []string{"two", "medical", "assistants"}},
	} {
		_, res := searchIDs(t, s, rehearse.SearchQuery{Text: tt.query})
		if len(res.Hits) == 0 {
			t.Errorf("Search(%q): no hits", tt.query)
			continue
		}
		h := res.Hits[0]
		marked := markedWords(h.TextSnippet + " " + h.Snippet)
		for _, w := range tt.want {
			if !slices.ContainsFunc(marked, func(m string) bool { return strings.HasPrefix(m, w) }) {
				t.Errorf("Search(%q): marked %q in %q / %q; want a word starting %q", tt.query, marked, h.TextSnippet, h.Snippet, w)
			}
		}
		for _, m := range marked {
			if !slices.ContainsFunc(tt.want, func(w string) bool { return strings.HasPrefix(m, w) }) {
				t.Errorf("Search(%q): marked %q, which the query does not match", tt.query, m)
			}
		}
	}
	// Paging.
	all, _ := searchIDs(t, s, rehearse.SearchQuery{Text: "front"})
	if len(all) < 2 {
		t.Fatalf("Search(front) = %v; want at least 2 hits", all)
	}
	first, res := searchIDs(t, s, rehearse.SearchQuery{Text: "front", Limit: 1})
	if !res.HasMore || len(first) != 1 || first[0] != all[0] {
		t.Errorf("page 1 = %v (more %v); want [%s] and more", first, res.HasMore, all[0])
	}
	second, _ := searchIDs(t, s, rehearse.SearchQuery{Text: "front", Limit: 1, Offset: 1})
	if len(second) != 1 || second[0] != all[1] {
		t.Errorf("page 2 = %v; want [%s]", second, all[1])
	}
}

// markedWords returns the lowercased words between MarkStart and MarkEnd
// (SQLite marks a phrase as a whole, PostgreSQL word by word).
func markedWords(s string) []string {
	var out []string
	for {
		i := strings.Index(s, rehearse.MarkStart)
		if i < 0 {
			return out
		}
		s = s[i+len(rehearse.MarkStart):]
		j := strings.Index(s, rehearse.MarkEnd)
		if j < 0 {
			return out
		}
		out = append(out, strings.Fields(strings.ToLower(s[:j]))...)
		s = s[j:]
	}
}

// testSearchRanking searches the shipped packs (six roles, about 300
// questions) the way a candidate would: the question that obviously
// answers the query must come first.
func testSearchRanking(t *testing.T, open Opener) {
	s := open(t)
	packs, problems := pack.ReadAll(content.FS, ".")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if _, err := pack.Import(context.Background(), s, packs, nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query, role string
		want        []string // the obvious questions; one of them first
	}{
		{"information blocking", "", []string{"him-tech-information-blocking"}},
		{"clean claim rate", "", []string{"mbs-raised-clean-claim-rate", "mom-rcm-clean-claim-rate"}},
		{"subpoena", "", []string{"him-sit-subpoena"}},
		{"credit balances", "", []string{"mbs-credit-balances", "mom-rcm-credit-balances"}},
		{"modifier 25", "", []string{"mbs-modifiers"}},
		{"master patient index duplicates", "", []string{"him-beh-duplicate-cleanup"}},
		{"prior authorization denied", "medical-billing-specialist", []string{"mbs-auth-denial"}},
	}
	for _, tt := range tests {
		got, _ := searchIDs(t, s, rehearse.SearchQuery{Text: tt.query, Role: tt.role, Limit: 5})
		if len(got) == 0 || !slices.Contains(tt.want, got[0]) {
			t.Errorf("Search(%q, role %q) = %v; want one of %v first", tt.query, tt.role, got, tt.want)
		}
	}
}

func testSearchBadInput(t *testing.T, open Opener) {
	ctx := context.Background()
	s := MustImport(t, open)
	for _, text := range []string{
		`"unbalanced`, `eligibility"`, `*`, `**eligibility`, `NEAR(a b)`, `a NEAR b`, `-`, `--`, `(((`, `)`,
		`AND OR NOT`, `'; DROP TABLE questions; --`, `elig\xffibility`, "\x00", `col:value`, `^start`, `a:*`, `!x & y | z`,
		`<-> <1>`, `{text}: x`, `"" ""`, strings.Repeat("a ", 240),
	} {
		if _, err := s.Search(ctx, rehearse.SearchQuery{Text: text}); err != nil {
			t.Errorf("Search(%q) = %v; want no error", text, err)
		}
	}
	_, err := s.Search(ctx, rehearse.SearchQuery{Text: strings.Repeat("x", 10000)})
	wantCode(t, err, rehearse.EINVALID)
	_, err = s.Search(ctx, rehearse.SearchQuery{Text: "x", Role: "nope"})
	wantCode(t, err, rehearse.EINVALID)
	_, err = s.Search(ctx, rehearse.SearchQuery{Text: "x", Limit: 1000})
	wantCode(t, err, rehearse.EINVALID)
	for _, text := range []string{"-eligibility", "the and of", ""} {
		res, err := s.Search(ctx, rehearse.SearchQuery{Text: text})
		if err != nil || len(res.Hits) != 0 || res.Note == "" {
			t.Errorf("Search(%q) = %+v, %v; want no hits and a note", text, res, err)
		}
	}
}

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// app is a running `rehearse serve` started by a test.
type app struct {
	URL    string
	stderr *strings.Builder
}

// startApp runs the real program (run, as main does) on port 0 with a
// database in a temporary folder, and stops it gracefully at cleanup,
// failing the test if it does not exit with code 0.
func startApp(t *testing.T, db string) *app {
	t.Helper()
	if db == "" {
		db = filepath.Join(t.TempDir(), "rehearse.db")
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	a := &app{stderr: &strings.Builder{}}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db}, func(string) string { return "" }, pw, &syncWriter{b: a.stderr})
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("server did not start: %v\n%s", err, a.logs())
	}
	m := regexp.MustCompile(`http://\S+/`).FindString(line)
	if m == "" {
		t.Fatalf("no URL in %q", line)
	}
	a.URL = strings.TrimSuffix(m, "/")
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited with %d\n%s", code, a.logs())
			}
		case <-time.After(15 * time.Second):
			t.Error("serve did not shut down within 15 s")
		}
	})
	return a
}

var stderrMu sync.Mutex

type syncWriter struct {
	b *strings.Builder
}

// logs returns what the server wrote to stderr so far.
func (a *app) logs() string {
	stderrMu.Lock()
	defer stderrMu.Unlock()
	return a.stderr.String()
}

func (w *syncWriter) Write(p []byte) (int, error) {
	stderrMu.Lock()
	defer stderrMu.Unlock()
	return w.b.Write(p)
}

// get fetches a path and checks the status.
func (a *app) get(t *testing.T, path string, status int) *http.Response {
	t.Helper()
	resp, err := http.Get(a.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != status {
		body, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET %s = %d, want %d\n%s", path, resp.StatusCode, status, body)
	}
	return resp
}

// page fetches an HTML page and parses it.
func (a *app) page(t *testing.T, path string, status int) *goquery.Document {
	t.Helper()
	resp := a.get(t, path, status)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("GET %s: Content-Type %q", path, ct)
	}
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// getJSON fetches an API path into v and returns the raw body.
func (a *app) getJSON(t *testing.T, path string, status int, v any) []byte {
	t.Helper()
	resp := a.get(t, path, status)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("GET %s: Content-Type %q", path, ct)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("GET %s: %v\n%s", path, err, body)
		}
	}
	return body
}

// postForm posts a form as a browser without JavaScript does and parses
// the page.
func (a *app) postForm(t *testing.T, path string, form url.Values, status int) *goquery.Document {
	t.Helper()
	resp, err := http.PostForm(a.URL+path, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != status {
		t.Fatalf("POST %s = %d, want %d", path, resp.StatusCode, status)
	}
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func text(doc *goquery.Document, sel string) string {
	return strings.Join(strings.Fields(doc.Find(sel).Text()), " ")
}

// The five sample questions of PRODUCT.md, which the shipped Medical Office
// Manager pack must carry word for word.
var sampleQuestions = []string{
	"Can you tell us about your previous experience as a medical office manager?",
	"What motivated you to pursue a career in healthcare administration?",
	"How familiar are you with medical terminology and procedures?",
	"What software and tools have you used to manage medical offices?",
	"How do you ensure compliance with healthcare regulations in a medical office?",
}

const mom = "medical-office-manager"

func TestWalkPages(t *testing.T) {
	a := startApp(t, "")
	home := a.page(t, "/", http.StatusOK)
	if href, _ := home.Find(`a[href="/roles/` + mom + `"]`).Attr("href"); href == "" {
		t.Fatalf("home page has no link to the Medical Office Manager role")
	}
	if got := text(home, "main"); !strings.Contains(got, "Healthcare Administration") || !strings.Contains(got, "Healthcare and Medicine") {
		t.Errorf("home page does not show sector and field: %q", got[:min(300, len(got))])
	}

	role := a.page(t, "/roles/"+mom, http.StatusOK)
	if got := text(role, "h1"); got != "Medical Office Manager" {
		t.Errorf("role h1 = %q", got)
	}
	if role.Find("details.overview .prose h2, details.overview .prose p").Length() == 0 {
		t.Error("role overview is not rendered")
	}
	listed := map[string]string{}
	role.Find("ol.qlist li > a").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		listed[strings.TrimSpace(s.Text())] = href
	})
	for _, q := range sampleQuestions {
		if listed[q] == "" {
			t.Errorf("role page does not list %q", q)
		}
	}
	if role.Find(`.filters a[href*="area="]`).Length() < 2 || role.Find(`.filters a[href*="type="]`).Length() < 2 {
		t.Error("role page lacks area and type filters")
	}

	// Filter by type and by area.
	beh := a.page(t, "/roles/"+mom+"?type=motivation", http.StatusOK)
	beh.Find("ol.qlist .tag:first-child").Each(func(_ int, s *goquery.Selection) {
		if s.Text() != "Motivation" {
			t.Errorf("type filter shows a %q question", s.Text())
		}
	})
	if beh.Find("ol.qlist li").Length() == 0 {
		t.Error("type filter shows nothing")
	}
	a.page(t, "/roles/"+mom+"?area=background-fit", http.StatusOK)
	bad := a.page(t, "/roles/"+mom+"?area=no-such-area", http.StatusBadRequest)
	if !strings.Contains(text(bad, "main"), "no-such-area") {
		t.Errorf("bad filter page does not name the filter: %q", text(bad, "main"))
	}

	// A question page shows every part; the examples sit behind a reveal.
	q := a.page(t, listed[sampleQuestions[0]], http.StatusOK)
	if got := text(q, "h1"); got != sampleQuestions[0] {
		t.Errorf("question h1 = %q", got)
	}
	for _, id := range []string{"why", "how", "tp", "rf", "ex", "fu"} {
		if q.Find("h2#"+id).Length() != 1 {
			t.Errorf("question page lacks section #%s", id)
		}
	}
	if n := q.Find("ol.points > li").Length(); n < 3 {
		t.Errorf("question page shows %d talking points, want at least 3", n)
	}
	if q.Find("details.example").Length() != 2 || q.Find("details.example[open]").Length() != 0 {
		t.Error("example answers are not two closed reveals")
	}

	// Practising without JavaScript: a plain form post renders the page with
	// the feedback panel and keeps the answer; an empty answer is a 400 that
	// says why.
	fb := a.postForm(t, listed[sampleQuestions[0]], url.Values{"answer": {"I ran a four-physician practice with twelve staff. <b>bold</b>"}}, http.StatusOK)
	if fb.Find("#feedback .verdict .badge").Length() != 1 || !strings.Contains(fb.Find("#answer").Text(), "<b>bold</b>") {
		t.Error("the practice post did not show feedback or lost the answer")
	}
	if fb.Find("#feedback b").Length() != 0 {
		t.Error("HTML in an answer was not escaped")
	}
	empty := a.postForm(t, listed[sampleQuestions[0]], url.Values{"answer": {"   "}}, http.StatusBadRequest)
	if empty.Find("#answer-error").Length() != 1 || empty.Find("#feedback").Length() != 0 {
		t.Error("an empty answer did not get a message")
	}

	g := a.page(t, "/roles/"+mom+"/glossary", http.StatusOK)
	if n := g.Find("dl.terms dt").Length(); n == 0 {
		t.Error("glossary is empty")
	}
	g = a.page(t, "/roles/"+mom+"/glossary?q=HIPAA", http.StatusOK)
	g.Find("dl.terms > div").Each(func(_ int, s *goquery.Selection) {
		if !strings.Contains(strings.ToLower(s.Text()), "hipaa") {
			t.Errorf("glossary filter kept %q", s.Find("dt").Text())
		}
	})

	tips := a.page(t, "/roles/"+mom+"/tips", http.StatusOK)
	if tips.Find("article.tip").Length() == 0 || tips.Find("ol.ask li").Length() == 0 {
		t.Error("tips page lacks tips or questions to ask")
	}

	s := a.page(t, "/search?q=terminology", http.StatusOK)
	if s.Find("ol.results li mark").Length() == 0 {
		t.Error("search results have no highlighted matches")
	}
	if _, ok := s.Find(`ol.results a[href="` + listed[sampleQuestions[2]] + `"]`).Attr("href"); !ok {
		t.Errorf("search for 'terminology' does not find %q", sampleQuestions[2])
	}
	s = a.page(t, "/search?q="+strings.Repeat("x", 600), http.StatusBadRequest)
	if v, _ := s.Find("#sq").Attr("value"); len(v) != 600 {
		t.Errorf("an over-long search lost the typed text (kept %d chars)", len(v))
	}
	for _, path := range []string{"/roles/no-such-role", "/questions/no-such-question", "/nothing/here", "/scenarios/none", "/roles/no-such-role/glossary"} {
		nf := a.page(t, path, http.StatusNotFound)
		if nf.Find("h1").Length() != 1 {
			t.Errorf("%s: 404 page without a heading", path)
		}
	}
}

func TestHealthAndHeaders(t *testing.T) {
	a := startApp(t, "")
	a.get(t, "/healthz", http.StatusOK)
	a.get(t, "/readyz", http.StatusOK)
	resp := a.get(t, "/", http.StatusOK)
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP = %q", csp)
	}
	for _, h := range []string{"X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("missing header %s", h)
		}
	}
	doc, _ := goquery.NewDocumentFromReader(resp.Body)
	css, _ := doc.Find(`link[rel="stylesheet"]`).Attr("href")
	if !regexp.MustCompile(`^/static/style\.[0-9a-f]{12}\.css$`).MatchString(css) {
		t.Fatalf("stylesheet URL %q is not content-hashed", css)
	}
	st := a.get(t, css, http.StatusOK)
	if cc := st.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("static Cache-Control = %q", cc)
	}
	if doc.Find("script:not([src])").Length() != 0 {
		t.Error("page has inline script")
	}
}

func TestVersionAndUsage(t *testing.T) {
	var out, errb strings.Builder
	if code := run(context.Background(), []string{"version"}, os.Getenv, &out, &errb); code != 0 || !strings.HasPrefix(out.String(), "rehearse ") {
		t.Errorf("version = %d, %q", code, out.String())
	}
	if code := run(context.Background(), []string{"frobnicate"}, os.Getenv, &out, &errb); code != 2 {
		t.Errorf("unknown command exit = %d, want 2", code)
	}
}

func TestServeBadDB(t *testing.T) {
	var out, errb strings.Builder
	path := filepath.Join(t.TempDir(), "missing", "x.db")
	code := run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--db", path}, os.Getenv, &out, &errb)
	lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
	if code == 0 || len(lines) != 1 || !strings.Contains(lines[0], path) {
		t.Errorf("serve with a missing folder = exit %d, stderr %q; want one line naming %s", code, errb.String(), path)
	}
}

func TestPackLintAndImport(t *testing.T) {
	var out, errb strings.Builder
	code := run(context.Background(), []string{"pack", "lint", "../../pack/testdata/broken/bad-role.yaml"}, os.Getenv, &out, &errb)
	if code != 1 || !regexp.MustCompile(`(?m)^\.\./\.\./pack/testdata/broken/bad-role\.yaml:\d+:\d+: `).MatchString(errb.String()) {
		t.Errorf("lint broken = %d\n%s", code, errb.String())
	}
	out.Reset()
	errb.Reset()
	if code := run(context.Background(), []string{"pack", "lint", "../../content"}, os.Getenv, &out, &errb); code != 0 {
		t.Errorf("lint shipped content = %d\n%s", code, errb.String())
	}

	db := filepath.Join(t.TempDir(), "r.db")
	env := func(k string) string {
		if k == "REHEARSE_DB" {
			return db
		}
		return ""
	}
	out.Reset()
	if code := run(context.Background(), []string{"pack", "import", "../../pack/testdata/good"}, env, &out, &errb); code != 0 || !strings.Contains(out.String(), "imported 2 role(s)") {
		t.Fatalf("import = %d, %q %q", code, out.String(), errb.String())
	}
	// A broken pack changes nothing: same message as lint, non-zero exit.
	errb.Reset()
	if code := run(context.Background(), []string{"pack", "import", "../../pack/testdata/broken/bad-role.yaml"}, env, &out, &errb); code != 1 || !strings.Contains(errb.String(), "bad-role.yaml:") {
		t.Errorf("import broken = %d, %q", code, errb.String())
	}
	a := startApp(t, db)
	var roles struct {
		Total int `json:"total"`
	}
	a.getJSON(t, "/api/v1/roles", http.StatusOK, &roles)
	if roles.Total < 3 {
		t.Errorf("after import and start-up: %d roles, want the 2 imported plus the shipped ones", roles.Total)
	}
	a.getJSON(t, "/api/v1/roles/front-desk-lead", http.StatusOK, nil)
}

// TestPackGen: bad options are refused with a message and write nothing;
// good ones write packs that lint and import, twice the second time with
// nothing to do.
func TestPackGen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "catalog")
	var out, errb bytes.Buffer
	for _, args := range [][]string{
		{"pack", "gen", "--roles", "0", "--out", dir},
		{"pack", "gen", "--roles", "2", "--questions", "9999", "--out", dir},
		{"pack", "gen", "--roles", "2"},
	} {
		errb.Reset()
		if code := run(context.Background(), args, os.Getenv, &out, &errb); code != 2 || errb.Len() == 0 {
			t.Errorf("%v = %d, %q; want 2 and a message", args, code, errb.String())
		}
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("refused options created %s: %v", dir, err)
	}
	if code := run(context.Background(), []string{"pack", "gen", "--roles", "3", "--questions", "4", "--seed", "5", "--out", dir}, os.Getenv, &out, &errb); code != 0 {
		t.Fatalf("pack gen = %d, %s", code, errb.String())
	}
	if code := run(context.Background(), []string{"pack", "lint", dir}, os.Getenv, &out, &errb); code != 0 {
		t.Fatalf("lint of the generated packs = %d, %s", code, errb.String())
	}
	db := filepath.Join(t.TempDir(), "gen.db")
	// Not a terminal: plain progress lines.
	for _, want := range []string{"import: 3/3 (100%)", "imported 0 role(s), 3 unchanged"} {
		out.Reset()
		if code := run(context.Background(), []string{"pack", "import", "--db", db, dir}, os.Getenv, &out, &errb); code != 0 || !strings.Contains(out.String(), want) {
			t.Errorf("pack import = %d, %q; want %q", code, out.String(), want)
		}
	}
}

package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/sqlite"
	"github.com/rehearse/rehearse/storetest"
)

func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	s := storetest.MustImport(t, func(tb testing.TB) rehearse.Store {
		st, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "web.db"))
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { st.Close() })
		return st
	})
	srv := httptest.NewServer(New(s, slog.New(slog.NewTextHandler(io.Discard, nil))))
	t.Cleanup(srv.Close)
	return srv
}

// TestEveryTemplate renders every page template through a real request and
// checks that each produced a complete page; a template nobody requests is
// an error too.
func TestEveryTemplate(t *testing.T) {
	srv := newTestServer(t)
	resp, err := http.PostForm(srv.URL+"/questions/fdl-no-shows", url.Values{"answer": {"Our no-show rate fell from 12% to 7% after I set up two-way texting."}})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("practice post = %v, %v", resp, err)
	}
	resp.Body.Close()
	resp, err = http.PostForm(srv.URL+"/questions/fdl-no-shows", url.Values{"answer": {"Our no-show rate fell from 12% to 7% after I set up two-way texting and reminder calls the day before."}})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("second practice post = %v, %v", resp, err)
	}
	resp.Body.Close()
	// Rate the attempt: a redirect to the queue, which names the next
	// review; rating again before it is due is refused with a 409.
	resp, err = http.PostForm(srv.URL+"/questions/fdl-no-shows/review", url.Values{"rating": {"good"}})
	if err != nil || resp.StatusCode != 200 || resp.Request.URL.Path != "/review" {
		t.Fatalf("rating = %v, %v; want to land on /review", resp, err)
	}
	resp.Body.Close()
	for _, form := range []url.Values{{"rating": {"good"}}, {"rating": {"superb"}}} {
		resp, err = http.PostForm(srv.URL+"/questions/fdl-no-shows/review", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 409 && resp.StatusCode != 400 {
			t.Errorf("rating %v again = %d, want 409 (not due) or 400 (bad rating)", form, resp.StatusCode)
		}
	}
	// Stories: a story with a patient's details is held back with a
	// warning and the text kept; confirmed or clean, it is saved.
	pii := url.Values{"title": {"Angry patient"}, "situation": {"Mrs. Alvarez was diagnosed with diabetes and her claim was denied."}, "action": {"I called the payer."}, "area": {"access"}}
	resp, err = http.PostForm(srv.URL+"/roles/front-desk-lead/stories", pii)
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := goquery.NewDocumentFromReader(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find("#story-warning").Length() != 1 || doc.Find("#s-situation").Text() != pii.Get("situation") {
		t.Errorf("story with patient details = %d; want 422 with a warning and the text kept", resp.StatusCode)
	}
	pii.Set("situation", "A patient in her sixties had a denied claim.")
	resp, err = http.PostForm(srv.URL+"/roles/front-desk-lead/stories", pii)
	if err != nil || resp.StatusCode != 200 || resp.Request.URL.Path != "/roles/front-desk-lead/stories" {
		t.Fatalf("clean story = %v, %v", resp, err)
	}
	resp.Body.Close()
	pages := []struct {
		path, template string
		status         int
	}{
		{"/roles/front-desk-lead/stories", "stories", 200},
		{"/roles/front-desk-lead/progress", "progress", 200},
		{"/roles/clinic-manager/progress", "progress", 200},
		{"/stories/1", "story", 200},
		{"/stories/77", "error", 404},
		{"/questions/fdl-no-shows/attempts", "attempts", 200},
		{"/questions/fdl-motivation/attempts", "attempts", 200},
		{"/attempts/1", "attempt", 200},
		{"/attempts/999", "error", 404},
		{"/questions/fdl-no-shows/compare?a=1&b=2", "compare", 200},
		{"/review", "review", 200},
		{"/questions/fdl-no-shows/compare?a=1", "error", 400},
		{"/questions/fdl-motivation/compare?a=1&b=2", "error", 400},
		{"/", "home", 200},
		{"/roles", "roles", 200},
		{"/roles?field=clinical-operations&offset=0", "roles", 200},
		{"/roles/front-desk-lead", "role", 200},
		{"/roles/front-desk-lead?area=access&type=behavioral", "role", 200},
		{"/questions/fdl-eligibility", "question", 200},
		{"/roles/front-desk-lead/glossary", "glossary", 200},
		{"/roles/front-desk-lead/glossary?q=zzz", "glossary", 200},
		{"/roles/front-desk-lead/tips", "tips", 200},
		{"/roles/clinic-manager/scenarios", "scenarios", 200},
		{"/scenarios/clm-scn-outage", "scenario", 200},
		{"/search?q=eligibility", "search", 200},
		{"/search?q=-x", "search", 200},
		{"/search?q=zebra&role=front-desk-lead", "search", 200},
		{"/search", "search", 200},
		{"/roles/nope", "error", 404},
		{"/roles?offset=-4", "error", 400},
	}
	seen := map[string]bool{}
	for _, p := range pages {
		resp, err := http.Get(srv.URL + p.path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := goquery.NewDocumentFromReader(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != p.status {
			t.Errorf("GET %s = %d, want %d", p.path, resp.StatusCode, p.status)
		}
		if doc.Find("main#main h1").Length() != 1 || doc.Find("footer.site").Length() != 1 {
			t.Errorf("GET %s: page is incomplete (no single h1 in main, or no footer)", p.path)
		}
		if title := doc.Find("head title").Text(); !strings.HasSuffix(title, "· Rehearse") {
			t.Errorf("GET %s: title %q", p.path, title)
		}
		seen[p.template] = true
	}
	for name := range newRenderer().pages {
		if !seen[name] {
			t.Errorf("template %s is not exercised", name)
		}
	}
}

func TestMarkdownIsSafe(t *testing.T) {
	got := string(renderMarkdown("**bold** <script>alert(1)</script> [x](javascript:alert(1))"))
	if strings.Contains(got, "<script>") || strings.Contains(got, "javascript:") {
		t.Errorf("renderMarkdown passed unsafe markup: %s", got)
	}
	if !strings.Contains(got, "<strong>bold</strong>") {
		t.Errorf("renderMarkdown = %s", got)
	}
}

func TestGroupTerms(t *testing.T) {
	terms := []rehearse.Term{{Term: "beta"}, {Term: "Alpha"}, {Term: "340B program"}, {Term: "apple"}}
	var got []string
	for _, g := range groupTerms(terms) {
		for _, tm := range g.Terms {
			got = append(got, g.Letter+":"+tm.Term)
		}
	}
	want := "A:Alpha A:apple B:beta #:340B program"
	if strings.Join(got, " ") != want {
		t.Errorf("groupTerms = %v, want %s", got, want)
	}
}

func TestStaticUnknown(t *testing.T) {
	srv := newTestServer(t)
	for _, p := range []string{"/static/nope.css", "/static/style.css", "/static/style.000000000000.css"} {
		resp, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		want := 404
		if strings.HasPrefix(p, "/static/style.0") {
			want = 200 // an old hash still gets the current file, without long caching
		}
		if resp.StatusCode != want {
			t.Errorf("GET %s = %d, want %d", p, resp.StatusCode, want)
		}
	}
}

func TestPageCache(t *testing.T) {
	versionTTL = 0
	defer func() { versionTTL = 2 * time.Second }()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	packs := storetest.Packs(t)
	for _, p := range packs {
		if _, err := st.ImportRole(context.Background(), p.Role, p.Hash); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(New(st, slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()
	get := func(path string, hdr map[string]string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultTransport.RoundTrip(req) // no transparent gzip
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	first := get("/roles/front-desk-lead", nil)
	etag := first.Header.Get("ETag")
	if first.StatusCode != 200 || etag == "" {
		t.Fatalf("first GET = %d, ETag %q", first.StatusCode, etag)
	}
	if r := get("/roles/front-desk-lead", map[string]string{"If-None-Match": etag}); r.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation = %d, want 304", r.StatusCode)
	}
	if r := get("/roles/front-desk-lead", map[string]string{"Accept-Encoding": "gzip"}); r.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("no gzip for a client that asks")
	}
	if r := get("/roles/nope", nil); r.StatusCode != 404 || r.Header.Get("ETag") != "" {
		t.Errorf("a 404 was cached: %d %q", r.StatusCode, r.Header.Get("ETag"))
	}
	// New content gives a new ETag and a fresh page.
	role := *packs[1].Role
	role.Title = "Front Desk Supervisor"
	if _, err := st.ImportRole(context.Background(), &role, "changed"); err != nil {
		t.Fatal(err)
	}
	if r := get("/roles/front-desk-lead", map[string]string{"If-None-Match": etag}); r.StatusCode != 200 || r.Header.Get("ETag") == etag {
		t.Errorf("after an import: status %d, ETag %q; want 200 and a new ETag", r.StatusCode, r.Header.Get("ETag"))
	}
}

// TestPageCacheBounded: the cache keeps at most its byte budget, dropping
// the least recently used pages first.
func TestPageCacheBounded(t *testing.T) {
	version := func(context.Context) (string, error) { return "0123456789abcdef0123", nil }
	c := newPageCache(version, 10_000)
	body := strings.Repeat("x", 900) // under the gzip threshold
	h := c.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, body)
	}))
	get := func(path string) {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", path, nil))
	}
	for i := range 50 {
		get("/p?" + strings.Repeat("a", i))
		get("/hot") // kept: used after every other page
	}
	if c.sizeBytes > c.maxBytes || c.lru.Len() != len(c.entries) {
		t.Errorf("cache holds %d bytes in %d entries (%d in the list); want at most %d", c.sizeBytes, len(c.entries), c.lru.Len(), c.maxBytes)
	}
	if c.entries["/hot"] == nil {
		t.Error("the most used page was dropped")
	}
	if c.entries["/p?"] != nil {
		t.Error("the least recently used page was kept")
	}
}

package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/content"
	"github.com/rehearse/rehearse/pack"
	"github.com/rehearse/rehearse/sqlite"
	"github.com/rehearse/rehearse/storetest"
)

func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv, _ := newTestServerStore(t)
	return srv
}

// newTestServerStore is newTestServer that also returns its store, for
// tests that arrange user data directly (a card already due, say).
func newTestServerStore(t *testing.T) (*httptest.Server, rehearse.Store) {
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
	return srv, s
}

// TestEveryTemplate renders every page template through a real request and
// checks that each produced a complete page; a template nobody requests is
// an error too.
func TestEveryTemplate(t *testing.T) {
	srv, store := newTestServerStore(t)
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
	seen := map[string]bool{}
	testReviewSession(t, srv, store, seen)
	testInterview(t, srv, store, seen)
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

// testReviewSession walks a review session with a question and a story
// due: answer, feedback, rating, the story told and rated, then done.
func testReviewSession(t *testing.T, srv *httptest.Server, store rehearse.Store, seen map[string]bool) {
	t.Helper()
	ctx := context.Background()
	past := time.Now().UTC().Add(-time.Hour)
	if err := store.SaveCard(ctx, rehearse.LocalUserID, &rehearse.Card{Kind: rehearse.CardQuestion, Ref: "fdl-eligibility", Due: past.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	// The story saved above is due tomorrow; make it due now.
	if _, err := store.UpdateCard(ctx, rehearse.LocalUserID, rehearse.CardStory, "1", func(c *rehearse.Card) error {
		if c.Due.IsZero() {
			t.Error("the saved story has no review card")
		}
		c.Due = past
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	get := func(path string) (*http.Response, *goquery.Document) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		return resp, readDoc(t, resp, err)
	}
	_, home := get("/")
	if got := home.Find(".today strong").Text(); got != "2" {
		t.Errorf("home page shows %q items due, want 2", got)
	}
	_, doc := get("/review/session")
	seen["session"] = true
	if doc.Find("form.practice-form input[name=next][value=session]").Length() != 1 || !strings.Contains(doc.Find("h1").Text(), "eligibility") {
		t.Fatalf("first card of the session is not the eligibility question: %s", doc.Find("h1").Text())
	}
	if doc.Find("#why, #tp").Length() != 0 {
		t.Error("the session page shows the guidance before the answer")
	}
	resp, err := http.PostForm(srv.URL+"/questions/fdl-eligibility", url.Values{"answer": {"I verify eligibility two days before every visit in the payer portal."}, "next": {"session"}})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("session answer = %v, %v", resp, err)
	}
	doc, _ = goquery.NewDocumentFromReader(resp.Body)
	resp.Body.Close()
	if doc.Find("form.rate-form input[name=next][value=session]").Length() != 1 {
		t.Fatal("the feedback after a session answer does not lead back to the session")
	}
	resp, err = http.PostForm(srv.URL+"/questions/fdl-eligibility/review", url.Values{"rating": {"good"}, "next": {"session"}})
	if err != nil || resp.Request.URL.Path != "/review/session" {
		t.Fatalf("session rating landed on %v, %v; want the next card", resp.Request.URL, err)
	}
	doc, _ = goquery.NewDocumentFromReader(resp.Body)
	resp.Body.Close()
	if doc.Find("form[action='/stories/1/review']").Length() != 1 || doc.Find("dl.star").Length() != 1 {
		t.Fatalf("second card is not the story: %s", doc.Find("h1").Text())
	}
	resp, err = http.PostForm(srv.URL+"/stories/1/review", url.Values{"rating": {"easy"}, "next": {"session"}})
	if err != nil || resp.Request.URL.Path != "/review" || resp.Request.URL.Query().Get("done") != "1" {
		t.Fatalf("last rating landed on %v, %v; want /review?done=1", resp.Request.URL, err)
	}
	doc, _ = goquery.NewDocumentFromReader(resp.Body)
	resp.Body.Close()
	if !strings.Contains(doc.Find("main").Text(), "Review session complete") {
		t.Error("the end of the session is not announced")
	}
	// Rating the story again before it is due is refused, nothing changes.
	before, _ := store.Card(ctx, rehearse.LocalUserID, rehearse.CardStory, "1")
	resp, err = http.PostForm(srv.URL+"/stories/1/review", url.Values{"rating": {"again"}})
	if err != nil || resp.StatusCode != http.StatusConflict {
		t.Errorf("rating a story not due = %v, %v; want 409", resp, err)
	}
	resp.Body.Close()
	if after, _ := store.Card(ctx, rehearse.LocalUserID, rehearse.CardStory, "1"); !after.Due.Equal(before.Due) {
		t.Error("a refused story rating moved the card")
	}
}

// testInterview runs a 5-question mock interview as a browser without
// JavaScript does, over the shipped Medical Office Manager pack: setup
// (with a bad length first), every question (with an empty answer
// first), the report, the list, and a late answer that is refused.
func testInterview(t *testing.T, srv *httptest.Server, store rehearse.Store, seen map[string]bool) {
	t.Helper()
	ctx := context.Background()
	packs, problems := pack.ReadAll(content.FS, "medical-office-manager")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if _, err := pack.Import(ctx, store, packs, nil); err != nil {
		t.Fatal(err)
	}
	const role = "medical-office-manager"
	post := func(path string, form url.Values, status int) (*http.Response, *goquery.Document) {
		t.Helper()
		resp, err := http.PostForm(srv.URL+path, form)
		doc := readDoc(t, resp, err)
		if resp.StatusCode != status {
			t.Fatalf("POST %s = %d, want %d: %s", path, resp.StatusCode, status, doc.Find("main").Text())
		}
		return resp, doc
	}
	resp, err := http.Get(srv.URL + "/roles/" + role + "/interview")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("setup page = %v, %v", resp, err)
	}
	resp.Body.Close()
	seen["interviewsetup"] = true
	_, doc := post("/roles/"+role+"/interview", url.Values{"length": {"7"}, "area": {"revenue-cycle"}}, http.StatusBadRequest)
	if doc.Find("#setup-error").Length() != 1 || doc.Find("input[name=area][value=revenue-cycle]:checked").Length() != 1 {
		t.Error("a bad length is not explained, or the chosen areas were lost")
	}
	resp, doc = post("/roles/"+role+"/interview", url.Values{"length": {"5"}, "area": {"revenue-cycle", "privacy-security"}, "strict": {"on"}}, http.StatusOK)
	seen["interviewstep"] = true
	ivPath := resp.Request.URL.Path
	if !strings.HasPrefix(ivPath, "/interviews/") {
		t.Fatalf("starting an interview landed on %s", ivPath)
	}
	if doc.Find("#why, #tp, #ex, .points").Length() != 0 {
		t.Error("an interview question shows guidance")
	}
	if doc.Find("#countdown[data-limit]").Length() != 1 {
		t.Error("a strict interview has no countdown")
	}
	// An empty answer: refused with a message, nothing moves.
	_, doc = post(ivPath, url.Values{"position": {"0"}, "answer": {"   "}}, http.StatusBadRequest)
	if doc.Find("#answer-error").Length() != 1 || doc.Find("input[name=position]").AttrOr("value", "") != "0" {
		t.Error("an empty interview answer is not refused on the same question")
	}
	for pos := 0; pos < 12; pos++ {
		if doc.Find("form input[name=position]").Length() == 0 {
			break
		}
		p := doc.Find("input[name=position]").AttrOr("value", "")
		answer := "First I would look at the last three months of numbers, then I would meet the team, agree on two changes and check the result after thirty days."
		_, doc = post(ivPath, url.Values{"position": {p}, "answer": {answer}}, http.StatusOK)
		if pos == 0 {
			// The same answer again (a double click) is accepted once.
			post(ivPath, url.Values{"position": {"0"}, "answer": {answer}}, http.StatusOK)
		}
	}
	seen["report"] = true
	if doc.Find("h1").Length() != 1 || !strings.Contains(doc.Find("h1").Text(), "report") || doc.Find(".report-answer").Length() < 5 {
		t.Fatalf("no report after the last answer: %s", doc.Find("h1").Text())
	}
	if doc.Find("#r-areas").Length() != 1 || doc.Find("ol.next li").Length() == 0 {
		t.Error("the report lacks readiness by area or what to practise next")
	}
	// Submitting to a finished interview: 409 with a message, the report stays.
	_, doc = post(ivPath, url.Values{"position": {"1"}, "answer": {"Something new."}}, http.StatusConflict)
	if !strings.Contains(doc.Find(".error").Text(), "finished") {
		t.Error("a late answer is not explained")
	}
	resp, err = http.Get(srv.URL + "/interviews")
	if err != nil {
		t.Fatal(err)
	}
	doc, _ = goquery.NewDocumentFromReader(resp.Body)
	resp.Body.Close()
	seen["interviews"] = true
	if doc.Find("table.history tbody tr").Length() != 1 || !strings.Contains(doc.Find("table.history").Text(), "Report") {
		t.Error("the finished interview is not in the list")
	}
	if list, _ := store.Attempts(ctx, rehearse.LocalUserID, "mom-bg-career-path", 10); len(list) != 1 {
		t.Errorf("the opener's answer saved %d attempts, want 1", len(list))
	}
	// The finished interview put its questions on the review schedule.
	if c, err := store.Card(ctx, rehearse.LocalUserID, rehearse.CardQuestion, "mom-bg-career-path"); err != nil || len(c.State) == 0 {
		t.Errorf("the opener has no review card after the interview: %v", err)
	}
}

// TestRecordingOnAttempt links a recording to a practice answer posted
// from the form, plays it on the attempt page and deletes it there.
func TestRecordingOnAttempt(t *testing.T) {
	srv, store := newTestServerStore(t)
	rec := &rehearse.Recording{QuestionID: "fdl-no-shows", ContentType: "audio/ogg", Data: []byte("OggS\x00\x02 some opus")}
	if err := store.SaveRecording(context.Background(), rehearse.LocalUserID, rec); err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(rec.ID, 10)
	resp, err := http.PostForm(srv.URL+"/questions/fdl-no-shows", url.Values{"answer": {"We cut no-shows from 12% to 7% with two-way texting."}, "recording_id": {id}})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("practice with a recording = %v, %v", resp, err)
	}
	resp.Body.Close()
	list, _ := store.Attempts(context.Background(), rehearse.LocalUserID, "fdl-no-shows", 5)
	if len(list) != 1 || list[0].RecordingID != rec.ID {
		t.Fatalf("attempts = %+v", list)
	}
	page := "/attempts/" + strconv.FormatInt(list[0].ID, 10)
	resp, _ = http.Get(srv.URL + page)
	doc, _ := goquery.NewDocumentFromReader(resp.Body)
	resp.Body.Close()
	if doc.Find("audio[src='/api/v1/recordings/"+id+"']").Length() != 1 || doc.Find("form[action='/recordings/"+id+"/delete']").Length() != 1 {
		t.Fatal("the attempt page does not play the recording or offer to delete it")
	}
	resp, err = http.PostForm(srv.URL+"/recordings/"+id+"/delete", url.Values{"back": {page}})
	if err != nil || resp.Request.URL.Path != page {
		t.Fatalf("delete landed on %v, %v", resp.Request.URL, err)
	}
	doc, _ = goquery.NewDocumentFromReader(resp.Body)
	resp.Body.Close()
	if doc.Find("audio").Length() != 0 || doc.Find("#feedback").Length() != 1 {
		t.Error("after deleting, the attempt page still plays audio or lost its feedback")
	}
	if _, err := store.Recording(context.Background(), rehearse.LocalUserID, rec.ID); rehearse.ErrorCode(err) != rehearse.ENOTFOUND {
		t.Errorf("the recording is still stored: %v", err)
	}
}

// readDoc parses the page of a response, failing the test when the
// request failed.
func readDoc(t *testing.T, resp *http.Response, err error) *goquery.Document {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
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

package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/rehearse/rehearse/api"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// openAPISchemas compiles the component schemas of the served OpenAPI
// document.
func openAPISchemas(t *testing.T, doc []byte) func(name string) *jsonschema.Schema {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("openapi.json", v); err != nil {
		t.Fatal(err)
	}
	return func(name string) *jsonschema.Schema {
		s, err := c.Compile("openapi.json#/components/schemas/" + name)
		if err != nil {
			t.Fatalf("compile schema %s: %v", name, err)
		}
		return s
	}
}

// TestAPIMatchesOpenAPI calls every documented operation on the real server
// and validates each response body against the schema that the document
// gives for its status.
func TestAPIMatchesOpenAPI(t *testing.T) {
	a := startApp(t, "")
	doc := a.getJSON(t, "/api/v1/openapi.json", http.StatusOK, nil)
	if !bytes.Equal(doc, api.OpenAPI()) {
		t.Fatal("served document differs from the embedded one")
	}
	var spec struct {
		Paths map[string]map[string]struct {
			Responses map[string]struct {
				Content map[string]struct {
					Schema struct {
						Ref string `json:"$ref"`
					} `json:"schema"`
				} `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(doc, &spec); err != nil {
		t.Fatal(err)
	}
	schema := openAPISchemas(t, doc)
	calls := []struct {
		template, path string
		status         int
		body           string // POST this body when set
	}{
		{"/roles", "/roles", 200, ""},
		{"/roles", "/roles?field=healthcare-administration&limit=2&offset=0", 200, ""},
		{"/roles", "/roles?limit=abc", 400, ""},
		{"/roles/{slug}", "/roles/" + mom, 200, ""},
		{"/roles/{slug}", "/roles/none", 404, ""},
		{"/roles/{slug}/questions", "/roles/" + mom + "/questions", 200, ""},
		{"/roles/{slug}/questions", "/roles/" + mom + "/questions?type=behavioral", 200, ""},
		{"/roles/{slug}/questions", "/roles/" + mom + "/questions?type=riddle", 400, ""},
		{"/roles/{slug}/questions", "/roles/" + mom + "/questions?area=nowhere", 400, ""},
		{"/roles/{slug}/questions", "/roles/none/questions", 404, ""},
		{"/roles/{slug}/glossary", "/roles/" + mom + "/glossary", 200, ""},
		{"/roles/{slug}/glossary", "/roles/none/glossary", 404, ""},
		{"/roles/{slug}/scenarios", "/roles/" + mom + "/scenarios", 200, ""},
		{"/roles/{slug}/scenarios", "/roles/none/scenarios", 404, ""},
		{"/questions/{id}", "/questions/mom-bg-previous-experience", 200, ""},
		{"/questions/{id}", "/questions/none", 404, ""},
		{"/scenarios/{id}", "/scenarios/none", 404, ""},
		{"/search", "/search?q=HIPAA", 200, ""},
		{"/search", "/search?q=%22prior+auth%22+-dental&role=" + mom + "&limit=5", 200, ""},
		{"/search", "/search?q=-only", 200, ""},
		{"/search", "/search?q=%FF%FE%22unbalanced+NEAR(+*+-", 200, ""},
		{"/search", "/search?q=%00%01", 200, ""},
		{"/search", "/search?q=" + strings.Repeat("a", 501), 400, ""},
		{"/search", "/search?q=x&role=none", 400, ""},
		{"/search", "/search?q=x&offset=-1", 400, ""},
		{"/questions/{id}/feedback", "/questions/mom-bg-previous-experience/feedback", 200, `{"answer":"I ran a six-provider family practice for four years. I cut days in A/R from 48 to 36.","duration_seconds":12}`},
		{"/questions/{id}/feedback", "/questions/mom-bg-previous-experience/feedback", 200, `{"answer":"asdf qwer zxcv"}`},
		{"/questions/{id}/feedback", "/questions/mom-bg-previous-experience/feedback", 200, `{"answer":"<script>alert(1)</script> \u0000 \u0007"}`},
		{"/questions/{id}/feedback", "/questions/mom-bg-previous-experience/feedback", 400, `{"answer":"   "}`},
		{"/questions/{id}/feedback", "/questions/mom-bg-previous-experience/feedback", 400, `{"answer":`},
		{"/questions/{id}/feedback", "/questions/mom-bg-previous-experience/feedback", 400, `{"answer":"x","extra":1}`},
		{"/questions/{id}/feedback", "/questions/mom-bg-previous-experience/feedback", 400, `{"answer":"x"} {"answer":"y"}`},
		{"/questions/{id}/feedback", "/questions/mom-bg-previous-experience/feedback", 400, `{"answer":"x","duration_seconds":"95"}`},
		{"/questions/{id}/feedback", "/questions/mom-bg-previous-experience/feedback", 200, `{"Answer":"I ran the front desk.\nThen I ran \"the\" office.\u00e9"}`},
		{"/questions/{id}/feedback", "/questions/mom-bg-previous-experience/feedback", 400, `{"answer":"x","duration_seconds":-5}`},
		{"/questions/{id}/feedback", "/questions/mom-bg-previous-experience/feedback", 413, `{"answer":"` + strings.Repeat("word ", 4001) + `"}`},
		{"/questions/{id}/feedback", "/questions/none/feedback", 404, `{"answer":"x"}`},
		{"/questions/{id}/attempts", "/questions/mom-bg-software-tools/attempts", 201, `{"answer":"I have used athenahealth as a super user and built our templates and reports.","duration_seconds":20}`},
		{"/questions/{id}/attempts", "/questions/mom-bg-software-tools/attempts", 400, `{"answer":""}`},
		{"/questions/{id}/attempts", "/questions/none/attempts", 404, `{"answer":"x"}`},
		{"/questions/{id}/attempts", "/questions/mom-bg-software-tools/attempts", 200, ""},
		{"/questions/{id}/attempts", "/questions/none/attempts", 404, ""},
		{"/attempts/{id}", "/attempts/1", 200, ""},
		{"/attempts/{id}", "/attempts/424242", 404, ""},
		{"/questions/{id}/draft", "/questions/mom-bg-software-tools/draft", 404, ""},
		{"/questions/{id}/draft", "/questions/none/draft", 404, "PUT " + `{"answer":"x"}`},
		{"/questions/{id}/draft", "/questions/mom-bg-software-tools/draft", 200, "PUT " + `{"answer":"half an answer"}`},
		{"/questions/{id}/draft", "/questions/mom-bg-software-tools/draft", 200, ""},
		{"/questions/{id}/draft", "/questions/mom-bg-software-tools/draft", 413, "PUT " + `{"answer":"` + strings.Repeat("x", 20001) + `"}`},
		{"/review", "/review", 200, ""},
		{"/review/{kind}/{ref}", "/review/question/mom-bg-software-tools", 200, `{"rating":"good"}`},
		{"/review/{kind}/{ref}", "/review/question/mom-bg-software-tools", 409, `{"rating":"easy"}`},
		{"/review/{kind}/{ref}", "/review/question/mom-bg-motivation-healthcare-admin", 400, `{"rating":"superb"}`},
		{"/review/{kind}/{ref}", "/review/question/none", 404, `{"rating":"good"}`},
		{"/review/{kind}/{ref}", "/review/deck/x", 404, `{"rating":"good"}`},
		{"/review", "/review", 200, ""},
		{"/roles/{slug}/stories", "/roles/" + mom + "/stories", 201, `{"title":"Cut days in A/R","situation":"Days in A/R were 48.","action":"Weekly denial reviews.","result":"37 days in a year.","areas":["revenue-cycle"]}`},
		{"/roles/{slug}/stories", "/roles/" + mom + "/stories", 400, `{"title":"Angry patient","situation":"Mrs. Alvarez was diagnosed with diabetes and her claim was denied."}`},
		{"/roles/{slug}/stories", "/roles/" + mom + "/stories", 400, `{"title":""}`},
		{"/roles/{slug}/stories", "/roles/" + mom + "/stories", 413, `{"title":"Long","action":"` + strings.Repeat("x", 5001) + `"}`},
		{"/roles/{slug}/stories", "/roles/none/stories", 404, `{"title":"x","action":"y"}`},
		{"/roles/{slug}/stories", "/roles/" + mom + "/stories", 200, ""},
		{"/roles/{slug}/stories", "/roles/none/stories", 404, ""},
		{"/stories/{id}", "/stories/1", 200, ""},
		{"/stories/{id}", "/stories/99", 404, ""},
		{"/stories/{id}", "/stories/1", 200, "PUT " + `{"title":"Cut days in A/R","result":"37 days in a year, held for two.","areas":["revenue-cycle","finance-analytics"]}`},
		{"/stories/{id}", "/stories/1", 400, "PUT " + `{"title":"x"}`},
		{"/stories/{id}", "/stories/99", 404, "PUT " + `{"title":"x","action":"y"}`},
		{"/roles/{slug}/progress", "/roles/" + mom + "/progress", 200, ""},
		{"/roles/{slug}/progress", "/roles/none/progress", 404, ""},
		{"/interviews", "/interviews", 201, `{"role":"` + mom + `","length":5,"areas":["revenue-cycle","operations"],"strict":true}`},
		{"/interviews", "/interviews", 400, `{"role":"` + mom + `","length":7}`},
		{"/interviews", "/interviews", 400, `{"role":"` + mom + `","length":5,"areas":["astrology"]}`},
		{"/interviews", "/interviews", 404, `{"role":"none","length":5}`},
		{"/interviews", "/interviews", 200, ""},
		{"/interviews/{id}", "/interviews/1", 200, ""},
		{"/interviews/{id}", "/interviews/999", 404, ""},
		{"/interviews/{id}/steps/{pos}/draft", "/interviews/1/steps/0/draft", 404, ""},
		{"/interviews/{id}/steps/{pos}/draft", "/interviews/1/steps/0/draft", 200, "PUT " + `{"answer":"I started at the front desk"}`},
		{"/interviews/{id}/steps/{pos}/draft", "/interviews/1/steps/0/draft", 200, ""},
		{"/interviews/{id}/steps/{pos}/draft", "/interviews/1/steps/2/draft", 409, "PUT " + `{"answer":"ahead"}`},
		{"/interviews/{id}/steps/{pos}/draft", "/interviews/1/steps/2/draft", 409, ""},
		{"/interviews/{id}/steps/{pos}/draft", "/interviews/1/steps/0/draft", 400, "PUT " + `{"answer":`},
		{"/interviews/{id}/steps/{pos}/draft", "/interviews/1/steps/0/draft", 413, "PUT " + `{"answer":"` + strings.Repeat("x", 20001) + `"}`},
		{"/interviews/{id}/steps/{pos}/draft", "/interviews/999/steps/0/draft", 404, "PUT " + `{"answer":"x"}`},
		{"/interviews/{id}/answers", "/interviews/1/answers", 400, `{"position":0,"answer":"  "}`},
		{"/interviews/{id}/answers", "/interviews/1/answers", 413, `{"position":0,"answer":"` + strings.Repeat("word ", 4001) + `"}`},
		{"/interviews/{id}/answers", "/interviews/1/answers", 200, `{"position":0,"answer":"I started at the front desk of a family practice, moved into billing, and for four years I have run a six-provider office.","duration_seconds":40}`},
		{"/interviews/{id}/answers", "/interviews/1/answers", 200, `{"position":0,"answer":"I started at the front desk of a family practice, moved into billing, and for four years I have run a six-provider office.","duration_seconds":40}`},
		{"/interviews/{id}/answers", "/interviews/1/answers", 409, `{"position":0,"answer":"A different story."}`},
		{"/interviews/{id}/answers", "/interviews/1/answers", 409, `{"position":3,"answer":"Skipping ahead."}`},
		{"/interviews/{id}/answers", "/interviews/1/answers", 400, `{"position":99,"answer":"No such step."}`},
		{"/interviews/{id}/answers", "/interviews/999/answers", 404, `{"position":0,"answer":"x"}`},
	}
	seen := map[string]bool{}
	for _, c := range calls {
		method, body := "get", c.body
		switch {
		case strings.HasPrefix(body, "PUT "):
			method, body = "put", strings.TrimPrefix(body, "PUT ")
		case body != "":
			method = "post"
		}
		op, ok := spec.Paths[c.template][method]
		if !ok {
			t.Fatalf("%s is not in the OpenAPI document", c.template)
		}
		seen[c.template+" "+method] = true
		resp, ok := op.Responses[itoa(c.status)]
		if !ok {
			t.Errorf("GET %s: status %d is not documented", c.template, c.status)
			continue
		}
		ref := resp.Content["application/json"].Schema.Ref
		name := ref[strings.LastIndexByte(ref, '/')+1:]
		var got []byte
		if method == "get" {
			got = a.getJSON(t, "/api/v1"+c.path, c.status, nil)
		} else {
			got = a.sendJSON(t, strings.ToUpper(method), "/api/v1"+c.path, body, c.status)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(got))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema(name).Validate(inst); err != nil {
			t.Errorf("%s %s: response does not match %s: %v\n%s", method, c.path, name, err, got)
		}
	}
	testRecordingsAPI(t, a, schema, seen)
	for p, ops := range spec.Paths {
		for m := range ops {
			if !seen[p+" "+m] && p != "/openapi.json" && m != "delete" {
				t.Errorf("documented operation %s %s is never called by this test", m, p)
			}
		}
	}
	// Finish the interview: the report validates, and a late answer is
	// refused.
	var iv api.InterviewResponse
	a.getJSON(t, "/api/v1/interviews/1", http.StatusOK, &iv)
	for pos := iv.Interview.Position; pos < len(iv.Interview.Steps); pos++ {
		body := `{"position":` + itoa(pos) + `,"answer":"First I would check the numbers for the last three months, then talk with the team and fix the process."}`
		a.sendJSON(t, "POST", "/api/v1/interviews/1/answers", body, http.StatusOK)
	}
	got := a.getJSON(t, "/api/v1/interviews/1", http.StatusOK, &iv)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema("InterviewResponse").Validate(inst); err != nil {
		t.Errorf("finished interview does not match InterviewResponse: %v\n%s", err, got)
	}
	if iv.Report == nil || iv.Interview.Status != "finished" || iv.Report.Answered != len(iv.Interview.Steps) {
		t.Errorf("finished interview = %+v", iv)
	}
	late := a.sendJSON(t, "POST", "/api/v1/interviews/1/answers", `{"position":1,"answer":"One more thing."}`, http.StatusConflict)
	if !strings.Contains(string(late), "finished") {
		t.Errorf("late answer message: %s", late)
	}
	// Unknown API paths answer in JSON too.
	var e api.ErrorBody
	a.getJSON(t, "/api/v1/nothing", http.StatusNotFound, &e)
	if e.Error.Code != "not_found" || e.Error.Message == "" {
		t.Errorf("unknown API path error = %+v", e)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// sendJSON sends a JSON body with method and returns the response body.
func (a *app) sendJSON(t *testing.T, method, path, body string, status int) []byte {
	t.Helper()
	return a.send(t, method, path, "application/json", []byte(body), status)
}

// send sends body as ctype with method and returns the response body.
func (a *app) send(t *testing.T, method, path, ctype string, body []byte, status int) []byte {
	t.Helper()
	req, err := http.NewRequest(method, a.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ctype)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		t.Fatalf("%s %s = %d, want %d\n%s", method, path, resp.StatusCode, status, out)
	}
	return out
}

// testRecordingsAPI uploads, plays back and deletes a recording, and sends
// uploads that must be refused: not audio, a lying type, too large.
func testRecordingsAPI(t *testing.T, a *app, schema func(string) *jsonschema.Schema, seen map[string]bool) {
	t.Helper()
	upload := func(path, ctype string, body []byte, status int) []byte {
		t.Helper()
		out := a.send(t, "POST", "/api/v1"+path, ctype, body, status)
		name := "Error"
		if status == 201 {
			name = "RecordingResponse"
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema(name).Validate(inst); err != nil {
			t.Errorf("upload response does not match %s: %v", name, err)
		}
		return out
	}
	seen["/questions/{id}/recordings post"], seen["/recordings/{id} get"] = true, true
	webm := append([]byte{0x1A, 0x45, 0xDF, 0xA3}, bytes.Repeat([]byte{7}, 3000)...)
	var created api.RecordingResponse
	if err := json.Unmarshal(upload("/questions/mom-bg-software-tools/recordings?duration_seconds=42", "audio/webm;codecs=opus", webm, 201), &created); err != nil {
		t.Fatal(err)
	}
	upload("/questions/mom-bg-software-tools/recordings", "audio/webm", []byte("<script>alert(1)</script>"), 400)
	upload("/questions/mom-bg-software-tools/recordings", "text/html", webm, 400)
	upload("/questions/mom-bg-software-tools/recordings?duration_seconds=-3", "audio/webm", webm, 400)
	upload("/questions/none/recordings", "audio/webm", webm, 404)
	upload("/questions/mom-bg-software-tools/recordings", "audio/webm", append(webm, make([]byte, 10<<20)...), 413)
	id := itoa(int(created.Recording.ID))
	resp := a.get(t, "/api/v1/recordings/"+id, 200)
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Equal(got, webm) || resp.Header.Get("Content-Type") != "audio/webm" {
		t.Errorf("playback: %d bytes of %s", len(got), resp.Header.Get("Content-Type"))
	}
	// Players seek with range requests.
	req, _ := http.NewRequest("GET", a.URL+"/api/v1/recordings/"+id, nil)
	req.Header.Set("Range", "bytes=0-3")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusPartialContent {
		t.Errorf("range request = %v, %v", resp, err)
	} else {
		resp.Body.Close()
	}
	a.sendJSON(t, "POST", "/api/v1/questions/mom-bg-software-tools/attempts", `{"answer":"I was the super user for athenahealth.","recording_id":`+id+`}`, http.StatusCreated)
	a.sendJSON(t, "DELETE", "/api/v1/recordings/"+id, "", http.StatusNoContent)
	a.getJSON(t, "/api/v1/recordings/"+id, http.StatusNotFound, nil)
	a.sendJSON(t, "DELETE", "/api/v1/recordings/"+id, "", http.StatusNotFound)
	a.sendJSON(t, "POST", "/api/v1/questions/mom-bg-software-tools/attempts", `{"answer":"Another answer entirely.","recording_id":`+id+`}`, http.StatusBadRequest)
}

package api

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/rehearse/rehearse"
)

// jsonAnswer decodes b the way decodeJSON does, reporting whether it
// accepted the body.
func jsonAnswer(b []byte) (rehearse.AnswerRequest, bool) {
	var req rehearse.AnswerRequest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil || dec.More() {
		return req, false
	}
	return req, true
}

var answerBodies = []string{
	`{"answer":"I called the payer."}`,
	` { "answer" : "I called the payer." , "duration_seconds" : 95 } ` + "\n",
	`{"duration_seconds":1.5e1,"answer":"first"}`,
	`{"answer":"line one\nline two\t\"quoted\" back\\slash \/ \b\f\r"}`,
	`{"answer":"café, 😀"}`,
	`{"answer":"a","answer":"b"}`,
	`{}`,
	`{"answer":"","duration_seconds":-0.25E-2}`,
	`{"answer":"x","duration_seconds":0}`,
	// Left to encoding/json:
	`{"answer":"\u00e9"}`,
	`{"Answer":"case"}`,
	`{"answer":"x","recording_id":3}`,
	`{"answer":null}`,
	`{"answer":"x","duration_seconds":1e400}`,
	`{"answer":"x","duration_seconds":01}`,
	`{"answer":"x","duration_seconds":"5"}`,
	`{"answer":"x"} {"answer":"y"}`,
	`{"answer":"x",}`,
	`{"answer":"bad \xff"}`,
	"{\"answer\":\"raw\ttab\"}",
	`{"answer":"x"`,
	`{"answer":"\q"}`,
	`[]`,
	``,
}

func TestParseAnswer(t *testing.T) {
	const handled = 9 // the bodies before "Left to encoding/json"
	for i, body := range answerBodies {
		var got rehearse.AnswerRequest
		ok := parseAnswer([]byte(body), &got)
		if ok != (i < handled) {
			t.Errorf("parseAnswer(%s) accepted = %v, want %v", body, ok, i < handled)
		}
		if want, jsonOK := jsonAnswer([]byte(body)); ok && (!jsonOK || got != want) {
			t.Errorf("parseAnswer(%s) = %+v; encoding/json: %+v, accepted %v", body, got, want, jsonOK)
		}
	}
}

// FuzzParseAnswer: whatever parseAnswer accepts, encoding/json accepts
// with the same result.
func FuzzParseAnswer(f *testing.F) {
	for _, body := range answerBodies {
		f.Add([]byte(body))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var got rehearse.AnswerRequest
		if !parseAnswer(b, &got) {
			return
		}
		want, ok := jsonAnswer(b)
		if !ok || got != want {
			t.Errorf("parseAnswer(%q) = %+v; encoding/json: %+v, accepted %v", b, got, want, ok)
		}
	})
}

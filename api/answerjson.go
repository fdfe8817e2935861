package api

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/rehearse/rehearse"
)

// bodyBufs recycles the buffers answer bodies are read into.
var bodyBufs = sync.Pool{New: func() any { b := make([]byte, 0, 4<<10); return &b }}

// decodeAnswer reads a feedback or attempt request. The usual body, an
// object with "answer" and maybe "duration_seconds", is parsed by hand
// (parseAnswer; encoding/json cost as much as a sixth of the analysis);
// anything else goes through decodeBody, so errors and edge cases are
// encoding/json's.
func decodeAnswer(r *http.Request, req *rehearse.AnswerRequest) error {
	bp := bodyBufs.Get().(*[]byte)
	defer func() {
		if cap(*bp) <= 64<<10 {
			bodyBufs.Put(bp)
		}
	}()
	b, err := readBody(r.Body, (*bp)[:0])
	*bp = b
	if err != nil {
		if e := tooLarge(err); e != nil {
			return e
		}
		return rehearse.Errorf(rehearse.EINVALID, "The request body could not be read: %v.", err)
	}
	if parseAnswer(b, req) {
		return nil
	}
	*req = rehearse.AnswerRequest{}
	return decodeBody(bytes.NewReader(b), req)
}

// readBody appends all of body to b.
func readBody(body io.Reader, b []byte) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := body.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

// parseAnswer parses b when it is an object whose keys are only "answer"
// (a string) and "duration_seconds" (a number), with nothing after it, and
// its strings hold valid UTF-8 and no \u escapes. It reports false for
// anything else, leaving req in any state; FuzzParseAnswer checks that
// whatever it accepts, encoding/json decodes the same way.
func parseAnswer(b []byte, req *rehearse.AnswerRequest) bool {
	p := jsonScanner{b: b}
	*req = rehearse.AnswerRequest{}
	if !p.byte('{') {
		return false
	}
	if !p.byte('}') {
		for {
			key, ok := p.key()
			if !ok || !p.byte(':') {
				return false
			}
			switch key {
			case "answer":
				if req.Answer, ok = p.string(); !ok {
					return false
				}
			case "duration_seconds":
				if req.DurationSeconds, ok = p.number(); !ok {
					return false
				}
			default:
				return false
			}
			if p.byte('}') {
				break
			}
			if !p.byte(',') {
				return false
			}
		}
	}
	p.space()
	return p.i == len(b)
}

// jsonScanner reads the few JSON forms parseAnswer accepts.
type jsonScanner struct {
	b []byte
	i int
}

func (p *jsonScanner) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// byte skips white space and then c, if c is next.
func (p *jsonScanner) byte(c byte) bool {
	p.space()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// key reads a key: a string without escapes.
func (p *jsonScanner) key() (string, bool) {
	if !p.byte('"') {
		return "", false
	}
	start := p.i
	for p.i < len(p.b) {
		switch c := p.b[p.i]; {
		case c == '"':
			p.i++
			return string(p.b[start : p.i-1]), true
		case c == '\\' || c < 0x20:
			return "", false
		}
		p.i++
	}
	return "", false
}

// string reads a string value.
func (p *jsonScanner) string() (string, bool) {
	if !p.byte('"') {
		return "", false
	}
	start := p.i
	var out []byte // nil until the first escape
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			s := p.b[start:p.i]
			p.i++
			if out != nil {
				s = append(out, s...)
			}
			if !utf8.Valid(s) {
				return "", false
			}
			return string(s), true
		case c < 0x20:
			return "", false
		case c == '\\':
			if p.i+1 >= len(p.b) {
				return "", false
			}
			var r byte
			switch p.b[p.i+1] {
			case '"', '\\', '/':
				r = p.b[p.i+1]
			case 'b':
				r = '\b'
			case 'f':
				r = '\f'
			case 'n':
				r = '\n'
			case 'r':
				r = '\r'
			case 't':
				r = '\t'
			default: // \u and invalid escapes: encoding/json decides
				return "", false
			}
			if out == nil {
				out = make([]byte, 0, len(p.b)-start)
			}
			out = append(append(out, p.b[start:p.i]...), r)
			p.i += 2
			start = p.i
			continue
		}
		p.i++
	}
	return "", false
}

// number reads a number in JSON's grammar as a float64.
func (p *jsonScanner) number() (float64, bool) {
	p.space()
	start := p.i
	if p.i < len(p.b) && p.b[p.i] == '-' {
		p.i++
	}
	switch {
	case p.i < len(p.b) && p.b[p.i] == '0':
		p.i++
	case p.digits() == 0:
		return 0, false
	}
	if p.i < len(p.b) && p.b[p.i] == '.' {
		p.i++
		if p.digits() == 0 {
			return 0, false
		}
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		p.i++
		if p.i < len(p.b) && (p.b[p.i] == '+' || p.b[p.i] == '-') {
			p.i++
		}
		if p.digits() == 0 {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(string(p.b[start:p.i]), 64)
	return f, err == nil
}

// digits skips decimal digits and returns how many there were.
func (p *jsonScanner) digits() int {
	start := p.i
	for p.i < len(p.b) && '0' <= p.b[p.i] && p.b[p.i] <= '9' {
		p.i++
	}
	return p.i - start
}

// Package api is the JSON API of Rehearse under /api/v1, described by the
// OpenAPI document it serves at /api/v1/openapi.json.
package api

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"sync"

	"github.com/rehearse/rehearse"
)

//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the OpenAPI document of the API.
func OpenAPI() []byte { return openAPI }

// StatusCode maps an error code to its HTTP status. Every HTTP response of
// Rehearse, HTML or JSON, takes its status from here.
func StatusCode(code string) int {
	switch code {
	case "":
		return http.StatusOK
	case rehearse.EINVALID:
		return http.StatusBadRequest
	case rehearse.ENOTFOUND:
		return http.StatusNotFound
	case rehearse.ECONFLICT:
		return http.StatusConflict
	case rehearse.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// Handler serves the API.
type Handler struct {
	store  rehearse.Store
	logger *slog.Logger
}

// Register adds the API routes for content to mux: they depend only on the
// imported content, so the server may cache their responses.
func Register(mux *http.ServeMux, store rehearse.Store, logger *slog.Logger) {
	h := &Handler{store: store, logger: logger}
	mux.Handle("GET /api/v1/openapi.json", h.handle(h.openAPI))
	mux.Handle("GET /api/v1/roles", h.handle(h.roles))
	mux.Handle("GET /api/v1/roles/{slug}", h.handle(h.role))
	mux.Handle("GET /api/v1/roles/{slug}/questions", h.handle(h.questions))
	mux.Handle("GET /api/v1/roles/{slug}/glossary", h.handle(h.glossary))
	mux.Handle("GET /api/v1/roles/{slug}/scenarios", h.handle(h.scenarios))
	mux.Handle("GET /api/v1/questions/{id}", h.handle(h.question))
	mux.Handle("POST /api/v1/questions/{id}/feedback", h.handle(h.feedback))
	mux.Handle("GET /api/v1/scenarios/{id}", h.handle(h.scenario))
	mux.Handle("GET /api/v1/search", h.handle(h.search))
	mux.Handle("/api/", h.handle(func(w http.ResponseWriter, r *http.Request) error {
		return rehearse.Errorf(rehearse.ENOTFOUND, "There is no API endpoint %s %s.", r.Method, r.URL.Path)
	}))
}

// RegisterUser adds the routes that read or write the user's own data; the
// server must not cache them.
func RegisterUser(mux *http.ServeMux, store rehearse.Store, logger *slog.Logger) {
	(&Handler{store: store, logger: logger}).registerUser(mux)
}

func (h *Handler) registerUser(mux *http.ServeMux) {
	mux.Handle("POST /api/v1/questions/{id}/attempts", h.handle(h.createAttempt))
	mux.Handle("GET /api/v1/questions/{id}/attempts", h.handle(h.listAttempts))
	mux.Handle("GET /api/v1/attempts/{id}", h.handle(h.attempt))
	mux.Handle("GET /api/v1/questions/{id}/draft", h.handle(h.draft))
	mux.Handle("PUT /api/v1/questions/{id}/draft", h.handle(h.saveDraft))
	mux.Handle("DELETE /api/v1/questions/{id}/draft", h.handle(h.deleteDraft))
	mux.Handle("POST /api/v1/questions/{id}/recordings", h.handle(h.createRecording))
	mux.Handle("GET /api/v1/recordings/{id}", h.handle(h.recording))
	mux.Handle("DELETE /api/v1/recordings/{id}", h.handle(h.deleteRecording))
	mux.Handle("GET /api/v1/review", h.handle(h.reviewQueue))
	mux.Handle("POST /api/v1/review/{kind}/{ref}", h.handle(h.rate))
	mux.Handle("GET /api/v1/roles/{slug}/stories", h.handle(h.listStories))
	mux.Handle("POST /api/v1/roles/{slug}/stories", h.handle(h.createStory))
	mux.Handle("GET /api/v1/stories/{id}", h.handle(h.story))
	mux.Handle("PUT /api/v1/stories/{id}", h.handle(h.updateStory))
	mux.Handle("DELETE /api/v1/stories/{id}", h.handle(h.deleteStory))
	mux.Handle("GET /api/v1/roles/{slug}/progress", h.handle(h.progress))
	mux.Handle("POST /api/v1/interviews", h.handle(h.createInterview))
	mux.Handle("GET /api/v1/interviews", h.handle(h.listInterviews))
	mux.Handle("GET /api/v1/interviews/{id}", h.handle(h.interview))
	mux.Handle("POST /api/v1/interviews/{id}/answers", h.handle(h.answerInterview))
	mux.Handle("GET /api/v1/interviews/{id}/steps/{pos}/draft", h.handle(h.interviewDraft))
	mux.Handle("PUT /api/v1/interviews/{id}/steps/{pos}/draft", h.handle(h.saveInterviewDraft))
}

// handle adapts a handler that returns an error: the error becomes a JSON
// error body with the status of its code, and internal errors are logged.
func (h *Handler) handle(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			WriteError(w, r, h.logger, err)
		}
	})
}

// ClientGone reports whether err is the request's own context ending: the
// client closed the connection (or the server is shutting down), which is
// not a failure to log or answer.
func ClientGone(r *http.Request, err error) bool {
	ctxErr := r.Context().Err()
	return ctxErr != nil && errors.Is(err, ctxErr)
}

// ErrorBody is the shape of every error response.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail is a machine-readable code and a message for people.
type ErrorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// WriteError writes err as a JSON error response, logging internal errors.
// A request whose client has gone away gets nothing.
func WriteError(w http.ResponseWriter, r *http.Request, logger *slog.Logger, err error) {
	if ClientGone(r, err) {
		return
	}
	code := rehearse.ErrorCode(err)
	if code == rehearse.EINTERNAL {
		logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	writeJSON(w, StatusCode(code), ErrorBody{Error: ErrorDetail{Code: code, Message: rehearse.ErrorMessage(err)}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := encodeJSON(v)
	if err != nil {
		http.Error(w, "could not encode the response", http.StatusInternalServerError)
		return
	}
	defer putBuffer(b)
	writeBuffer(w, status, b)
}

// encodeJSON encodes v into a buffer from jsonBuffers; putBuffer returns it.
func encodeJSON(v any) (*bytes.Buffer, error) {
	b := jsonBuffers.Get().(*bytes.Buffer)
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		putBuffer(b)
		return nil, err
	}
	return b, nil
}

// writeBuffer sends b as the JSON body, in one write with its length: a
// body over the server's 4 KB buffer would otherwise go out chunked, in
// several system calls.
func writeBuffer(w http.ResponseWriter, status int, b *bytes.Buffer) {
	writeBytes(w, status, b.Bytes())
}

// writeBytes sends b, a JSON body, with its length.
func writeBytes(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// jsonBuffers recycles the buffers responses are encoded into.
var jsonBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= 64<<10 {
		b.Reset()
		jsonBuffers.Put(b)
	}
}

func (h *Handler) openAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, err := w.Write(openAPI)
	return err
}

// RolesResponse is a page of the catalog.
type RolesResponse struct {
	Roles  []rehearse.RoleSummary `json:"roles"`
	Total  int                    `json:"total"`
	Offset int                    `json:"offset"`
	Limit  int                    `json:"limit"`
}

func (h *Handler) roles(w http.ResponseWriter, r *http.Request) error {
	f := rehearse.RoleFilter{Sector: r.URL.Query().Get("sector"), Field: r.URL.Query().Get("field")}
	var err error
	if f.Offset, err = intParam(r, "offset", 0); err != nil {
		return err
	}
	if f.Limit, err = intParam(r, "limit", 50); err != nil {
		return err
	}
	roles, total, err := h.store.Roles(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, RolesResponse{Roles: roles, Total: total, Offset: f.Offset, Limit: f.Limit})
	return nil
}

// intParam reads an optional integer query parameter.
func intParam(r *http.Request, name string, def int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, rehearse.Errorf(rehearse.EINVALID, "Parameter %q must be a whole number.", name)
	}
	return n, nil
}

func (h *Handler) role(w http.ResponseWriter, r *http.Request) error {
	role, err := h.store.Role(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, role)
	return nil
}

// QuestionsResponse lists the questions of a role.
type QuestionsResponse struct {
	Role      string                     `json:"role"`
	Questions []rehearse.QuestionSummary `json:"questions"`
}

func (h *Handler) questions(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := rehearse.QuestionFilter{Role: r.PathValue("slug"), Area: q.Get("area"), Type: rehearse.QuestionType(q.Get("type"))}
	qs, err := h.store.Questions(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, QuestionsResponse{Role: f.Role, Questions: qs})
	return nil
}

func (h *Handler) question(w http.ResponseWriter, r *http.Request) error {
	q, err := h.store.Question(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, q)
	return nil
}

// GlossaryResponse lists the terms of a role.
type GlossaryResponse struct {
	Role  string          `json:"role"`
	Terms []rehearse.Term `json:"terms"`
}

func (h *Handler) glossary(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	terms, err := h.store.Glossary(r.Context(), slug)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, GlossaryResponse{Role: slug, Terms: terms})
	return nil
}

// ScenariosResponse lists the scenario drills of a role.
type ScenariosResponse struct {
	Role      string              `json:"role"`
	Scenarios []rehearse.Scenario `json:"scenarios"`
}

func (h *Handler) scenarios(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	scs, err := h.store.Scenarios(r.Context(), slug)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ScenariosResponse{Role: slug, Scenarios: scs})
	return nil
}

func (h *Handler) scenario(w http.ResponseWriter, r *http.Request) error {
	sc, err := h.store.Scenario(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, sc)
	return nil
}

func (h *Handler) search(w http.ResponseWriter, r *http.Request) error {
	q := rehearse.SearchQuery{Text: r.URL.Query().Get("q"), Role: r.URL.Query().Get("role")}
	var err error
	if q.Offset, err = intParam(r, "offset", 0); err != nil {
		return err
	}
	if q.Limit, err = intParam(r, "limit", 20); err != nil {
		return err
	}
	res, err := h.store.Search(r.Context(), q)
	if err != nil {
		return err
	}
	for i := range res.Hits {
		hit := &res.Hits[i]
		hit.TextSnippet, hit.Snippet = rehearse.MarkHTML(hit.TextSnippet), rehearse.MarkHTML(hit.Snippet)
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

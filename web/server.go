// Package web is the HTTP server of Rehearse: server-rendered pages that
// work without JavaScript, the JSON API (package api) mounted under
// /api/v1, embedded static files under content-hashed URLs, health
// endpoints, and the headers every response carries.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/rehearse/rehearse"
	"github.com/rehearse/rehearse/api"
)

// MaxBodyBytes bounds every request body.
const MaxBodyBytes = 1 << 20

// Server serves the web UI.
type Server struct {
	store  rehearse.Store
	logger *slog.Logger
	pages  *renderer
}

// New returns the complete handler of the application: pages, API, static
// files and health endpoints, wrapped in the common middleware.
func New(store rehearse.Store, logger *slog.Logger) http.Handler {
	s := &Server{store: store, logger: logger, pages: newRenderer()}
	content := http.NewServeMux() // GET content pages and API reads, cached
	mux := http.NewServeMux()
	api.Register(content, store, logger)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("GET /static/", staticHandler())
	content.Handle("GET /roles", s.handle(s.roleList))
	content.Handle("GET /roles/{slug}", s.handle(s.role))
	content.Handle("GET /roles/{slug}/glossary", s.handle(s.glossary))
	content.Handle("GET /roles/{slug}/tips", s.handle(s.tips))
	content.Handle("GET /roles/{slug}/scenarios", s.handle(s.scenarios))
	content.Handle("GET /questions/{id}", s.handle(s.question))
	content.Handle("GET /scenarios/{id}", s.handle(s.scenario))
	content.Handle("GET /search", s.handle(s.search))
	content.Handle("/", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return rehearse.Errorf(rehearse.ENOTFOUND, "There is no page at %s.", r.URL.Path)
	}))
	// The user's own data is never cached.
	api.RegisterUser(mux, store, logger)
	mux.Handle("POST /questions/{id}", s.handle(s.practice))
	mux.Handle("GET /questions/{id}/attempts", s.handle(s.attempts))
	mux.Handle("GET /attempts/{id}", s.handle(s.attemptPage))
	mux.Handle("GET /questions/{id}/compare", s.handle(s.compare))
	mux.Handle("POST /questions/{id}/review", s.handle(s.rate))
	mux.Handle("GET /review", s.handle(s.reviewQueue))
	mux.Handle("GET /review/session", s.handle(s.reviewSession))
	mux.Handle("POST /stories/{id}/review", s.handle(s.rateStory))
	mux.Handle("GET /roles/{slug}/interview", s.handle(s.interviewSetup))
	mux.Handle("POST /roles/{slug}/interview", s.handle(s.startInterview))
	mux.Handle("POST /recordings/{id}/delete", s.handle(s.deleteRecording))
	mux.Handle("GET /interviews", s.handle(s.interviews))
	mux.Handle("GET /interviews/{id}", s.handle(s.interviewPage))
	mux.Handle("POST /interviews/{id}", s.handle(s.answerInterview))
	// The home page shows what is due today, so it is not cached.
	mux.Handle("GET /{$}", s.handle(s.home))
	mux.Handle("GET /roles/{slug}/stories", s.handle(s.stories))
	mux.Handle("GET /roles/{slug}/progress", s.handle(s.progress))
	mux.Handle("POST /roles/{slug}/stories", s.handle(s.createStory))
	mux.Handle("GET /stories/{id}", s.handle(s.story))
	mux.Handle("POST /stories/{id}", s.handle(s.updateStory))
	mux.Handle("POST /stories/{id}/delete", s.handle(s.deleteStory))
	mux.Handle("/", newPageCache(store.ContentVersion, maxCacheBytes).wrap(content))
	return s.middleware(mux)
}

// middleware sets the security headers, bounds request bodies and turns a
// panic into a logged 500.
// securityHeaders go on every response. Their keys are canonical and the
// values are assigned, not copied, on each request.
var securityHeaders = http.Header{
	"Content-Security-Policy": {"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
	"X-Content-Type-Options":     {"nosniff"},
	"Referrer-Policy":            {"no-referrer"},
	"X-Frame-Options":            {"DENY"},
	"Cross-Origin-Opener-Policy": {"same-origin"},
	"Permissions-Policy":         {"camera=(), geolocation=(), microphone=(self)"},
}

func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range securityHeaders {
			h[k] = v
		}
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = http.MaxBytesReader(w, r.Body, bodyLimit(r))
		}
		if !safeMethod(r.Method) && !sameOrigin(r) {
			http.Error(w, "Cross-site requests are not accepted.", http.StatusForbidden)
			return
		}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.logger.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				http.Error(w, "Internal Server Error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.store.Ready(ctx); err != nil {
		s.logger.Warn("not ready", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("not ready: " + rehearse.ErrorMessage(err) + "\n"))
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}

// handle adapts a page handler that returns an error: the error is shown
// as an error page with the status of its code; internal errors are logged
// once, here.
func (s *Server) handle(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil && !api.ClientGone(r, err) {
			code := rehearse.ErrorCode(err)
			if code == rehearse.EINTERNAL {
				s.logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
			}
			status := api.StatusCode(code)
			p := &errorPage{basePage: basePage{Title: http.StatusText(status)}, Status: status, Message: rehearse.ErrorMessage(err)}
			s.render(w, r, status, "error", p)
		}
	})
}

// bodyLimit is MaxBodyBytes, or for an audio upload the recording limit.
func bodyLimit(r *http.Request) int64 {
	if r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/api/v1/questions/") && strings.HasSuffix(r.URL.Path, "/recordings") {
		return rehearse.MaxRecordingBytes + 1
	}
	return MaxBodyBytes
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// sameOrigin refuses requests that a browser marks as coming from another
// site, so that no other page can post on the candidate's behalf. Clients
// that are not browsers send neither header and are accepted.
func sameOrigin(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return false
	}
	if o := r.Header.Get("Origin"); o != "" && o != "null" {
		return strings.TrimPrefix(strings.TrimPrefix(o, "http://"), "https://") == r.Host
	}
	return true
}

package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// pageCache serves repeated GET requests for content (pages and API
// reads) from memory, with an ETag so browsers revalidate with a 304, and
// gzip for clients that accept it. Content changes only on import, so a
// response is valid as long as the content version is the same. The
// version is derived from the database (the content hash of every role),
// so several instances agree on it; each instance only keeps a cache it
// can rebuild. It is checked at most every versionTTL.
type pageCache struct {
	version func(context.Context) (string, error)

	mu         sync.Mutex
	current    string
	checked    time.Time
	refreshing bool // one request asks the database; the others use current
	entries    map[string]*cachedPage
	sizeBytes  int
}

type cachedPage struct {
	etag        string
	contentType string
	body        []byte
	gzipped     []byte
}

// versionTTL is how long a content version is trusted before the database
// is asked again (a variable so that tests can shorten it).
var versionTTL = 2 * time.Second

const maxCacheBytes = 64 << 20

// build identifies this binary's templates and static files, so that an
// upgrade changes every ETag even when the content does not.
var build = func() string {
	h := sha256.New()
	names := make([]string, 0, len(staticFiles))
	for n := range staticFiles {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		h.Write([]byte(n + staticFiles[n].hash))
	}
	tmpl, _ := templateFS.ReadDir("templates")
	for _, e := range tmpl {
		b, _ := templateFS.ReadFile("templates/" + e.Name())
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}()

func newPageCache(version func(context.Context) (string, error)) *pageCache {
	return &pageCache{version: version, entries: map[string]*cachedPage{}}
}

// currentVersion returns the content version, refreshing it when stale and
// dropping the cache when it changed. While one request refreshes it, the
// others go on with the version they have, so the database is never asked
// by more than one request at a time and nobody waits on the lock for it.
func (c *pageCache) currentVersion(ctx context.Context) (string, bool) {
	c.mu.Lock()
	fresh := time.Since(c.checked) < versionTTL
	if c.current != "" && (fresh || c.refreshing) {
		v := c.current
		c.mu.Unlock()
		return v, true
	}
	c.refreshing = true
	c.mu.Unlock()

	v, err := c.version(ctx)

	c.mu.Lock()
	defer c.mu.Unlock()
	c.refreshing = false
	if err != nil {
		return "", false
	}
	if v != c.current {
		c.entries, c.sizeBytes = map[string]*cachedPage{}, 0
		c.current = v
	}
	c.checked = time.Now()
	return v, true
}

// wrap caches next's successful GET responses.
func (c *pageCache) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		v, ok := c.currentVersion(r.Context())
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		key := r.URL.RequestURI()
		c.mu.Lock()
		p := c.entries[key]
		c.mu.Unlock()
		if p == nil {
			rec := &recorder{header: http.Header{}, status: http.StatusOK}
			next.ServeHTTP(rec, r)
			if rec.status != http.StatusOK {
				rec.copyTo(w)
				return
			}
			p = &cachedPage{etag: `"` + v[:16] + "-" + build + `"`, contentType: rec.header.Get("Content-Type"), body: rec.body.Bytes()}
			p.gzipped = gzipBytes(p.body)
			c.store(key, p)
		}
		serveCached(w, r, p)
	})
}

func (c *pageCache) store(key string, p *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	size := len(p.body) + len(p.gzipped) + len(key)
	if c.sizeBytes+size > maxCacheBytes {
		c.entries, c.sizeBytes = map[string]*cachedPage{}, 0
	}
	c.entries[key] = p
	c.sizeBytes += size
}

func serveCached(w http.ResponseWriter, r *http.Request, p *cachedPage) {
	h := w.Header()
	h.Set("ETag", p.etag)
	h.Set("Cache-Control", "no-cache") // revalidate every time; a 304 is cheap
	h.Set("Vary", "Accept-Encoding")
	h.Set("Content-Type", p.contentType)
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, p.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := p.body
	if p.gzipped != nil && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		body = p.gzipped
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

func gzipBytes(b []byte) []byte {
	if len(b) < 1024 {
		return nil
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return buf.Bytes()
}

// recorder captures a response so that it can be cached.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(status int)      { r.status = status }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }

func (r *recorder) copyTo(w http.ResponseWriter) {
	for k, v := range r.header {
		w.Header()[k] = v
	}
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body.Bytes())
}

package web

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rehearse/rehearse/internal/contentversion"
)

// pageCache serves repeated GET requests for content (pages and API
// reads) from memory, with an ETag so browsers revalidate with a 304, and
// gzip for clients that accept it. Content changes only on import, so a
// response is valid as long as the content version is the same. The
// version comes from the database (Store.ContentVersion, one small row),
// so several instances agree on it; each instance only keeps a cache it
// can rebuild. It is checked at most every versionTTL.
//
// The cache holds at most maxBytes of responses (bodies, gzipped bodies
// and keys); past that, the least recently used pages are dropped, so a
// catalog of thousands of roles, or requests with made-up query strings,
// cannot grow the process.
type pageCache struct {
	version  func(context.Context) (string, error)
	maxBytes int

	watch contentversion.Watch

	mu        sync.Mutex
	current   string // the content version the entries belong to
	entries   map[string]*list.Element
	lru       *list.List // of *cachedPage, most recently used first
	sizeBytes int
}

type cachedPage struct {
	key         string
	etag        string
	contentType string
	body        []byte
	gzipped     []byte
	// Header values, built once: serving a cached page only assigns them.
	etagH, typeH, lenH, gzipLenH []string
}

func (p *cachedPage) size() int { return len(p.key) + len(p.body) + len(p.gzipped) + 200 }

// versionTTL is how long a content version is trusted before the database
// is asked again (a variable so that tests can shorten it).
var versionTTL = 2 * time.Second

// maxCacheBytes bounds the page cache of a server.
const maxCacheBytes = 48 << 20

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

func newPageCache(version func(context.Context) (string, error), maxBytes int) *pageCache {
	return &pageCache{version: version, maxBytes: maxBytes, entries: map[string]*list.Element{}, lru: list.New()}
}

// currentVersion returns the content version (see contentversion.Watch),
// dropping the cache when it changed.
func (c *pageCache) currentVersion(ctx context.Context) (string, bool) {
	v, ok := c.watch.Current(ctx, versionTTL, c.version)
	if !ok {
		return "", false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v != c.current {
		c.entries, c.lru, c.sizeBytes = map[string]*list.Element{}, list.New(), 0
		c.current = v
	}
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
		p := c.lookup(key)
		if p == nil {
			rec := &recorder{header: http.Header{}, status: http.StatusOK}
			next.ServeHTTP(rec, r)
			if rec.status != http.StatusOK {
				rec.copyTo(w)
				return
			}
			p = &cachedPage{key: key, etag: `"` + v[:16] + "-" + build + `"`, contentType: rec.header.Get("Content-Type"), body: rec.body.Bytes()}
			p.gzipped = gzipBytes(p.body)
			p.etagH, p.typeH = []string{p.etag}, []string{p.contentType}
			p.lenH, p.gzipLenH = []string{strconv.Itoa(len(p.body))}, []string{strconv.Itoa(len(p.gzipped))}
			c.store(key, p)
		}
		serveCached(w, r, p)
	})
}

// lookup returns the cached page for key, or nil, and marks it used.
func (c *pageCache) lookup(key string) *cachedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[key]
	if e == nil {
		return nil
	}
	c.lru.MoveToFront(e)
	return e.Value.(*cachedPage)
}

// store adds a page, dropping the least recently used ones to stay within
// maxBytes. A page larger than the whole cache is not kept.
func (c *pageCache) store(key string, p *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	size := p.size()
	if size > c.maxBytes {
		return
	}
	if old := c.entries[key]; old != nil {
		c.remove(old)
	}
	for c.sizeBytes+size > c.maxBytes {
		c.remove(c.lru.Back())
	}
	c.entries[key] = c.lru.PushFront(p)
	c.sizeBytes += size
}

func (c *pageCache) remove(e *list.Element) {
	p := c.lru.Remove(e).(*cachedPage)
	delete(c.entries, p.key)
	c.sizeBytes -= p.size()
}

// Header values every cached response carries (canonical keys, assigned
// directly: this is the hot path of the server).
var (
	noCache      = []string{"no-cache"} // revalidate every time; a 304 is cheap
	varyEncoding = []string{"Accept-Encoding"}
	gzipEncoding = []string{"gzip"}
)

func serveCached(w http.ResponseWriter, r *http.Request, p *cachedPage) {
	h := w.Header()
	h["Etag"] = p.etagH
	h["Cache-Control"] = noCache
	h["Vary"] = varyEncoding
	h["Content-Type"] = p.typeH
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, p.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := p.body
	h["Content-Length"] = p.lenH
	if p.gzipped != nil && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h["Content-Encoding"] = gzipEncoding
		h["Content-Length"] = p.gzipLenH
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

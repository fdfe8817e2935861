package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFS embed.FS

// staticFile is an embedded static file with its content hash.
type staticFile struct {
	data  []byte
	hash  string
	ctype string
}

var staticFiles = loadStatic()

func loadStatic() map[string]staticFile {
	m := map[string]staticFile{}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		name := strings.TrimPrefix(p, "static/")
		m[name] = staticFile{data: data, hash: hex.EncodeToString(sum[:])[:12], ctype: mime.TypeByExtension(path.Ext(name))}
		return nil
	})
	if err != nil {
		panic(err)
	}
	return m
}

// staticURL returns the content-hashed URL of a static file:
// "style.css" becomes "/static/style.3fa2c1d09e8b.css". A new build with a
// changed file gets a new URL, so browsers may cache each URL forever.
func staticURL(name string) string {
	f, ok := staticFiles[name]
	if !ok {
		panic("web: no static file " + name)
	}
	ext := path.Ext(name)
	return "/static/" + strings.TrimSuffix(name, ext) + "." + f.hash + ext
}

// staticHandler serves hashed static URLs with a one-year immutable cache
// lifetime.
func staticHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest := strings.TrimPrefix(r.URL.Path, "/static/")
		ext := path.Ext(rest)
		base := strings.TrimSuffix(rest, ext)
		dot := strings.LastIndexByte(base, '.')
		if dot < 0 {
			http.NotFound(w, r)
			return
		}
		name, hash := base[:dot]+ext, base[dot+1:]
		f, ok := staticFiles[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if hash == f.hash {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		w.Header().Set("Content-Type", f.ctype)
		w.Header().Set("ETag", `"`+f.hash+`"`)
		if r.Header.Get("If-None-Match") == `"`+f.hash+`"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		_, _ = w.Write(f.data)
	})
}

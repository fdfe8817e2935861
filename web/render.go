package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/rehearse/rehearse"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

//go:embed templates/*.html
var templateFS embed.FS

// renderer holds one parsed template set per page, each made of the
// layout plus the page's own file.
type renderer struct {
	pages map[string]*template.Template
}

var markdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// renderMarkdown turns pack Markdown into HTML. Raw HTML in the source is
// not passed through (goldmark's default), so content cannot inject markup.
// Pack text changes only on import, so results are cached (bounded); the
// cache is rebuilt from the content on demand and never shared between
// processes.
func renderMarkdown(s string) template.HTML {
	mdCache.Lock()
	h, ok := mdCache.m[s]
	mdCache.Unlock()
	if ok {
		return h
	}
	var b bytes.Buffer
	if err := markdown.Convert([]byte(s), &b); err != nil {
		return template.HTML(template.HTMLEscapeString(s))
	}
	h = template.HTML(b.String())
	mdCache.Lock()
	if len(mdCache.m) >= maxMarkdownCache {
		mdCache.m = map[string]template.HTML{}
	}
	mdCache.m[s] = h
	mdCache.Unlock()
	return h
}

const maxMarkdownCache = 20000

var mdCache = struct {
	sync.Mutex
	m map[string]template.HTML
}{m: map[string]template.HTML{}}

var funcs = template.FuncMap{
	"md":     renderMarkdown,
	"static": staticURL,
	"mark":   func(s string) template.HTML { return template.HTML(rehearse.MarkHTML(s)) },
	"add":    func(a, b int) int { return a + b },
	"level":  levelLabel,
	"pct":    percent,
	"title":  title,
	"has": func(list []string, v string) bool {
		for _, x := range list {
			if x == v {
				return true
			}
		}
		return false
	},
	"query": func(kv ...string) template.URL {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] != "" {
				v.Set(kv[i], kv[i+1])
			}
		}
		if len(v) == 0 {
			return ""
		}
		return template.URL("?" + v.Encode())
	},
}

// partials are templates that pages include; they are not pages.
var partials = map[string]bool{"feedback": true, "storyform": true, "speak": true}

func newRenderer() *renderer {
	layout := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html"))
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	r := &renderer{pages: map[string]*template.Template{}}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" || partials[name] {
			continue
		}
		t := template.Must(layout.Clone())
		r.pages[name] = template.Must(t.ParseFS(templateFS, n, "templates/feedback.html", "templates/storyform.html", "templates/speak.html"))
	}
	return r
}

// render executes a page into a buffer first, so that a template error
// becomes a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	t, ok := s.pages.pages[name]
	if !ok {
		panic(fmt.Sprintf("web: no template %q", name))
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "layout.html", data); err != nil {
		s.logger.Error("render", "template", name, "path", r.URL.Path, "err", err)
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

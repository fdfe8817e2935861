package pack

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/rehearse/rehearse/pack/fastyaml"
	"gopkg.in/yaml.v3"
)

// Pos is a place in a pack file.
type Pos struct {
	File string
	Line int
	Col  int
}

// Problem is one thing wrong with a pack, at a place in a file.
type Problem struct {
	Pos
	Message string
}

// String formats the problem as file:line:col: message.
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Message)
}

// decoder turns a YAML node tree into Go values strictly: every key must be
// a known field, every value the right shape. Checks made later name the
// file, line and column of a value by its path ("questions[3].terms[1]"):
// for a file decoded from a yaml.v3 node tree, the tree is kept (root) and
// a path is looked up in it only when a problem is reported; the goccy
// decoder records the position of every path as it goes (pos).
type decoder struct {
	file     string
	problems []Problem
	root     *yaml.Node      // the document's root, when decoded from a yaml.v3 tree
	pos      map[string]Pos  // positions by path, when decoded by goccy
	failed   map[string]bool // paths whose value had the wrong shape
}

// nodePos is where n is in file. A block mapping is placed, as goccy/go-yaml
// places it, at the colon after its first key.
func nodePos(file string, n *yaml.Node) Pos {
	if n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle == 0 && len(n.Content) > 0 && n.Content[0].Style == 0 {
		k := n.Content[0]
		return Pos{File: file, Line: k.Line, Col: k.Column + len(k.Value)}
	}
	return Pos{File: file, Line: n.Line, Col: n.Column}
}

// vpath is the path of a value being decoded, turned into a string
// ("questions[3].why") only when a problem is reported.
type vpath struct {
	parent *vpath
	key    string // a mapping key, or "" for a list item
	index  int
}

func (p *vpath) String() string {
	if p == nil {
		return ""
	}
	s := p.parent.String()
	switch {
	case p.key == "":
		return s + "[" + strconv.Itoa(p.index) + "]"
	case s == "":
		return p.key
	}
	return s + "." + p.key
}

// fail reports a value of the wrong shape at path, so that later checks do
// not report the same value again as missing.
func (d *decoder) fail(n *yaml.Node, path *vpath, format string, args ...any) {
	d.failed[path.String()] = true
	d.errorf(n, format, args...)
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.problems = append(d.problems, Problem{Pos: nodePos(d.file, n), Message: fmt.Sprintf(format, args...)})
}

// decodeFile parses one YAML document into v, a pointer to a struct. It
// reports false when the file is not YAML at all (syntax error or empty), in
// which case later checks would only add noise.
//
// Files are parsed by fastyaml, which takes the subset of YAML that packs
// are written in and builds yaml.v3's node tree about five times faster
// than yaml.v3 (which matters for catalogs of thousands of packs); a file
// outside that subset is parsed with gopkg.in/yaml.v3, about three times
// faster than github.com/goccy/go-yaml on pack files. A file yaml.v3 refuses
// (a syntax error, or YAML it does not accept such as "[Next?]") is decoded
// again with goccy/go-yaml, whose syntax errors also name the column.
func (d *decoder) decodeFile(data []byte, v any) bool {
	doc, ok := fastyaml.Parse(data)
	if !ok {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		var second yaml.Node
		doc = &yaml.Node{}
		err := dec.Decode(doc)
		if err == nil {
			err = dec.Decode(&second)
		}
		if !errors.Is(err, io.EOF) || len(doc.Content) == 0 {
			d.pos = map[string]Pos{}
			return d.decodeFileGoccy(data, v) // refused, several documents, or empty
		}
	}
	d.root = doc.Content[0]
	d.value(d.root, reflect.ValueOf(v).Elem(), nil)
	return true
}

func (d *decoder) value(n *yaml.Node, v reflect.Value, path *vpath) {
	if n.Kind == yaml.AliasNode {
		d.fail(n, path, "aliases (*name) are not supported in packs; write the value out")
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.structValue(n, v, path)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, path, "%s must be a list", name(path.String()))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.value(c, s.Index(i), &vpath{parent: path, index: i})
		}
		v.Set(s)
	case reflect.String:
		if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
			d.fail(n, path, "%s must be text", name(path.String()))
			return
		}
		v.SetString(n.Value)
	case reflect.Int:
		i, err := strconv.Atoi(n.Value)
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || err != nil {
			d.fail(n, path, "%s must be a whole number", name(path.String()))
			return
		}
		v.SetInt(int64(i))
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || err != nil {
			d.fail(n, path, "%s must be true or false", name(path.String()))
			return
		}
		v.SetBool(b)
	default:
		panic("pack: cannot decode into " + v.Type().String())
	}
}

func (d *decoder) structValue(n *yaml.Node, v reflect.Value, path *vpath) {
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, "%s must be a mapping of keys to values", name(path.String()))
		return
	}
	fields := yamlFields(v.Type())
	var seen [64]bool // by field index; packs' structs have fewer fields
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key := k.Value
		idx, ok := fields[key]
		switch {
		case !ok:
			d.errorf(k, "unknown field %q%s (known fields: %s)", key, in(path.String()), strings.Join(fieldNames(v.Type()), ", "))
			continue
		case seen[idx]:
			d.errorf(k, "field %q appears twice%s", key, in(path.String()))
			continue
		}
		seen[idx] = true
		if val.Kind == yaml.ScalarNode && val.ShortTag() == "!!null" {
			continue // an empty value: required-field checks report it if needed
		}
		d.value(val, v.Field(idx), &vpath{parent: path, key: key})
	}
}

// find is the position of the value at path in the tree rooted at root, as
// the goccy decoder records it: a mapping value's key ("why#key") and an
// empty value are placed at the key. It reports false when the tree has no
// value at path.
func find(file string, root *yaml.Node, path string) (Pos, bool) {
	n := root
	var key *yaml.Node
	for path != "" {
		switch path[0] {
		case '.':
			path = path[1:]
		case '#':
			if key == nil || path != "#key" {
				return Pos{}, false
			}
			return nodePos(file, key), true
		case '[':
			end := strings.IndexByte(path, ']')
			i, err := strconv.Atoi(path[1:max(end, 1)])
			if end < 0 || err != nil || n.Kind != yaml.SequenceNode || i < 0 || i >= len(n.Content) {
				return Pos{}, false
			}
			n, key, path = n.Content[i], nil, path[end+1:]
		default:
			end := strings.IndexAny(path, ".[#")
			if end < 0 {
				end = len(path)
			}
			if n.Kind != yaml.MappingNode {
				return Pos{}, false
			}
			k, v := mappingValue(n, path[:end])
			if k == nil {
				return Pos{}, false
			}
			n, key, path = v, k, path[end:]
		}
	}
	if key != nil && n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return nodePos(file, key), true
	}
	return nodePos(file, n), true
}

// mappingValue is the first key named name in mapping n, and its value.
func mappingValue(n *yaml.Node, name string) (key, value *yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == name {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}

// fieldCache holds yamlFields' maps by type.
var fieldCache sync.Map // reflect.Type -> map[string]int

// yamlFields maps yaml keys to struct field indexes.
func yamlFields(t reflect.Type) map[string]int {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]int)
	}
	if t.NumField() > 64 {
		panic("pack: more fields than the decoder tracks: " + t.String())
	}
	m := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if tag != "" && tag != "-" {
			m[tag] = i
		}
	}
	fieldCache.Store(t, m)
	return m
}

func fieldNames(t reflect.Type) []string {
	var names []string
	for i := 0; i < t.NumField(); i++ {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if tag != "" && tag != "-" {
			names = append(names, tag)
		}
	}
	return names
}

// name is the last element of a path, for messages: "questions[3].why" -> "why".
func name(path string) string {
	if path == "" {
		return "the document"
	}
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		path = path[i+1:]
	}
	return path
}

func in(path string) string {
	if path == "" {
		return ""
	}
	return " in " + path
}

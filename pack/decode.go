package pack

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

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
// a known field, every value the right shape. It records where each value
// came from, by path ("questions[3].terms[1]"), so that checks made later
// can name the file, line and column.
type decoder struct {
	file     string
	problems []Problem
	pos      map[string]Pos
	failed   map[string]bool // paths whose value had the wrong shape
}

// at is where n is. A block mapping is placed, as goccy/go-yaml places it,
// at the colon after its first key.
func (d *decoder) at(n *yaml.Node) Pos {
	if n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle == 0 && len(n.Content) > 0 && n.Content[0].Style == 0 {
		k := n.Content[0]
		return Pos{File: d.file, Line: k.Line, Col: k.Column + len(k.Value)}
	}
	return Pos{File: d.file, Line: n.Line, Col: n.Column}
}

// fail reports a value of the wrong shape at path, so that later checks do
// not report the same value again as missing.
func (d *decoder) fail(n *yaml.Node, path, format string, args ...any) {
	d.failed[path] = true
	d.errorf(n, format, args...)
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.problems = append(d.problems, Problem{Pos: d.at(n), Message: fmt.Sprintf(format, args...)})
}

// decodeFile parses one YAML document into v, a pointer to a struct. It
// reports false when the file is not YAML at all (syntax error or empty), in
// which case later checks would only add noise.
//
// Files are parsed by fastyaml, which takes the subset of YAML that packs
// are written in and builds yaml.v3's node tree about five times faster
// than yaml.v3 (which matters for catalogs of thousands of packs); a file
// outside that subset is parsed with gopkg.in/yaml.v3, about three times
// faster than github.com/goccy/go-yaml on pack files. A file yaml.v3 refuses (a syntax error, or YAML it
// does not accept such as "[Next?]") is decoded again with goccy/go-yaml,
// whose syntax errors also name the column.
func (d *decoder) decodeFile(data []byte, v any) bool {
	if doc, ok := fastyaml.Parse(data); ok {
		d.value(doc.Content[0], reflect.ValueOf(v).Elem(), "")
		return true
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc, second yaml.Node
	err := dec.Decode(&doc)
	if err == nil {
		err = dec.Decode(&second)
	}
	if !errors.Is(err, io.EOF) || len(doc.Content) == 0 {
		return d.decodeFileGoccy(data, v) // refused, several documents, or empty
	}
	d.value(doc.Content[0], reflect.ValueOf(v).Elem(), "")
	return true
}

func (d *decoder) value(n *yaml.Node, v reflect.Value, path string) {
	d.pos[path] = d.at(n)
	if n.Kind == yaml.AliasNode {
		d.fail(n, path, "aliases (*name) are not supported in packs; write the value out")
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.structValue(n, v, path)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, path, "%s must be a list", name(path))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.value(c, s.Index(i), path+"["+strconv.Itoa(i)+"]")
		}
		v.Set(s)
	case reflect.String:
		if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
			d.fail(n, path, "%s must be text", name(path))
			return
		}
		v.SetString(n.Value)
	case reflect.Int:
		i, err := strconv.Atoi(n.Value)
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || err != nil {
			d.fail(n, path, "%s must be a whole number", name(path))
			return
		}
		v.SetInt(int64(i))
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || err != nil {
			d.fail(n, path, "%s must be true or false", name(path))
			return
		}
		v.SetBool(b)
	default:
		panic("pack: cannot decode into " + v.Type().String())
	}
}

func (d *decoder) structValue(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, "%s must be a mapping of keys to values", name(path))
		return
	}
	fields := yamlFields(v.Type())
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key := k.Value
		idx, ok := fields[key]
		switch {
		case !ok:
			d.errorf(k, "unknown field %q%s (known fields: %s)", key, in(path), strings.Join(fieldNames(v.Type()), ", "))
			continue
		case seen[key]:
			d.errorf(k, "field %q appears twice%s", key, in(path))
			continue
		}
		seen[key] = true
		sub := key
		if path != "" {
			sub = path + "." + key
		}
		d.pos[sub+"#key"] = d.at(k)
		if val.Kind == yaml.ScalarNode && val.ShortTag() == "!!null" {
			d.pos[sub] = d.at(k)
			continue // an empty value: required-field checks report it if needed
		}
		d.value(val, v.Field(idx), sub)
	}
}

// yamlFields maps yaml keys to struct field indexes.
func yamlFields(t reflect.Type) map[string]int {
	m := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if tag != "" && tag != "-" {
			m[tag] = i
		}
	}
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

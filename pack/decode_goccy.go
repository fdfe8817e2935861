package pack

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

func (d *decoder) atGoccy(n ast.Node) Pos {
	p := n.GetToken().Position
	return Pos{File: d.file, Line: p.Line, Col: p.Column}
}

func (d *decoder) failGoccy(n ast.Node, path, format string, args ...any) {
	d.failed[path] = true
	d.errorfGoccy(n, format, args...)
}

func (d *decoder) errorfGoccy(n ast.Node, format string, args ...any) {
	d.problems = append(d.problems, Problem{Pos: d.atGoccy(n), Message: fmt.Sprintf(format, args...)})
}

// decodeFileGoccy decodes data as decodeFile does, with goccy/go-yaml, which
// accepts some YAML that yaml.v3 refuses (such as "[Next?]") and names the
// column of syntax errors.
func (d *decoder) decodeFileGoccy(data []byte, v any) bool {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		var se *yaml.SyntaxError
		pos := Pos{File: d.file, Line: 1, Col: 1}
		msg := err.Error()
		if errors.As(err, &se) && se.Token != nil {
			pos.Line, pos.Col, msg = se.Token.Position.Line, se.Token.Position.Column, se.Message
		}
		d.problems = append(d.problems, Problem{Pos: pos, Message: "YAML syntax: " + msg})
		return false
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		d.problems = append(d.problems, Problem{Pos: Pos{File: d.file, Line: 1, Col: 1}, Message: "file is empty"})
		return false
	}
	if len(f.Docs) > 1 {
		d.errorfGoccy(f.Docs[1], "a pack file holds one YAML document; found %d", len(f.Docs))
	}
	d.valueGoccy(f.Docs[0].Body, reflect.ValueOf(v).Elem(), "")
	return true
}

func (d *decoder) valueGoccy(n ast.Node, v reflect.Value, path string) {
	n = unwrap(n)
	d.pos[path] = d.atGoccy(n)
	if _, ok := n.(*ast.AliasNode); ok {
		d.failGoccy(n, path, "aliases (*name) are not supported in packs; write the value out")
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.structValueGoccy(n, v, path)
	case reflect.Slice:
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			d.failGoccy(n, path, "%s must be a list", name(path))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(seq.Values), len(seq.Values))
		for i, c := range seq.Values {
			d.valueGoccy(c, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		v.Set(s)
	case reflect.String:
		text, ok := scalarText(n)
		if !ok {
			d.failGoccy(n, path, "%s must be text", name(path))
			return
		}
		v.SetString(text)
	case reflect.Int:
		i, ok := n.(*ast.IntegerNode)
		if !ok {
			d.failGoccy(n, path, "%s must be a whole number", name(path))
			return
		}
		n, err := strconv.Atoi(i.GetToken().Value)
		if err != nil {
			d.failGoccy(i, path, "%s must be a whole number", name(path))
			return
		}
		v.SetInt(int64(n))
	case reflect.Bool:
		b, ok := n.(*ast.BoolNode)
		if !ok {
			d.failGoccy(n, path, "%s must be true or false", name(path))
			return
		}
		v.SetBool(b.Value)
	default:
		panic("pack: cannot decode into " + v.Type().String())
	}
}

// unwrap looks through anchors and tags to the value they mark.
func unwrap(n ast.Node) ast.Node {
	for {
		switch t := n.(type) {
		case *ast.AnchorNode:
			n = t.Value
		case *ast.TagNode:
			n = t.Value
		default:
			return n
		}
	}
}

// scalarText returns the text of a scalar node as the author wrote it; a
// number or a boolean where text is expected is taken as text.
func scalarText(n ast.Node) (string, bool) {
	switch t := n.(type) {
	case *ast.StringNode:
		return t.Value, true
	case *ast.LiteralNode:
		return t.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return t.GetToken().Value, true
	}
	return "", false
}

// mappingValues returns the key-value pairs of a mapping node; a mapping
// with a single key may come as one MappingValueNode.
func mappingValues(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch t := n.(type) {
	case *ast.MappingNode:
		return t.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{t}, true
	}
	return nil, false
}

func (d *decoder) structValueGoccy(n ast.Node, v reflect.Value, path string) {
	values, ok := mappingValues(n)
	if !ok {
		d.failGoccy(n, path, "%s must be a mapping of keys to values", name(path))
		return
	}
	fields := yamlFields(v.Type())
	seen := map[string]bool{}
	for _, mv := range values {
		key, _ := scalarText(unwrap(mv.Key))
		idx, ok := fields[key]
		switch {
		case !ok:
			d.errorfGoccy(mv.Key, "unknown field %q%s (known fields: %s)", key, in(path), strings.Join(fieldNames(v.Type()), ", "))
			continue
		case seen[key]:
			d.errorfGoccy(mv.Key, "field %q appears twice%s", key, in(path))
			continue
		}
		seen[key] = true
		sub := key
		if path != "" {
			sub = path + "." + key
		}
		d.pos[sub+"#key"] = d.atGoccy(mv.Key)
		if _, null := unwrap(mv.Value).(*ast.NullNode); null {
			d.pos[sub] = d.atGoccy(mv.Key)
			continue // an empty value: required-field checks report it if needed
		}
		d.valueGoccy(mv.Value, v.Field(idx), sub)
	}
}

package fastyaml

import (
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// scalar builds a scalar node at byte offset off of line l.
func (p *parser) scalar(off int, l line, tag, value string, style yaml.Style) *yaml.Node {
	col := off - l.start
	for _, c := range p.data[l.start:off] {
		if c >= 0x80 {
			col = utf8.RuneCount(p.data[l.start:off])
			break
		}
	}
	n := p.node()
	*n = yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value, Style: style, Line: p.i + 1, Column: col + 1}
	return n
}

// plain parses a plain scalar in block context, which must end on its line.
func (p *parser) plain(off int, l line) (*yaml.Node, int) {
	s := p.data[off:l.end]
	switch s[0] {
	case '-', '?', ':':
		if len(s) == 1 || s[1] == ' ' {
			fail()
		}
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		fail()
	}
	j := 0
	for j < len(s) {
		c := s[j]
		if c == '#' && s[j-1] == ' ' {
			break
		}
		if c == ':' && (j+1 == len(s) || s[j+1] == ' ') {
			fail()
		}
		j++
	}
	v := s[:j]
	for v[len(v)-1] == ' ' {
		v = v[:len(v)-1]
	}
	value := p.src[off : off+len(v)]
	return p.scalar(off, l, resolve(value), value, 0), off + len(v)
}

// quoted parses a single- or double-quoted scalar (q is its quote) that
// ends on its line. Its value is cut from src unless it has escapes (” in
// single quotes, a backslash in double quotes), in which case it is built
// in text.
func (p *parser) quoted(off int, l line, q byte) (*yaml.Node, int) {
	start, escaped := len(p.text), false
	j := off + 1
	from := j
	for {
		if j >= l.end {
			fail()
		}
		c := p.data[j]
		switch {
		case c == q && q == '\'' && j+1 < l.end && p.data[j+1] == '\'':
			p.text = append(p.text, p.data[from:j+1]...)
		case c == q:
			style := yaml.DoubleQuotedStyle
			if q == '\'' {
				style = yaml.SingleQuotedStyle
			}
			if !escaped {
				return p.scalar(off, l, "!!str", p.src[from:j], style), j + 1
			}
			p.text = append(p.text, p.data[from:j]...)
			n := p.scalar(off, l, "!!str", "", style)
			p.built(n, start)
			return n, j + 1
		case c == '\\' && q == '"':
			if j+1 >= l.end {
				fail() // a line break escaped
			}
			e, ok := escapes[p.data[j+1]]
			if !ok {
				fail()
			}
			p.text = append(p.text, p.data[from:j]...)
			p.text = append(p.text, e...)
		default:
			j++
			continue
		}
		escaped = true
		j += 2
		from = j
	}
}

// escapes are the double-quoted escapes the subset takes; the others
// (\x, \u, \U, a line break) are left to yaml.v3.
var escapes = map[byte]string{
	'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", 'n': "\n", 'v': "\v", 'f': "\f", 'r': "\r",
	'e': "\x1b", ' ': " ", '"': "\"", '\'': "'", '\\': "\\",
	'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029",
}

// flowSequence parses a flow sequence of scalars that ends on its line:
// [a, "b", 'c'].
func (p *parser) flowSequence(off int, l line) (*yaml.Node, int) {
	n := p.scalar(off, l, "!!seq", "", yaml.FlowStyle)
	n.Kind = yaml.SequenceNode
	j := skipSpaces(p.data, off+1, l.end)
	if j < l.end && p.data[j] == ']' {
		return n, j + 1
	}
	mark := len(p.stack)
	for {
		if j >= l.end {
			fail()
		}
		var item *yaml.Node
		switch p.data[j] {
		case '"', '\'':
			item, j = p.quoted(j, l, p.data[j])
		default:
			item, j = p.flowPlain(j, l)
		}
		p.stack = append(p.stack, item)
		j = skipSpaces(p.data, j, l.end)
		if j >= l.end {
			fail()
		}
		switch p.data[j] {
		case ']':
			n.Content = p.children(mark)
			return n, j + 1
		case ',':
			j = skipSpaces(p.data, j+1, l.end)
			if j < l.end && (p.data[j] == ']' || p.data[j] == ',') {
				fail()
			}
		default:
			fail()
		}
	}
}

// flowPlain parses a plain scalar inside a flow sequence, which ends at a
// comma or the closing bracket.
func (p *parser) flowPlain(off int, l line) (*yaml.Node, int) {
	j := off
	for j < l.end {
		c := p.data[j]
		if c == ',' || c == ']' {
			break
		}
		switch c {
		case '[', '{', '}', '#', ':', '?':
			fail()
		case '-', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
			if j == off {
				fail()
			}
		}
		j++
	}
	v := p.data[off:j]
	for len(v) > 0 && v[len(v)-1] == ' ' {
		v = v[:len(v)-1]
	}
	if len(v) == 0 {
		fail()
	}
	value := p.src[off : off+len(v)]
	return p.scalar(off, l, resolve(value), value, 0), off + len(v)
}

// literal parses a literal block scalar whose indicator is at byte offset
// off of the current line; its content lines must be indented past ind.
func (p *parser) literal(off, ind int) *yaml.Node {
	l := p.lines[p.i]
	n := p.scalar(off, l, "!!str", "", yaml.LiteralStyle)
	j := off + 1
	var chomp byte
	if j < l.end && (p.data[j] == '-' || p.data[j] == '+') {
		chomp = p.data[j]
		j++
	}
	p.lineEnd(j, l)
	p.i++
	k := p.i
	for k < len(p.lines) && p.lines[k].blank {
		if p.lines[k].indent > 0 {
			fail() // a leading line of spaces: left to yaml.v3
		}
		k++
	}
	if k == len(p.lines) || p.lines[k].indent <= ind {
		fail() // an empty block scalar
	}
	indent := p.lines[k].indent
	b, start := p.text, len(p.text)
	pending := 0
	for ; p.i < len(p.lines); p.i++ {
		c := p.lines[p.i]
		if c.blank {
			if c.indent > indent {
				fail() // spaces that would belong to the content
			}
			pending++
			continue
		}
		if c.indent < indent {
			break
		}
		for ; pending > 0; pending-- {
			b = append(b, '\n')
		}
		b = append(b, p.data[c.start+indent:c.end]...)
		b = append(b, '\n')
	}
	if p.i == len(p.lines) && p.data[len(p.data)-1] != '\n' {
		fail() // the file ends inside the scalar without a line break
	}
	switch chomp {
	case '-':
		b = b[:len(b)-1]
	case '+':
		for ; pending > 0; pending-- {
			b = append(b, '\n')
		}
	}
	p.text = b
	p.built(n, start)
	return n
}

// resolve is the tag yaml.v3 gives a plain scalar. Most text starts with a
// character that cannot begin a number, boolean or null, and is a string;
// numbers and the other rare cases are resolved by yaml.v3 itself.
func resolve(s string) string {
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	case "~", "null", "Null", "NULL":
		return "!!null"
	case "<<":
		fail()
	}
	switch c := s[0]; {
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80:
		return "!!str"
	case c >= '1' && c <= '9' && len(s) < 19 && digits(s):
		return "!!int"
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(s), &doc); err != nil || len(doc.Content) != 1 {
		fail()
	}
	n := doc.Content[0]
	if n.Kind != yaml.ScalarNode || n.Value != s || n.Style != 0 {
		fail()
	}
	return n.Tag
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

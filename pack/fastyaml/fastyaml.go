// Package fastyaml parses the subset of YAML that role packs are written in
// into the same yaml.Node tree that gopkg.in/yaml.v3 builds, several times
// faster. The subset: block mappings with plain keys, block sequences
// (including "- key: value" entries and sequences at their key's
// indentation), plain, single- and double-quoted scalars on one line,
// literal block scalars ("|", "|-", "|+"), one-line flow sequences of
// scalars, and comments.
//
// Anything outside the subset is refused (Parse reports false) rather than
// guessed at, so that the caller can parse the file with yaml.v3, which
// also explains syntax errors. A test and a fuzz test hold the package to
// one rule: whenever Parse accepts an input, yaml.v3 parses it to the same
// tree (kinds, tags, styles, values, lines and columns; comments are not
// kept).
package fastyaml

import (
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// unsupported is the panic value that unwinds the parser when the input
// leaves the subset; Parse recovers it and reports false.
type unsupported struct{}

type line struct {
	start, end int // byte offsets of the line, without its newline
	indent     int // leading spaces
	blank      bool
	comment    bool // the first character after the indentation is '#'
}

type parser struct {
	data  []byte
	src   string // data as a string, which plain and quoted values are cut from
	lines []line
	i     int // the current line

	// Allocation in bulk: a file of 100 questions has about 25,000 nodes.
	nodes   []yaml.Node  // nodes are handed out from here
	ptrs    []*yaml.Node // and their Content slices from here,
	stack   []*yaml.Node // children collect here until their parent is done
	text    []byte       // values that had to be built (escapes, literal blocks)
	patches []patch      // and the nodes that take them
}

// patch sets a node's value to text[start:end] once text is complete.
type patch struct {
	n          *yaml.Node
	start, end int
}

func (p *parser) node() *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]yaml.Node, 0, 512)
	}
	p.nodes = p.nodes[:len(p.nodes)+1]
	return &p.nodes[len(p.nodes)-1]
}

// children ends a node's children, collected on the stack since mark.
func (p *parser) children(mark int) []*yaml.Node {
	k := len(p.stack) - mark
	if k == 0 {
		return nil
	}
	if cap(p.ptrs)-len(p.ptrs) < k {
		p.ptrs = make([]*yaml.Node, 0, max(2048, k))
	}
	c := p.ptrs[len(p.ptrs) : len(p.ptrs)+k : len(p.ptrs)+k]
	p.ptrs = p.ptrs[:len(p.ptrs)+k]
	copy(c, p.stack[mark:])
	p.stack = p.stack[:mark]
	return c
}

// built gives n the value b, built in p.text.
func (p *parser) built(n *yaml.Node, start int) {
	p.patches = append(p.patches, patch{n, start, len(p.text)})
}

// Parse parses data, one YAML document, into a document node whose only
// child is the document's root. It reports false when data is outside the
// subset (or empty); the caller should then parse it with yaml.v3.
//
// Values are cut from one copy of data, so any value kept keeps all of it
// in memory: clone (strings.Clone) what must outlive the tree.
func Parse(data []byte) (doc *yaml.Node, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, is := r.(unsupported); !is {
				panic(r)
			}
			doc, ok = nil, false
		}
	}()
	p := &parser{data: data, src: string(data)}
	p.split()
	p.skip()
	if p.i == len(p.lines) || p.lines[p.i].indent != 0 {
		return nil, false
	}
	root := p.block(0)
	p.skip()
	if p.i != len(p.lines) {
		return nil, false
	}
	text := string(p.text)
	for _, pt := range p.patches {
		pt.n.Value = text[pt.start:pt.end]
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: root.Line, Column: root.Column, Content: []*yaml.Node{root}}, true
}

func fail() { panic(unsupported{}) }

// split cuts data into lines and refuses, up front, whatever the subset
// leaves out at the level of characters: tabs, carriage returns, characters
// YAML does not allow in a stream, a byte order mark, directives and
// document markers.
func (p *parser) split() {
	data := p.data
	p.lines = make([]line, 0, len(data)/40+1)
	start := 0
	for start <= len(data) {
		end := start
		for end < len(data) && data[end] != '\n' {
			c := data[end]
			if c < 0x20 || c == 0x7f {
				fail()
			}
			if c >= 0x80 {
				r, size := utf8.DecodeRune(data[end:])
				if !printable(r, size) {
					fail()
				}
				end += size
				continue
			}
			end++
		}
		l := line{start: start, end: end}
		for l.start+l.indent < end && data[l.start+l.indent] == ' ' {
			l.indent++
		}
		l.blank = l.start+l.indent == end
		l.comment = !l.blank && data[l.start+l.indent] == '#'
		if l.indent == 0 && !l.blank && marker(data[start:end]) {
			fail()
		}
		if end == len(data) {
			if !l.blank || l.indent > 0 {
				p.lines = append(p.lines, l)
			}
			break
		}
		p.lines = append(p.lines, l)
		start = end + 1
	}
}

// printable reports whether YAML allows r in a stream (yaml.v3's
// is_printable), for a rune decoded from size bytes.
func printable(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1:
		return false
	case r == 0x85, r >= 0xA0 && r <= 0xD7FF, r >= 0x10000 && r <= 0x10FFFF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return r != 0xFEFF
	}
	return false
}

// marker reports a line that starts a directive or marks a document.
func marker(s []byte) bool {
	if s[0] == '%' {
		return true
	}
	if len(s) >= 3 && (string(s[:3]) == "---" || string(s[:3]) == "...") {
		return len(s) == 3 || s[3] == ' '
	}
	return false
}

// skip moves past blank lines and comment lines.
func (p *parser) skip() {
	for p.i < len(p.lines) && (p.lines[p.i].blank || p.lines[p.i].comment) {
		p.i++
	}
}

// block parses the block mapping or sequence that starts at column col of
// the current line.
func (p *parser) block(col int) *yaml.Node {
	l := p.lines[p.i]
	s := p.data[l.start+col : l.end]
	if entry(s) {
		return p.sequence(col)
	}
	if keyLen(s) > 0 {
		return p.mapping(col)
	}
	fail()
	return nil
}

// entry reports whether s starts a block sequence entry.
func entry(s []byte) bool {
	return len(s) > 0 && s[0] == '-' && (len(s) == 1 || s[1] == ' ')
}

// keyLen is the length of the plain key s starts with, followed by ':' and
// a space or the end of the line; 0 if s does not start with one. Longer
// keys are left to yaml.v3 (YAML limits implicit keys to 1,024 characters).
func keyLen(s []byte) int {
	n := 0
	for n < len(s) {
		c := s[n]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || n > 0 && (c >= '0' && c <= '9' || c == '-') {
			n++
			continue
		}
		break
	}
	if n == 0 || n > 200 || n == len(s) || s[n] != ':' || n+1 < len(s) && s[n+1] != ' ' {
		return 0
	}
	return n
}

// mapping parses a block mapping whose first key is at column col of the
// current line (which may follow "- " on that line); the other keys are at
// the start of later lines, indented by col.
func (p *parser) mapping(col int) *yaml.Node {
	n := p.node()
	*n = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: p.i + 1, Column: col + 1}
	mark := len(p.stack)
	for first := true; ; first = false {
		if !first {
			p.skip()
			if p.i == len(p.lines) || p.lines[p.i].indent < col {
				n.Content = p.children(mark)
				return n
			}
			if p.lines[p.i].indent > col {
				fail()
			}
		}
		l := p.lines[p.i]
		off := l.start + col
		k := keyLen(p.data[off:l.end])
		if k == 0 {
			fail()
		}
		key := p.src[off : off+k]
		kn := p.node()
		*kn = yaml.Node{Kind: yaml.ScalarNode, Tag: resolve(key), Value: key, Line: p.i + 1, Column: col + 1}
		p.stack = append(p.stack, kn)
		v := p.value(off+k+1, col, false)
		p.stack = append(p.stack, v)
	}
}

// sequence parses a block sequence whose entries start at column col.
func (p *parser) sequence(col int) *yaml.Node {
	n := p.node()
	*n = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: p.i + 1, Column: col + 1}
	mark := len(p.stack)
	for {
		p.skip()
		if p.i == len(p.lines) || p.lines[p.i].indent < col {
			break
		}
		l := p.lines[p.i]
		if l.indent > col {
			fail()
		}
		if !entry(p.data[l.start+col : l.end]) {
			break // the next key of the mapping this sequence is the value of
		}
		v := p.value(l.start+col+1, col, true)
		p.stack = append(p.stack, v)
	}
	n.Content = p.children(mark)
	return n
}

// value parses the node that follows "key:" or "-" at byte offset off of
// the current line; ind is the column of that key or dash, which the lines
// of a nested node must be indented past. It leaves p.i at the first line
// it did not consume.
func (p *parser) value(off, ind int, inEntry bool) *yaml.Node {
	l := p.lines[p.i]
	off = skipSpaces(p.data, off, l.end)
	if off == l.end || p.data[off] == '#' {
		p.i++
		p.skip()
		if p.i < len(p.lines) {
			next := p.lines[p.i]
			if next.indent > ind {
				return p.block(next.indent)
			}
			if !inEntry && next.indent == ind && entry(p.data[next.start+ind:next.end]) {
				return p.sequence(ind)
			}
		}
		fail() // an empty value
	}
	var n *yaml.Node
	var end int
	switch c := p.data[off]; c {
	case '|':
		return p.literal(off, ind)
	case '"', '\'':
		n, end = p.quoted(off, l, p.data[off])
	case '[':
		n, end = p.flowSequence(off, l)
	default:
		if inEntry && keyLen(p.data[off:l.end]) > 0 {
			return p.mapping(off - l.start)
		}
		n, end = p.plain(off, l)
	}
	p.lineEnd(end, l)
	p.i++
	for p.i < len(p.lines) && p.lines[p.i].blank {
		p.i++
	}
	if p.i < len(p.lines) && p.lines[p.i].indent > ind {
		fail() // a scalar continued on the next line, or a comment indented into it
	}
	return n
}

func skipSpaces(data []byte, i, end int) int {
	for i < end && data[i] == ' ' {
		i++
	}
	return i
}

// lineEnd accepts what may follow a node on its line: spaces, then the end
// of the line or a comment.
func (p *parser) lineEnd(i int, l line) {
	j := skipSpaces(p.data, i, l.end)
	if j < l.end && (p.data[j] != '#' || j == i) {
		fail()
	}
}

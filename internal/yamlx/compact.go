package yamlx

import (
	"strings"

	"github.com/opsdesign/opsdesign/internal/jsonptr"
	"gopkg.in/yaml.v3"
)

// Tree is a compact, read-only copy of a document's yaml.Node tree: what
// positions, the text of scalars and re-emitting the document need. A
// loaded design keeps one tree per document until the end, so this is most
// of what loading retains. A yaml.Node is 152 bytes on the heap of its own,
// reached through a pointer; a Node is 40 bytes, and a tree's nodes are one
// allocation, its children held by index rather than by a slice of their
// own. Tags the resolver does not give, anchors, aliases and comments,
// which few nodes have, live beside them.
//
// Aliases point into the same tree; pairs a merge (<<) copied are copied,
// within the alias expansion limit the merge was charged against.
type Tree struct {
	nodes  []Node // a node's children are contiguous
	extras []nodeExtra
	root   int32 // index of the top node: 0 but for an Item
}

// Node is one node of a Tree. Its children and the rarer fields are read
// through the tree.
type Node struct {
	Value        string
	Line, Column int32
	first, count int32 // children: the tree's nodes[first : first+count]
	extra        int32 // 1 + index in the tree's extras; 0: none
	kind         uint8
	style        uint8
	tag          uint8 // index in commonTags; 0: the tag is in extra
}

type nodeExtra struct {
	tag, anchor                           string
	alias                                 int32 // 1 + index of the node an alias stands for; 0: none
	headComment, lineComment, footComment string
}

// commonTags are the tags yaml.v3 resolves plain documents to, held in a
// byte; index 0 means "in extra".
var commonTags = [...]string{"", "!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq", "!!timestamp", "!!binary", "!!merge"}

func tagIndex(tag string) uint8 {
	for i := 1; i < len(commonTags); i++ {
		if commonTags[i] == tag {
			return uint8(i)
		}
	}
	return 0
}

// Kind is the node's kind, as yaml.v3 names it.
func (n *Node) Kind() yaml.Kind { return yaml.Kind(n.kind) }

// Style is the node's style, as yaml.v3 names it.
func (n *Node) Style() yaml.Style { return yaml.Style(n.style) }

// Root is the tree's top node.
func (t *Tree) Root() *Node { return &t.nodes[t.root] }

// Item is the tree of the i-th child of the top node (an element of a
// list of documents), sharing t's nodes.
func (t *Tree) Item(i int) *Tree {
	return &Tree{nodes: t.nodes, extras: t.extras, root: t.Root().first + int32(i)}
}

// move moves every node, for a document read from a scalar of another.
func (t *Tree) move(to func(line, col int) (int, int)) {
	for i := range t.nodes {
		n := &t.nodes[i]
		l, c := to(int(n.Line), int(n.Column))
		n.Line, n.Column = int32(l), int32(c)
	}
}

// Content is the children of n: key and value alternating for a mapping.
func (t *Tree) Content(n *Node) []Node { return t.nodes[n.first : n.first+n.count] }

// Tag is the node's tag, such as "!!str".
func (t *Tree) Tag(n *Node) string {
	if n.tag != 0 {
		return commonTags[n.tag]
	}
	if n.extra != 0 {
		return t.extras[n.extra-1].tag
	}
	return ""
}

// Alias is the node an AliasNode stands for, nil for other nodes.
func (t *Tree) Alias(n *Node) *Node {
	if n.extra == 0 || t.extras[n.extra-1].alias == 0 {
		return nil
	}
	return &t.nodes[t.extras[n.extra-1].alias-1]
}

// Anchored reports whether the node defines an anchor or is an alias.
func (t *Tree) Anchored(n *Node) bool {
	return n.Kind() == yaml.AliasNode || n.extra != 0 && t.extras[n.extra-1].anchor != ""
}

// Compact returns the compact copy of the tree at root (nil for nil).
func Compact(root *yaml.Node) *Tree {
	if root == nil {
		return nil
	}
	c := compacter{t: &Tree{nodes: make([]Node, 1, countNodes(root))}}
	c.copy(0, root)
	for _, p := range c.aliases {
		at, ok := c.anchored[p.target]
		if !ok {
			// An anchor outside the tree: copy it on its own.
			at = int32(len(c.t.nodes))
			c.t.nodes = append(c.t.nodes, Node{})
			c.copy(at, p.target)
		}
		c.t.extras[c.t.nodes[p.node].extra-1].alias = at + 1
	}
	return c.t
}

// countNodes is the number of nodes of the tree at n, aliases counted once
// (their targets are in the tree or copied on their own).
func countNodes(n *yaml.Node) int {
	c := 1
	for _, child := range n.Content {
		c += countNodes(child)
	}
	return c
}

type compacter struct {
	t        *Tree
	anchored map[*yaml.Node]int32 // nodes with an anchor, where they were copied to
	aliases  []pendingAlias
}

type pendingAlias struct {
	node   int32
	target *yaml.Node
}

// copy copies n to the tree's node at, and its children after the nodes
// already there: indexes, not pointers, as the nodes may move while the
// slice grows past the count of an anchor outside the tree.
func (c *compacter) copy(at int32, n *yaml.Node) {
	dst := Node{Value: n.Value, Line: int32(n.Line), Column: int32(n.Column), kind: uint8(n.Kind), style: uint8(n.Style), tag: tagIndex(n.Tag)}
	if dst.tag == 0 && n.Tag != "" || n.Anchor != "" || n.Alias != nil || n.HeadComment != "" || n.LineComment != "" || n.FootComment != "" {
		e := nodeExtra{anchor: n.Anchor, headComment: n.HeadComment, lineComment: n.LineComment, footComment: n.FootComment}
		if dst.tag == 0 {
			e.tag = n.Tag
		}
		c.t.extras = append(c.t.extras, e)
		dst.extra = int32(len(c.t.extras))
	}
	if n.Anchor != "" {
		if c.anchored == nil {
			c.anchored = map[*yaml.Node]int32{}
		}
		c.anchored[n] = at
	}
	if n.Alias != nil {
		c.aliases = append(c.aliases, pendingAlias{at, n.Alias})
	}
	if len(n.Content) > 0 {
		dst.first, dst.count = int32(len(c.t.nodes)), int32(len(n.Content))
		if end := len(c.t.nodes) + len(n.Content); end <= cap(c.t.nodes) {
			c.t.nodes = c.t.nodes[:end] // zero since make: no clearing again
		} else {
			c.t.nodes = append(c.t.nodes, make([]Node, len(n.Content))...)
		}
	}
	c.t.nodes[at] = dst
	for i, child := range n.Content {
		c.copy(dst.first+int32(i), child)
	}
}

// YAML returns the tree as yaml.Nodes again, to be encoded.
func (t *Tree) YAML() *yaml.Node {
	made := map[*Node]*yaml.Node{}
	var conv func(n *Node) *yaml.Node
	conv = func(n *Node) *yaml.Node {
		if y, ok := made[n]; ok {
			return y
		}
		y := &yaml.Node{Kind: n.Kind(), Style: n.Style(), Tag: t.Tag(n), Value: n.Value, Line: int(n.Line), Column: int(n.Column)}
		made[n] = y
		if n.extra != 0 {
			e := &t.extras[n.extra-1]
			y.Anchor, y.HeadComment, y.LineComment, y.FootComment = e.anchor, e.headComment, e.lineComment, e.footComment
			if a := t.Alias(n); a != nil {
				y.Alias = conv(a)
			}
		}
		if n.count > 0 {
			content := t.Content(n)
			y.Content = make([]*yaml.Node, len(content))
			for i := range content {
				y.Content[i] = conv(&content[i])
			}
		}
		return y
	}
	return conv(t.Root())
}

// HasAlias reports whether any node of the tree defines an anchor or is an
// alias.
func (t *Tree) HasAlias() bool { return t.hasAlias(t.Root()) }

func (t *Tree) hasAlias(n *Node) bool {
	if t.Anchored(n) {
		return true
	}
	content := t.Content(n)
	for i := range content {
		if t.hasAlias(&content[i]) {
			return true
		}
	}
	return false
}

// target follows an alias; other nodes are returned as they are.
func (t *Tree) target(n *Node) *Node {
	if n.Kind() == yaml.AliasNode {
		if a := t.Alias(n); a != nil {
			return a
		}
	}
	return n
}

// Locate is the package function Locate on the compact tree.
func (t *Tree) Locate(pointer string) (key, value *Node, exists bool) {
	if t == nil {
		return nil, nil, false
	}
	value = t.Root()
	if pointer == "" {
		return nil, value, true
	}
	if pointer[0] != '/' {
		return nil, value, false
	}
	rest := pointer[1:]
	for {
		tok := rest
		more := false
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			tok, rest, more = rest[:i], rest[i+1:], true
		}
		k, v := t.child(t.target(value), jsonptr.Unescape(tok))
		if v == nil {
			return key, value, false
		}
		key, value = k, v
		if !more {
			return key, value, true
		}
	}
}

func (t *Tree) child(n *Node, tok string) (key, value *Node) {
	content := t.Content(n)
	switch n.Kind() {
	case yaml.MappingNode:
		for i := 0; i+1 < len(content); i += 2 {
			if k := t.target(&content[i]); k.Kind() == yaml.ScalarNode && k.Value == tok {
				return &content[i], &content[i+1]
			}
		}
	case yaml.SequenceNode:
		i, ok := arrayIndex(tok)
		if ok && i < len(content) {
			return nil, &content[i]
		}
	}
	return nil, nil
}

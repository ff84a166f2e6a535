package yamlx

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// Node is a compact, read-only copy of a document's yaml.Node tree: what
// positions, the text of scalars and re-emitting the document need, in a
// third of the memory. A yaml.Node is 152 bytes on the heap of its own,
// reached through a pointer; a Node is 64 bytes held in its parent's
// Content. Tags the resolver gives, anchors, aliases and comments, which
// few nodes have, live beside it. A loaded design keeps one tree per
// document until the end, so this is most of what loading retains.
//
// Aliases point into the same tree; pairs a merge (<<) copied are copied,
// within the alias expansion limit the merge was charged against.
type Node struct {
	Content      []Node
	Value        string
	Line, Column int32
	kind         uint8
	style        uint8
	tag          uint8 // index in commonTags; 0: the tag is in extra
	extra        *nodeExtra
}

type nodeExtra struct {
	tag, anchor                           string
	alias                                 *Node
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

// Tag is the node's tag, such as "!!str".
func (n *Node) Tag() string {
	if n.tag != 0 {
		return commonTags[n.tag]
	}
	if n.extra != nil {
		return n.extra.tag
	}
	return ""
}

// Alias is the node an AliasNode stands for, nil for other nodes.
func (n *Node) Alias() *Node {
	if n.extra == nil {
		return nil
	}
	return n.extra.alias
}

// Anchored reports whether the node defines an anchor or is an alias.
func (n *Node) Anchored() bool {
	return n.Kind() == yaml.AliasNode || n.extra != nil && n.extra.anchor != ""
}

// Compact returns the compact copy of the tree at root (nil for nil).
func Compact(root *yaml.Node) *Node {
	if root == nil {
		return nil
	}
	c := compacter{}
	out := &Node{}
	c.copy(out, root)
	for _, p := range c.aliases {
		t, ok := c.anchored[p.target]
		if !ok {
			// An anchor outside the tree: copy it on its own.
			t = &Node{}
			c.copy(t, p.target)
		}
		p.node.extra.alias = t
	}
	return out
}

type compacter struct {
	anchored map[*yaml.Node]*Node // nodes with an anchor, where they were copied to
	aliases  []pendingAlias
}

type pendingAlias struct {
	node   *Node
	target *yaml.Node
}

func (c *compacter) copy(dst *Node, n *yaml.Node) {
	*dst = Node{Value: n.Value, Line: int32(n.Line), Column: int32(n.Column), kind: uint8(n.Kind), style: uint8(n.Style), tag: tagIndex(n.Tag)}
	if dst.tag == 0 && n.Tag != "" || n.Anchor != "" || n.Alias != nil || n.HeadComment != "" || n.LineComment != "" || n.FootComment != "" {
		dst.extra = &nodeExtra{anchor: n.Anchor, headComment: n.HeadComment, lineComment: n.LineComment, footComment: n.FootComment}
		if dst.tag == 0 {
			dst.extra.tag = n.Tag
		}
	}
	if n.Anchor != "" {
		if c.anchored == nil {
			c.anchored = map[*yaml.Node]*Node{}
		}
		c.anchored[n] = dst
	}
	if n.Alias != nil {
		c.aliases = append(c.aliases, pendingAlias{dst, n.Alias})
	}
	if len(n.Content) > 0 {
		dst.Content = make([]Node, len(n.Content))
		for i, child := range n.Content {
			c.copy(&dst.Content[i], child)
		}
	}
}

// YAML returns the tree as yaml.Nodes again, to be encoded.
func (n *Node) YAML() *yaml.Node {
	made := map[*Node]*yaml.Node{}
	var conv func(n *Node) *yaml.Node
	conv = func(n *Node) *yaml.Node {
		if y, ok := made[n]; ok {
			return y
		}
		y := &yaml.Node{Kind: n.Kind(), Style: n.Style(), Tag: n.Tag(), Value: n.Value, Line: int(n.Line), Column: int(n.Column)}
		made[n] = y
		if e := n.extra; e != nil {
			y.Anchor, y.HeadComment, y.LineComment, y.FootComment = e.anchor, e.headComment, e.lineComment, e.footComment
			if e.alias != nil {
				y.Alias = conv(e.alias)
			}
		}
		if len(n.Content) > 0 {
			y.Content = make([]*yaml.Node, len(n.Content))
			for i := range n.Content {
				y.Content[i] = conv(&n.Content[i])
			}
		}
		return y
	}
	return conv(n)
}

// targetNode follows an alias; other nodes are returned as they are.
func targetNode(n *Node) *Node {
	if n.Kind() == yaml.AliasNode && n.Alias() != nil {
		return n.Alias()
	}
	return n
}

// Locate is the package function Locate on the compact tree.
func (n *Node) Locate(pointer string) (key, value *Node, exists bool) {
	if n == nil {
		return nil, nil, false
	}
	value = n
	if pointer == "" {
		return nil, n, true
	}
	if pointer[0] != '/' {
		return nil, n, false
	}
	rest := pointer[1:]
	for {
		tok := rest
		more := false
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			tok, rest, more = rest[:i], rest[i+1:], true
		}
		k, v := compactChild(targetNode(value), unescapeToken(tok))
		if v == nil {
			return key, value, false
		}
		key, value = k, v
		if !more {
			return key, value, true
		}
	}
}

func compactChild(n *Node, tok string) (key, value *Node) {
	switch n.Kind() {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := targetNode(&n.Content[i]); k.Kind() == yaml.ScalarNode && k.Value == tok {
				return &n.Content[i], &n.Content[i+1]
			}
		}
	case yaml.SequenceNode:
		i, ok := arrayIndex(tok)
		if ok && i < len(n.Content) {
			return nil, &n.Content[i]
		}
	}
	return nil, nil
}

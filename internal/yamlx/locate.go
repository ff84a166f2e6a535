package yamlx

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/opsdesign/opsdesign/internal/jsonptr"
)

// Pointer builds an RFC 6901 JSON pointer from unescaped reference tokens;
// Pointer() is "", the whole document.
func Pointer(tokens ...string) string { return jsonptr.Join(tokens...) }

// Locate resolves an RFC 6901 JSON pointer inside a document's Root,
// following aliases on the way. exists reports whether the whole pointer
// resolved. When it did not, key and value are those of the deepest
// ancestor that exists, so a missing property is reported at its object.
//
// key is the mapping key node of the last member resolved (nil for the root
// and for sequence items). value is the node as written at that place: an
// AliasNode when the member is an alias (its Alias field is the target), so
// that positions point where the value is used. Sequence indexes are decimal
// without leading zeros; "-" (past the end) never exists.
func Locate(root *yaml.Node, pointer string) (key, value *yaml.Node, exists bool) {
	if root == nil {
		return nil, nil, false
	}
	value = root
	if pointer == "" {
		return nil, root, true
	}
	if pointer[0] != '/' {
		return nil, root, false
	}
	rest := pointer[1:]
	for {
		tok := rest
		more := false
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			tok, rest, more = rest[:i], rest[i+1:], true
		}
		k, v := child(target(value), jsonptr.Unescape(tok))
		if v == nil {
			return key, value, false
		}
		key, value = k, v
		if !more {
			return key, value, true
		}
	}
}

// child finds the member tok of a mapping or sequence node.
func child(n *yaml.Node, tok string) (key, value *yaml.Node) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; target(k).Kind == yaml.ScalarNode && keyText(k) == tok {
				return k, n.Content[i+1]
			}
		}
	case yaml.SequenceNode:
		i, ok := arrayIndex(tok)
		if ok && i < len(n.Content) {
			return nil, n.Content[i]
		}
	}
	return nil, nil
}

// arrayIndex parses an RFC 6901 array index: "0" or digits without a leading
// zero.
func arrayIndex(tok string) (int, bool) {
	if tok == "" || len(tok) > 9 || (len(tok) > 1 && tok[0] == '0') {
		return 0, false
	}
	n := 0
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
